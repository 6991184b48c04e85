"""The daily scan (``scan.run_scan``): which milestones and targets become supervised
items, for which bureaus, once; how items end when the work is done or no longer due."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from jiyuan_portal.alerts import scan
from jiyuan_portal.alerts.models import (
    Alert,
    AlertBureau,
    EscalationStep,
    Notification,
    Step,
)
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Milestone, Task
from tests.alerts.support import (
    AFTER,
    DUE,
    alerts_of,
    behind_target,
    day,
    fresh_plan,
    keys_of,
    late_milestone,
    moment,
    recurring_milestone,
    report,
    roles_of,
    staffed_bureau,
    steps_of,
    the_alert,
)
from tests.factories import (
    BureauFactory,
    MilestoneFactory,
    MilestoneReportFactory,
    TaskFactory,
    UserFactory,
    bureau_staff,
    supervisor,
)

pytestmark = pytest.mark.usefixtures("seed")

LEAD, COOPERATING = AlertBureau.Role.LEAD, AlertBureau.Role.COOPERATING


def counts():
    return (
        Alert.objects.count(),
        AlertBureau.objects.count(),
        Notification.objects.count(),
        EscalationStep.objects.count(),
    )


# One-off milestones.


def test_an_overdue_milestone_is_flagged_once_for_its_lead_and_co_responsible_bureaus():
    lead, other = BureauFactory(), BureauFactory()
    milestone = late_milestone(lead, other)

    scan.run_scan(on=AFTER)
    scan.run_scan(on=AFTER + datetime.timedelta(days=1))

    alert = the_alert(milestone)
    assert (alert.kind, alert.period, alert.due_date) == (Alert.Kind.MILESTONE_OVERDUE, 2017, DUE)
    assert (alert.task, alert.plan) == (milestone.task, milestone.task.plan)
    assert roles_of(alert) == {(lead.pk, LEAD), (other.pk, COOPERATING)}
    assert alert.lead_bureau == lead
    assert alert.is_active
    assert alert.days_late(on=AFTER) == 10


def test_a_second_scan_the_same_day_adds_no_item_notification_or_step():
    bureau, _staff = staffed_bureau()
    late_milestone(bureau)
    first = scan.run_scan(on=AFTER)
    written = counts()

    again = scan.run_scan(on=AFTER)

    assert first.flagged > 0 and first.notified > 0 and first.escalated
    assert (again.flagged, again.resolved, again.withdrawn, again.notified) == (0, 0, 0, 0)
    assert again.escalated == {}
    assert counts() == written


def test_a_milestone_is_not_flagged_on_or_before_its_due_date():
    milestone = late_milestone(due=AFTER)

    scan.run_scan(on=AFTER - datetime.timedelta(days=1))
    scan.run_scan(on=AFTER)

    assert not alerts_of(milestone).exists()


def test_a_milestone_done_on_time_is_never_flagged():
    milestone = late_milestone(completed_on=DUE - datetime.timedelta(days=3))

    scan.run_scan(on=AFTER)

    assert not alerts_of(milestone).exists()


def test_a_milestone_completed_late_closes_its_item_and_keeps_the_record():
    milestone = late_milestone()
    scan.run_scan(on=AFTER)
    milestone.completed_on = day("2017-06-20")
    milestone.save()

    result = scan.run_scan(on=day("2017-06-25"))

    alert = the_alert(milestone)
    assert result.resolved >= 1
    assert alert.resolved_on == day("2017-06-20")
    assert alert.state == Alert.State.DONE
    assert alert.closed_at is None  # a supervisor closes it (销号)
    assert alert.days_late(on=day("2017-12-31")) == 20
    assert not Alert.objects.active().filter(pk=alert.pk).exists()
    assert steps_of(alert) == [(Step.URGE, 1)]  # nothing more once done


def test_a_milestone_whose_due_date_moved_later_is_no_longer_supervised():
    milestone = late_milestone()
    scan.run_scan(on=AFTER)
    milestone.due_date = day("2017-09-30")
    milestone.save()

    result = scan.run_scan(on=AFTER + datetime.timedelta(days=1))

    alert = the_alert(milestone)
    assert result.withdrawn == 1
    assert alert.closed_at is not None
    assert alert.closing_note
    assert alert.state == Alert.State.CLOSED
    assert not Alert.objects.active().filter(pk=alert.pk).exists()


def test_an_item_follows_the_due_date_of_a_milestone_still_overdue():
    milestone = late_milestone()
    scan.run_scan(on=AFTER)
    milestone.due_date = day("2017-06-05")
    milestone.save()

    scan.run_scan(on=AFTER + datetime.timedelta(days=1))

    alert = the_alert(milestone)
    assert alert.is_active
    assert alert.due_date == day("2017-06-05")


def test_a_milestone_missed_again_after_its_due_date_moved_is_flagged_again():
    milestone = late_milestone()
    scan.run_scan(on=AFTER)
    milestone.due_date = day("2017-09-30")
    milestone.save()
    scan.run_scan(on=AFTER + datetime.timedelta(days=1))

    scan.run_scan(on=day("2017-10-05"))

    assert Alert.objects.active().filter(milestone=milestone).exists()


def test_a_one_off_milestone_still_overdue_after_its_due_date_moved_to_another_year_has_one_item():
    milestone = late_milestone(due=day("2017-12-15"))
    scan.run_scan(on=day("2018-02-01"))
    milestone.due_date = day("2018-01-15")  # corrected, still past
    milestone.save()

    scan.run_scan(on=day("2018-02-02"))
    scan.run_scan(on=day("2018-02-03"))

    assert Alert.objects.active().filter(milestone=milestone).count() == 1


# Recurring (每年, 持续) milestones, judged per calendar year.


def test_a_yearly_milestone_is_flagged_for_each_year_it_was_not_reported():
    milestone = recurring_milestone(due=day("2017-06-30"))
    MilestoneReportFactory(
        milestone=milestone,
        outcome="progress",
        completed_on=None,
        approved=True,
        submitted_at=moment("2018-03-01"),
    )
    # A report still awaiting review does not count for its year.
    MilestoneReportFactory(
        milestone=milestone,
        outcome="progress",
        completed_on=None,
        submitted=True,
        submitted_at=moment("2019-03-01"),
    )

    scan.run_scan(on=day("2020-01-15"))

    assert dict(alerts_of(milestone).values_list("period", "due_date")) == {
        2017: day("2017-06-30"),
        2019: day("2019-06-30"),
    }


def test_an_ongoing_milestone_is_judged_at_the_end_of_each_calendar_year():
    milestone = recurring_milestone(recurrence=Milestone.Recurrence.ONGOING)
    MilestoneReportFactory(
        milestone=milestone,
        outcome="progress",
        completed_on=None,
        approved=True,
        submitted_at=moment("2017-11-15"),
    )

    scan.run_scan(on=day("2018-12-31"))  # 2018 is not over yet
    assert not alerts_of(milestone).exists()

    scan.run_scan(on=day("2019-01-01"))
    assert list(alerts_of(milestone).values_list("period", "due_date")) == [
        (2018, day("2018-12-31"))
    ]


def test_recurring_milestones_are_judged_no_further_than_2020():
    milestone = recurring_milestone(due=day("2018-03-31"))

    scan.run_scan(on=day("2023-06-01"))

    assert sorted(alerts_of(milestone).values_list("period", flat=True)) == [2018, 2019, 2020]


def test_a_yearly_milestone_due_on_29_february_is_judged_every_year():
    milestone = recurring_milestone(due=day("2016-02-29"))

    scan.run_scan(on=day("2018-06-01"))

    assert sorted(alerts_of(milestone).values_list("period", flat=True)) == [2016, 2017, 2018]


def test_a_recurring_period_reported_late_is_done_on_the_day_it_was_reported():
    milestone = recurring_milestone(due=day("2018-06-30"))
    scan.run_scan(on=day("2018-07-05"))
    MilestoneReportFactory(
        milestone=milestone,
        outcome="progress",
        completed_on=None,
        approved=True,
        submitted_at=moment("2018-08-01"),
    )

    result = scan.run_scan(on=day("2018-08-02"))

    alert = the_alert(milestone, period=2018)
    assert result.resolved >= 1
    assert alert.resolved_on == day("2018-08-01")
    assert alert.state == Alert.State.DONE


# Targets behind.


def test_a_target_behind_is_flagged_once_per_year_and_done_when_it_catches_up():
    bureau = BureauFactory()
    target = behind_target(task=TaskFactory(bureaus=[bureau]))

    scan.run_scan(on=day("2018-06-01"))
    scan.run_scan(on=day("2018-08-01"))
    alert = the_alert(target)
    assert (alert.kind, alert.period, alert.due_date) == (
        Alert.Kind.TARGET_BEHIND,
        2018,
        day("2018-06-01"),
    )
    assert roles_of(alert) == {(bureau.pk, LEAD)}

    report(target, 20, as_of="2018-08-31")  # on pace again
    scan.run_scan(on=day("2018-09-02"))

    alert.refresh_from_db()
    assert alert.resolved_on == day("2018-09-02")
    assert alert.state == Alert.State.DONE
    assert alerts_of(target).count() == 1


def test_a_target_behind_again_in_a_later_year_is_a_new_item():
    target = behind_target(task=TaskFactory(bureaus=[BureauFactory()]))

    scan.run_scan(on=day("2018-06-01"))
    scan.run_scan(on=day("2019-03-01"))

    assert sorted(alerts_of(target).values_list("period", flat=True)) == [2018, 2019]


def test_a_target_still_behind_the_next_year_is_not_marked_caught_up():
    target = behind_target(task=TaskFactory(bureaus=[BureauFactory()]))
    scan.run_scan(on=day("2018-06-01"))

    scan.run_scan(on=day("2019-03-01"))

    assert the_alert(target, period=2018).resolved_on is None


def test_a_plan_goal_behind_goes_to_the_bureaus_leading_the_plans_key_tasks():
    plan = fresh_plan()
    first, second, helper, other = (BureauFactory() for _ in range(4))
    TaskFactory(plan=plan, bureaus=[first, helper])
    TaskFactory(plan=plan, bureaus=[second])
    TaskFactory(plan=plan, bureaus=[other], section=Task.Section.SAFEGUARD)
    goal = behind_target(plan=plan)

    scan.run_scan(on=day("2018-06-01"))

    alert = the_alert(goal)
    assert alert.task is None
    assert alert.plan == plan
    assert roles_of(alert) == {(first.pk, LEAD), (second.pk, LEAD)}


# Who is told.


def test_only_active_staff_of_the_bureaus_concerned_are_notified():
    lead, other, unrelated = BureauFactory(), BureauFactory(), BureauFactory()
    lead_staff, other_staff = bureau_staff(lead), bureau_staff(other)
    gone = bureau_staff(lead, is_active=False)
    not_staff = UserFactory(bureau=lead)  # in the bureau, not in the staff role
    stranger = bureau_staff(unrelated)
    boss = supervisor()
    milestone = late_milestone(lead, other)

    scan.run_scan(on=AFTER)

    key = f"alert:{the_alert(milestone).pk}"
    assert key in keys_of(lead_staff)
    assert key in keys_of(other_staff)
    for user in (gone, not_staff, stranger, boss):
        assert key not in keys_of(user)


def test_the_lead_bureau_is_asked_for_an_explanation_and_the_others_are_told():
    lead, lead_staff = staffed_bureau()
    other, other_staff = staffed_bureau()
    milestone = late_milestone(lead, other)

    scan.run_scan(on=AFTER)

    key = f"alert:{the_alert(milestone).pk}"
    told_lead = Notification.objects.get(recipient=lead_staff, key=key)
    told_other = Notification.objects.get(recipient=other_staff, key=key)
    assert told_lead.kind == told_other.kind == Notification.Kind.OVERDUE
    assert told_lead.title.startswith(told_other.title)
    assert told_lead.title != told_other.title  # (explanation requested)
    assert milestone.description in told_other.title
    assert told_lead.url == the_alert(milestone).get_absolute_url()


def test_the_bureaus_of_a_target_behind_are_told_it_is_behind():
    bureau, staff = staffed_bureau()
    target = behind_target(task=TaskFactory(bureaus=[bureau]))

    scan.run_scan(on=day("2018-06-01"))

    notification = Notification.objects.get(recipient=staff)
    assert notification.kind == Notification.Kind.TARGET_BEHIND
    assert notification.key == f"alert:{the_alert(target).pk}"


# The ladder, as the scan climbs it (the rules case by case: test_ladder.py).


def test_the_scan_urges_only_the_lead_bureau_on_the_first_day_overdue():
    today = status.today()
    lead, lead_staff = staffed_bureau()
    other, other_staff = staffed_bureau()
    boss = supervisor()
    milestone = late_milestone(lead, other, due=today - datetime.timedelta(days=1))

    scan.run_scan(on=today)

    alert = the_alert(milestone)
    step = EscalationStep.objects.get(alert=alert)
    assert (step.step, step.number, step.taken_by) == (Step.URGE, 1, None)
    assert alert.step == Step.URGE
    assert set(step.recipients.all()) == {lead_staff}
    assert f"step:{step.pk}" in keys_of(lead_staff)
    assert f"step:{step.pk}" not in keys_of(other_staff) + keys_of(boss)


def test_an_urging_unanswered_for_a_week_puts_the_item_in_a_bulletin_to_all_concerned():
    today = status.today()
    lead, lead_staff = staffed_bureau()
    other, other_staff = staffed_bureau()
    boss = supervisor()
    milestone = late_milestone(lead, other, due=today - datetime.timedelta(days=9))
    scan.run_scan(on=today)
    alert = the_alert(milestone)
    # The 催办 was taken a week ago, and nobody answered.
    EscalationStep.objects.filter(alert=alert).update(
        taken_at=moment(today.isoformat()) - datetime.timedelta(days=7)
    )

    scan.run_scan(on=today)

    bulletin = EscalationStep.objects.get(alert=alert, step=Step.BULLETIN)
    assert bulletin.number == 1
    assert set(bulletin.recipients.all()) == {lead_staff, other_staff, boss}
    alert.refresh_from_db()
    assert alert.step == Step.BULLETIN


def test_an_item_done_or_closed_is_not_escalated():
    today = status.today()
    milestone = late_milestone(due=today - datetime.timedelta(days=20))
    milestone.completed_on = today - datetime.timedelta(days=2)
    milestone.save()
    # Flagged before it was done (an earlier scan), done now.
    Alert.objects.create(
        kind=Alert.Kind.MILESTONE_OVERDUE,
        milestone=milestone,
        task=milestone.task,
        plan=milestone.task.plan,
        period=milestone.due_date.year,
        due_date=milestone.due_date,
    )

    scan.run_scan(on=today)

    assert steps_of(the_alert(milestone)) == []


def test_scans_as_of_successive_past_days_climb_the_ladder():
    milestone = late_milestone(due=day("2018-01-01"))

    scan.run_scan(on=day("2018-01-02"))  # 催办 on the first day
    scan.run_scan(on=day("2018-01-16"))  # 15 days overdue: 通报

    assert steps_of(the_alert(milestone)) == [(Step.URGE, 1), (Step.BULLETIN, 1)]


# Cost.


def _queries_of_a_scan_with(n: int) -> int:
    """The queries of a first scan with ``n`` more late milestones, each of its own task
    with two staffed bureaus (rolled back afterwards). SQLite takes at most 999 parameters
    a statement, so Django splits a large bulk insert into batches of one statement each:
    consecutive batches of the same insert are counted once."""
    with transaction.atomic():
        for _ in range(n):
            lead, other = BureauFactory(), BureauFactory()
            bureau_staff(lead)
            bureau_staff(other)
            MilestoneFactory(task=TaskFactory(bureaus=[lead, other]), due_date=DUE)
        recurring_milestone(due=day("2017-03-31"))
        with CaptureQueriesContext(connection) as queries:
            result = scan.run_scan(on=day("2018-01-10"))
        assert result.flagged > n
        assert result.notified >= 2 * n
        transaction.set_rollback(True)
    statements = []
    for query in queries.captured_queries:
        sql = query["sql"][:60]
        if not (sql.startswith("INSERT") and statements and statements[-1] == sql):
            statements.append(sql)
    return len(statements)


def test_the_scan_makes_as_many_queries_for_50_milestones_as_for_5():
    supervisor()

    assert _queries_of_a_scan_with(50) == _queries_of_a_scan_with(5)


def test_a_milestone_without_a_date_is_never_flagged(seed):
    milestone = MilestoneFactory(due_date=None, recurrence=Milestone.Recurrence.UNDATED)

    scan.run_scan(day("2021-03-01"))

    assert not Alert.objects.filter(milestone=milestone).exists()
