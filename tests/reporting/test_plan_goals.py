"""Reports on a plan's general goals (targets without a task), and tasks the notice assigns
to nobody: who may report, and that what they report stays reachable to them."""

import pytest
from django.urls import reverse

from jiyuan_portal.reporting.models import Evidence, ReviewStatus, TargetReport
from jiyuan_portal.tracking.loading import load_all
from jiyuan_portal.tracking.models import Bureau, Target, Task, TaskBureau
from tests import factories

GOAL_PLAN = "greening"  # its general goals include the 18% energy-intensity cut


@pytest.fixture
def goal(seed):
    target = Target.objects.filter(plan__code=GOAL_PLAN, task__isnull=True).first()
    assert target is not None and target.task is None
    return target


def goal_leads(goal):
    return Bureau.objects.filter(
        assignments__task__plan=goal.plan,
        assignments__task__section=Task.Section.KEY_TASK,
        assignments__role=TaskBureau.Role.LEAD,
    ).distinct()


def test_a_bureau_that_reports_on_a_plan_goal_reaches_its_report_afterwards(
    client, goal, settings, tmp_path
):
    settings.EVIDENCE_ROOT = tmp_path
    staff = factories.bureau_staff(goal_leads(goal).first())
    client.force_login(staff)

    created = client.post(
        reverse("reporting:report_create", args=["target-report", goal.pk]),
        {
            "value": "5",
            "as_of": "2018-06-30",
            "narrative": "总体目标进展",
            "evidence": [factories.upload("总体目标.pdf")],
        },
    )
    report = TargetReport.objects.get(narrative="总体目标进展")
    evidence = Evidence.objects.get(report=report)

    assert created.status_code == 302
    assert client.get(report.get_absolute_url()).status_code == 200
    assert client.get(reverse("reporting:report_edit", args=[report.pk])).status_code == 200
    assert client.get(evidence.get_absolute_url()).status_code == 200
    submitted = client.post(
        reverse("reporting:report_submit", args=[report.pk]), {"version": report.version}
    )
    assert submitted.status_code == 302
    assert TargetReport.objects.get(pk=report.pk).status == ReviewStatus.SUBMITTED


def test_a_draft_on_a_plan_goal_can_be_deleted_by_its_bureau(client, goal):
    staff = factories.bureau_staff(goal_leads(goal).first())
    report = factories.TargetReportFactory(target=goal, bureau=staff.bureau)
    client.force_login(staff)

    response = client.post(reverse("reporting:report_delete", args=[report.pk]))

    assert response.status_code == 302
    assert not TargetReport.objects.filter(pk=report.pk).exists()


def test_the_plan_page_says_who_reports_on_its_general_goals(client, goal):
    client.force_login(factories.supervisor())

    page = client.get(goal.plan.get_absolute_url()).content.decode()

    line = page[page.index('id="goal-bureaus"') :].split("</p>")[0]
    assert "总体目标" in line
    assert [name for name in goal_leads(goal).values_list("name", flat=True) if name in line] == (
        list(goal_leads(goal).values_list("name", flat=True))
    )


# --- Tasks the notice assigns to nobody ----------------------------------------------------


def unassigned_task():
    return Task.objects.get(plan__code="innovation", number="三(二)")


def test_a_task_the_notice_assigns_to_nobody_says_so_and_takes_no_report(client, seed):
    task = unassigned_task()
    assert not task.assignments.exists()
    client.force_login(factories.bureau_staff(Bureau.objects.get(name="市科学技术局")))

    page = client.get(task.get_absolute_url()).content.decode()

    assert "管理员" in page  # an admin can assign one
    target = factories.TargetFactory(plan=task.plan, task=task)
    create = reverse("reporting:report_create", args=["target-report", target.pk])
    assert client.get(create).status_code == 403


def test_a_bureau_an_admin_assigns_to_such_a_task_reports_on_it_and_is_named(client, seed):
    task = unassigned_task()
    science = Bureau.objects.get(name="市科学技术局")
    admin = factories.portal_admin()
    client.force_login(admin)
    change = reverse("admin:tracking_task_change", args=[task.pk])
    form = {
        "plan": task.plan_id,
        "number": task.number,
        "section": task.section,
        "title": task.title,
        "text": task.text,
        "order": task.order,
        "assignments-TOTAL_FORMS": "1",
        "assignments-INITIAL_FORMS": "0",
        "assignments-0-bureau": science.pk,
        "assignments-0-role": TaskBureau.Role.LEAD,
        "assignments-0-order": "1",
        "milestones-TOTAL_FORMS": "0",
        "milestones-INITIAL_FORMS": "0",
    }
    saved = client.post(change, form)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assignment = TaskBureau.objects.get(task=task)
    assert (assignment.bureau, assignment.source) == (science, TaskBureau.Source.ADMIN)

    client.force_login(factories.bureau_staff(science))
    page = client.get(task.get_absolute_url()).content.decode()
    assert "市科学技术局" in page and "管理员指定" in page
    target = factories.TargetFactory(plan=task.plan, task=task)
    create = reverse("reporting:report_create", args=["target-report", target.pk])
    assert client.get(create).status_code == 200


def test_reloading_the_plans_keeps_a_bureau_an_admin_assigned_where_the_notice_names_none(seed):
    task = unassigned_task()
    named = Task.objects.get(plan__code="innovation", number="二(一)")
    science = Bureau.objects.get(name="市科学技术局")
    finance = Bureau.objects.exclude(assignments__task=named).exclude(name="市科学技术局").first()
    TaskBureau.objects.create(task=task, bureau=science, role=TaskBureau.Role.LEAD, order=1)
    TaskBureau.objects.create(task=named, bureau=finance, role=TaskBureau.Role.COOPERATING, order=9)

    load_all()

    assert list(task.assignments.values_list("bureau__name", flat=True)) == ["市科学技术局"]
    # Where the notice names the bureaus, its list is the list.
    assert not named.assignments.filter(bureau=finance).exists()
