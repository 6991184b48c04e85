"""The scan writes in the database (``INSERT … SELECT``, ``UPDATE … WHERE EXISTS``): what it
writes reads as the texts Python would compose, and a second run costs the same few queries
however many milestones there are."""

import datetime

import pytest
from django.db import connection, transaction
from django.db.models import F, Value
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _

from jiyuan_portal.alerts import ladder, scan
from jiyuan_portal.alerts.models import (
    Alert,
    AlertBureau,
    EscalationStep,
    Notification,
    Step,
    item_text,
)
from jiyuan_portal.alerts.sql import (
    DaysBetween,
    IsoDate,
    first_characters,
    formatted,
    insert_from,
    joined,
)
from jiyuan_portal.tracking.models import Milestone
from tests.alerts.support import (
    behind_target,
    day,
    fresh_plan,
    late_milestone,
    recurring_milestone,
    staffed_bureau,
)
from tests.factories import MilestoneFactory, TaskFactory, bureau_staff, supervisor

pytestmark = pytest.mark.usefixtures("seed")

ON = day("2018-06-01")


def counts():
    return (
        Alert.objects.count(),
        AlertBureau.objects.count(),
        Notification.objects.count(),
        EscalationStep.objects.count(),
        EscalationStep.recipients.through.objects.count(),
    )


def late_work(n: int) -> None:
    """``n`` milestones of every kind the scan treats, each of its own task with a staffed
    lead and a staffed co-responsible bureau: one-off and late, yearly and ongoing, done
    late, not due yet."""
    for i in range(n):
        lead, _staff = staffed_bureau()
        other, _other_staff = staffed_bureau()
        task = TaskFactory(bureaus=[lead, other])
        kind = i % 5
        if kind == 0:
            MilestoneFactory(task=task, due_date=day("2017-05-31"))
        elif kind == 1:
            MilestoneFactory(task=task, due_date=day("2017-09-30"), recurrence="yearly")
        elif kind == 2:
            MilestoneFactory(task=task, due_date=None, recurrence="ongoing")
        elif kind == 3:
            MilestoneFactory(task=task, due_date=day("2017-03-31"), completed_on=day("2017-04-15"))
        else:
            MilestoneFactory(task=task, due_date=day("2019-03-31"))


def queries_of_the_second_run(n: int, on=ON) -> int:
    """The queries of a scan run again (as of ``on``) after a first run on ``n`` more
    milestones; everything rolled back afterwards."""
    with transaction.atomic():
        late_work(n)
        scan.run_scan(on=ON)
        written = counts()
        with CaptureQueriesContext(connection) as queries:
            scan.run_scan(on=on)
        if on == ON:
            assert counts() == written
        transaction.set_rollback(True)
    return len(queries.captured_queries)


def test_a_second_run_the_same_day_makes_as_many_queries_for_30_milestones_as_for_10():
    supervisor()

    assert queries_of_the_second_run(30) == queries_of_the_second_run(10)


def test_a_run_the_next_day_makes_as_many_queries_for_30_milestones_as_for_10():
    """The items already urged are judged again (in batches, with their histories)."""
    supervisor()
    next_day = ON + datetime.timedelta(days=1)

    assert queries_of_the_second_run(30, next_day) == queries_of_the_second_run(10, next_day)


