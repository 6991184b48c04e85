"""A plan's dated goals that belong to no task (到2018年/到2020年…, 总体目标): milestones of
the plan, reported on by the bureaus that report its general goals (the leads of its key
tasks), shown on the plan page and in the milestone list, counted by the cockpit, alerted
and reminded to those bureaus."""

import datetime

import pytest
from django.urls import reverse

from jiyuan_portal.alerts import reminders, scan
from jiyuan_portal.alerts.models import Alert, AlertBureau, Notification
from jiyuan_portal.dashboard.cockpit import plan_blocks
from jiyuan_portal.reporting import permissions
from jiyuan_portal.reporting.models import MilestoneReport, ReviewStatus
from jiyuan_portal.tracking.models import Bureau, Milestone, Plan
from jiyuan_portal.tracking.status import MilestoneStatus
from tests import factories

PLAN = "innovation"
OTHER = "市环境保护局"  # leads no key task of the innovation plan


@pytest.fixture
def goal(seed):
    """到2018年,技术创新攻坚取得明显突破…: the innovation plan's 2018 dated goal."""
    return Milestone.objects.get(plan__code=PLAN, task=None, due_date=datetime.date(2018, 12, 31))


def goal_bureaus(goal):
    return list(permissions.plan_goal_bureaus(goal.plan_id).order_by("order"))


def test_a_plan_s_dated_goal_is_reported_by_the_bureaus_of_its_general_goals(client, goal):
    leads = goal_bureaus(goal)
    assert leads
    other = Bureau.objects.get(name=OTHER)
    assert other not in leads
    staff = factories.bureau_staff(leads[0])
    assert permissions.can_report_on(staff, goal)
    assert not permissions.can_report_on(factories.bureau_staff(other), goal)
    client.force_login(staff)

    created = client.post(
        reverse("reporting:report_create", args=["milestone-report", goal.pk]),
        {"outcome": "completed", "completed_on": "2017-09-01", "narrative": "总体目标已实现"},
    )

    report = MilestoneReport.objects.get(milestone=goal)
    assert created.status_code == 302
    assert (report.task, report.plan.code, report.bureau) == (None, PLAN, leads[0])
    assert client.get(report.get_absolute_url()).status_code == 200
    client.post(reverse("reporting:report_submit", args=[report.pk]), {"version": report.version})
    assert MilestoneReport.objects.get(pk=report.pk).status == ReviewStatus.SUBMITTED

    client.force_login(factories.bureau_staff(other))
    create = reverse("reporting:report_create", args=["milestone-report", goal.pk])
    assert client.get(create).status_code == 403
    assert client.get(report.get_absolute_url()).status_code in (403, 404)


def test_the_plan_page_shows_its_dated_goals_with_a_report_link_for_their_bureaus(client, goal):
    create = reverse("reporting:report_create", args=["milestone-report", goal.pk])
    client.force_login(factories.bureau_staff(goal_bureaus(goal)[0]))
    page = client.get(goal.plan.get_absolute_url()).content.decode()
    section = page[page.index('id="goal-milestones"') : page.index('id="targets"')]
    assert "技术创新攻坚取得明显突破" in section
    assert "豫西北科技创新高地初步形成" in section
    assert create in section

    client.force_login(factories.bureau_staff(Bureau.objects.get(name=OTHER)))
    page = client.get(goal.plan.get_absolute_url()).content.decode()
    assert "技术创新攻坚取得明显突破" in page
    assert create not in page


def test_the_milestone_list_holds_a_plan_s_dated_goals_under_their_plan(client, goal):
    client.force_login(factories.supervisor())
    response = client.get(reverse("dashboard:milestone_list"), {"plan": goal.plan_id, "q": "突破"})
    rows = [row.record for row in response.context["table"].page.object_list]
    assert goal in rows
    assert "总体目标" in response.content.decode()


def test_the_cockpit_counts_a_plan_s_dated_goals_with_its_milestones(goal):
    on = datetime.date(2019, 1, 10)
    block = next(b for b in plan_blocks(on) if b.plan.code == PLAN)
    overdue = Milestone.objects.filter(plan__code=PLAN).overdue(on)
    assert goal in overdue
    assert block.milestones[MilestoneStatus.OVERDUE] == overdue.count()


def test_an_overdue_dated_goal_is_alerted_to_the_bureaus_of_the_plan_s_general_goals(
    goal, settings
):
    # The seed's own items late by 2019 are many: told one by one, not in a summary.
    settings.JIYUAN_NOTIFY_ONE_BY_ONE = 10_000
    leads = goal_bureaus(goal)
    for bureau in leads:
        factories.bureau_staff(bureau)

    scan.run_scan(datetime.date(2019, 1, 10))

    alert = Alert.objects.get(milestone=goal)
    assert (alert.task, alert.plan.code, alert.due_date) == (None, PLAN, goal.due_date)
    links = AlertBureau.objects.filter(alert=alert)
    assert {link.bureau for link in links} == set(leads)
    assert {link.role for link in links} == {AlertBureau.Role.LEAD}
    told = Notification.objects.filter(key=f"alert:{alert.pk}")
    assert {n.recipient.bureau for n in told} == set(leads)


def test_a_dated_goal_due_soon_is_reminded_to_the_bureaus_of_the_plan_s_general_goals(
    goal, settings
):
    settings.JIYUAN_REMINDER_DAYS = [7]
    staff = factories.bureau_staff(goal_bureaus(goal)[0])
    outsider = factories.bureau_staff(Bureau.objects.get(name=OTHER))

    reminders.send_reminders(datetime.date(2018, 12, 26))

    sent = Notification.objects.filter(
        kind=Notification.Kind.REMINDER, key__contains=f":{goal.pk}:"
    )
    assert staff in [n.recipient for n in sent]
    assert outsider not in [n.recipient for n in sent]
    assert all(n.url == goal.plan.get_absolute_url() for n in sent)


def test_a_milestone_without_a_task_needs_its_plan_and_a_task_s_takes_its_task_s(seed):
    from django.core.exceptions import ValidationError

    task = factories.TaskFactory(plan=Plan.objects.get(code=PLAN))
    milestone = Milestone(task=task, description="完成", due_date=datetime.date(2018, 1, 1))
    milestone.full_clean()
    assert milestone.plan_id == task.plan_id
    with pytest.raises(ValidationError):
        Milestone(description="完成", due_date=datetime.date(2018, 1, 1)).full_clean()
    other_plan = Plan.objects.exclude(pk=task.plan_id).first()
    with pytest.raises(ValidationError):
        Milestone(
            task=task, plan=other_plan, description="完成", due_date=datetime.date(2018, 1, 1)
        ).full_clean()