def test_a_second_run_the_same_day_writes_nothing_and_reports_nothing():
    supervisor()
    late_work(10)
    first = scan.run_scan(on=ON)
    written = counts()

    written_rows = []

    def count_written(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            written_rows.append(max(context["cursor"].rowcount, 0))
        return result

    with connection.execute_wrapper(count_written):
        again = scan.run_scan(on=ON)

    assert first.flagged and first.notified and first.escalated
    assert (again.flagged, again.resolved, again.withdrawn, again.notified) == (0, 0, 0, 0)
    assert again.escalated == {}
    assert counts() == written
    assert sum(written_rows) == 0  # no row inserted, updated or deleted, not even rewritten


# The texts the database composes read as Python composes them.


def expected_title(alert: Alert, role: str) -> str:
    subject = item_text(
        alert.plan.short_name,
        alert.task.number if alert.task_id else "",
        alert.milestone.description if alert.milestone_id else "",
        alert.target.indicator if alert.target_id else "",
    )
    if alert.kind == Alert.Kind.MILESTONE_OVERDUE:
        title = _("Overdue since %(due)s: %(subject)s") % {
            "due": alert.due_date.isoformat(),
            "subject": subject,
        }
    else:
        title = _("Target behind in %(year)s: %(subject)s") % {
            "year": alert.period,
            "subject": subject,
        }
    if role == AlertBureau.Role.LEAD:
        title = _("%(title)s (explanation requested)") % {"title": title}
    return title[:300]


def test_notifications_of_new_items_read_as_python_composes_them():
    lead, lead_staff = staffed_bureau()
    other, other_staff = staffed_bureau()
    long = "完成" + "排查整治工作, 100% 达标 %(x)s " * 12  # over 120 characters
    late_milestone(lead, other, description=long)
    late_milestone(lead, description="")  # no description: plan and task only
    task = TaskFactory(bureaus=[lead], number="")  # no number
    MilestoneFactory(task=task, due_date=day("2017-05-31"), description="无编号任务的节点")
    recurring_milestone(lead, due=day("2016-02-29"))
    behind_target(task=TaskFactory(bureaus=[lead, other]))
    plan = fresh_plan()
    TaskFactory(plan=plan, bureaus=[lead])
    behind_target(plan=plan)  # a plan goal: no task

    scan.run_scan(on=ON)

    notifications = Notification.objects.filter(
        recipient__in=[lead_staff, other_staff], key__startswith="alert:"
    )
    assert notifications.count() >= 8
    for notification in notifications:
        alert = Alert.objects.get(pk=int(notification.key.removeprefix("alert:")))
        role = AlertBureau.objects.get(alert=alert, bureau=notification.recipient.bureau).role
        assert notification.title == expected_title(alert, role)
        assert notification.url == alert.get_absolute_url()
        assert notification.kind == (
            Notification.Kind.OVERDUE
            if alert.kind == Alert.Kind.MILESTONE_OVERDUE
            else Notification.Kind.TARGET_BEHIND
        )
        assert notification.created_at == alert.notified_at


def test_the_first_rung_taken_for_many_items_at_once_is_the_ladders():
    lead, lead_staff = staffed_bureau()
    milestones = [
        late_milestone(lead, due=due)
        for due in (day("2018-05-31"), day("2018-02-28"), day("2016-02-29"))
    ]

    scan.run_scan(on=ON)

    for milestone in milestones:
        alert = Alert.objects.get(milestone=milestone)
        step = EscalationStep.objects.get(alert=alert)
        rung = ladder.next_step((ON - alert.due_date).days, [], None, None, ON)
        assert (step.step, step.number, step.reason) == (rung.step, rung.number, rung.reason)
        assert alert.step == Step.URGE
        notification = Notification.objects.get(recipient=lead_staff, key=f"step:{step.pk}")
        task = milestone.task
        item = item_text(task.plan.short_name, task.number, milestone.description, "")
        title = _("%(step)s: %(item)s") % {"step": Step.URGE.label, "item": item}
        assert notification.title == f"{title} · {rung.reason}"[:300]
        assert notification.url == alert.get_absolute_url()
        assert notification.created_at == step.taken_at


# The building blocks, on both databases.


def annotated(milestone=None, **expressions):
    rows = Milestone.objects.filter(pk=(milestone or late_milestone()).pk)
    return rows.annotate(**expressions).values(*expressions).get()


@pytest.mark.parametrize(
    "first, second",
    [("2018-02-28", "2018-03-01"), ("2016-02-28", "2016-03-01"), ("2018-06-01", "2017-05-31")],
)
def test_days_between_two_dates_counts_as_python(first, second):
    days = annotated(days=DaysBetween(Value(day(first)), Value(day(second))))["days"]

    assert days == (day(second) - day(first)).days


def test_texts_composed_in_the_database_read_as_python_composes_them():
    milestone = late_milestone(due=day("2017-05-31"))

    row = annotated(
        milestone,
        due=IsoDate("due_date"),
        joined=joined(Value(""), F("description"), Value(None), Value("尾")),
        only_empty=joined(Value(""), Value(None)),
        formatted=formatted("%(a)s 100%% %(b)s!", a=F("due_date"), b=Value("乙")),
        cut=first_characters(Value("一二三四五"), 3),
    )

    assert row == {
        "due": "2017-05-31",
        "joined": f"{milestone.description} 尾",
        "only_empty": "",
        "formatted": "2017-05-31 100% 乙!",
        "cut": "一二三",
    }


def test_insert_from_skips_the_rows_a_unique_constraint_refuses():
    bureau, staff = staffed_bureau()
    rows = Milestone.objects.filter(pk=late_milestone(bureau).pk)
    columns = {
        "recipient": Value(staff.pk),
        "kind": Value(Notification.Kind.OVERDUE.value),
        "key": formatted("test:%(pk)s", pk=F("pk")),
        "title": F("description"),
        "url": Value(""),
        "created_at": Value(datetime.datetime.now(datetime.UTC)),
    }

    assert insert_from(Notification, rows, **columns) == 1
    assert insert_from(Notification, rows, **columns) == 0
    assert Notification.objects.filter(recipient=staff).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
def test_an_insert_reading_its_own_table_leaves_the_planner_settings_as_they_were():
    rows = Milestone.objects.filter(pk=-1)
    assert insert_from(Alert, Milestone.objects.none(), kind=Value("x")) == 0
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_nestloop")
        before = cursor.fetchone()[0]
        insert_from(Alert, rows, reads_its_table=True, kind=Value("x"))
        cursor.execute("SHOW enable_nestloop")
        assert cursor.fetchone()[0] == before


def test_bureau_staff_of_every_bureau_concerned_are_told_of_a_plan_goal():
    plan = fresh_plan()
    first, _staff = staffed_bureau()
    second, _other_staff = staffed_bureau()
    TaskFactory(plan=plan, bureaus=[first])
    TaskFactory(plan=plan, bureaus=[second])
    goal = behind_target(plan=plan)
    bureau_staff(first)

    scan.run_scan(on=ON)

    alert = Alert.objects.get(target=goal)
    key = f"alert:{alert.pk}"
    assert Notification.objects.filter(key=key).count() == 3
    assert set(
        Notification.objects.filter(key=key).values_list("recipient__bureau", flat=True)
    ) == {
        first.pk,
        second.pk,
    }
