"""我的任务: a bureau's start page lists everything it leads or shares across the five plans,
what is due next, what was returned, and which partners have not reported this month."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jiyuan_portal.reporting.models import TargetReport
from jiyuan_portal.tracking.models import Bureau, Plan, Task, TaskBureau
from jiyuan_portal.tracking.status import MilestoneStatus
from tests import factories

URL = reverse("dashboard:my_work")


@pytest.fixture
def epb(seed):
    """市环境保护局: leads capacity 二(五) and shares tasks in several plans."""
    return Bureau.objects.get(name="市环境保护局")


def my_work(client, bureau):
    client.force_login(factories.bureau_staff(bureau))
    response = client.get(URL)
    assert response.status_code == 200
    return response.context["work"], response.content.decode()


def work_on(work, task):
    return next(item for item in work.tasks if item.task == task)


def test_the_page_lists_every_task_the_bureau_leads_or_shares_in_all_plans(client, epb):
    work, page = my_work(client, epb)

    expected = set(Task.objects.filter(assignments__bureau=epb))
    assert {item.task for item in work.tasks} == expected
    assert len(work.tasks) == len(expected), "each task once"
    assert len({task.plan_id for task in expected}) > 1
    for task in expected:
        assert task.get_absolute_url() in page


def test_each_task_says_whether_the_bureau_leads_or_shares_it(client, epb):
    work, _ = my_work(client, epb)

    roles = {(item.task.plan.code, item.task.number): item.assignment.role for item in work.tasks}
    assert roles[("capacity", "二(五)")] == TaskBureau.Role.LEAD
    assert roles[("capacity", "二(二)")] == TaskBureau.Role.COOPERATING


def test_another_bureaus_tasks_are_not_listed(client, epb):
    elsewhere = factories.TaskFactory(
        plan=Plan.objects.get(code="innovation"), bureaus=[Bureau.objects.get(name="市科学技术局")]
    )

    work, page = my_work(client, epb)

    assert elsewhere not in {item.task for item in work.tasks}
    assert elsewhere.get_absolute_url() not in page


def test_what_is_due_next_is_the_earliest_open_milestone(client, epb):
    task = factories.TaskFactory(plan=Plan.objects.get(code="innovation"), bureaus=[epb])
    today = timezone.localdate()
    factories.MilestoneFactory(
        task=task,
        due_date=today - datetime.timedelta(days=400),
        completed_on=today - datetime.timedelta(days=401),
    )
    soon = factories.MilestoneFactory(task=task, due_date=today + datetime.timedelta(days=5))
    factories.MilestoneFactory(task=task, due_date=today + datetime.timedelta(days=90))

    work, _ = my_work(client, epb)

    assert work_on(work, task).next_due == soon
    assert work_on(work, task).next_due.status == MilestoneStatus.DUE_SOON


def test_targets_show_their_approved_actual(client, epb):
    task = factories.TaskFactory(plan=Plan.objects.get(code="innovation"), bureaus=[epb])
    target = factories.TargetFactory(plan=task.plan, task=task, value=Decimal(30))
    factories.TargetReportFactory(target=target, value=Decimal(12), approved=True)
    factories.TargetReportFactory(target=target, value=Decimal(25), submitted=True)

    work, _ = my_work(client, epb)

    [shown] = work_on(work, task).targets
    assert shown.progress.actual == Decimal(12)


def test_returned_items_are_shown_with_the_reviewers_comment(client, epb):
    task = factories.TaskFactory(plan=Plan.objects.get(code="innovation"), bureaus=[epb])
    target = factories.TargetReportFactory(
        target=factories.TargetFactory(plan=task.plan, task=task, indicator="退回测试指标"),
        returned=True,
        review_comment="数值与佐证不一致",
    )
    factories.TargetReportFactory(
        target=factories.TargetFactory(plan=task.plan, task=task, indicator="他局指标"),
        bureau=Bureau.objects.get(name="市科学技术局"),
        returned=True,
        review_comment="别的单位的退回",
    )

    work, page = my_work(client, epb)

    assert [report.pk for report in work.returned] == [target.pk]
    assert "数值与佐证不一致" in page
    assert target.get_absolute_url() in page
    assert "别的单位的退回" not in page


def test_drafts_not_yet_submitted_are_listed_apart(client, epb):
    task = factories.TaskFactory(plan=Plan.objects.get(code="innovation"), bureaus=[epb])
    draft = factories.TargetReportFactory(target=factories.TargetFactory(plan=task.plan, task=task))
    record = factories.CapacityExitFactory(
        task=Task.objects.get(plan__code="capacity", number="二(五)"),
        bureau=epb,
        industry="small_polluting",
        name="某小散乱污企业",
    )
    factories.TargetReportFactory(target=draft.target, submitted=True)

    work, page = my_work(client, epb)

    assert {report.pk for report in work.drafts} == {draft.pk, record.pk}
    assert work.returned == []
    assert "某小散乱污企业" in page


# --- Silent partners -------------------------------------------------------------------------


@pytest.fixture
def shared_task(epb):
    """A task 市环境保护局 leads with two co-responsible bureaus."""
    return factories.TaskFactory(
        plan=Plan.objects.get(code="innovation"),
        bureaus=[epb, Bureau.objects.get(name="市财政局"), Bureau.objects.get(name="市科学技术局")],
    )


def silent_partners(client, bureau, task):
    work, page = my_work(client, bureau)
    return {b.name for b in work_on(work, task).silent_partners}, page


def test_the_lead_sees_which_partners_have_not_reported_this_month(client, epb, shared_task):
    target = factories.TargetFactory(plan=shared_task.plan, task=shared_task)
    factories.TargetReportFactory(
        target=target, bureau=Bureau.objects.get(name="市财政局"), submitted=True
    )

    silent, page = silent_partners(client, epb, shared_task)

    assert silent == {"市科学技术局"}
    assert "市科学技术局" in page


def test_a_report_of_last_month_does_not_count_for_this_month(client, epb, shared_task):
    target = factories.TargetFactory(plan=shared_task.plan, task=shared_task)
    report = factories.TargetReportFactory(
        target=target, bureau=Bureau.objects.get(name="市财政局"), approved=True
    )
    first_of_month = timezone.localdate().replace(day=1)
    last_month = timezone.make_aware(
        datetime.datetime.combine(first_of_month - datetime.timedelta(days=1), datetime.time(12))
    )
    TargetReport.objects.filter(pk=report.pk).update(created_at=last_month, submitted_at=last_month)

    silent, _ = silent_partners(client, epb, shared_task)

    assert silent == {"市财政局", "市科学技术局"}


def test_a_draft_does_not_count_as_reporting(client, epb, shared_task):
    target = factories.TargetFactory(plan=shared_task.plan, task=shared_task)
    factories.TargetReportFactory(target=target, bureau=Bureau.objects.get(name="市财政局"))

    silent, _ = silent_partners(client, epb, shared_task)

    assert silent == {"市财政局", "市科学技术局"}


def test_any_kind_of_report_counts_as_reporting(client, epb, shared_task):
    milestone = factories.MilestoneFactory(task=shared_task)
    finance, science = (Bureau.objects.get(name=name) for name in ("市财政局", "市科学技术局"))
    factories.MilestoneReportFactory(milestone=milestone, bureau=finance, submitted=True)
    factories.InnovationEnterpriseFactory(task=shared_task, bureau=science, submitted=True)

    silent, _ = silent_partners(client, epb, shared_task)

    assert silent == set()


def test_only_the_lead_bureau_is_told_about_silent_partners(client, epb, shared_task):
    work, _ = my_work(client, Bureau.objects.get(name="市财政局"))

    assert work_on(work, shared_task).silent_partners == []


# --- Who may see it, and how it scales -----------------------------------------------------------


def test_supervisors_and_admins_are_refused_and_start_on_the_overview(client, epb):
    for user in (factories.supervisor(), factories.portal_admin()):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.get(reverse("dashboard:start")).url == reverse("dashboard:home")


def test_bureau_staff_start_on_their_work(client, epb):
    client.force_login(factories.bureau_staff(epb))
    assert client.get(reverse("dashboard:start")).url == URL


def more_work(bureau):
    """More tasks, targets, milestones and reports of every state and kind."""
    plan = Plan.objects.get(code="innovation")
    partner = Bureau.objects.get(name="市财政局")
    for _ in range(3):
        task = factories.TaskFactory(plan=plan, bureaus=[bureau, partner])
        target = factories.TargetFactory(plan=plan, task=task)
        milestone = factories.MilestoneFactory(task=task)
        for state in ("returned", "approved", "submitted"):
            factories.TargetReportFactory(target=target, bureau=bureau, **{state: True})
            factories.MilestoneReportFactory(milestone=milestone, bureau=bureau, **{state: True})
            factories.InnovationEnterpriseFactory(task=task, bureau=bureau, **{state: True})
        factories.TargetReportFactory(target=target, bureau=bureau)
        factories.TargetReportFactory(target=target, bureau=partner, submitted=True)
        factories.CapacityExitFactory(bureau=bureau, returned=True)


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(URL)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_page_makes_a_constant_number_of_queries_as_reports_grow(client, epb):
    client.force_login(factories.bureau_staff(epb))
    more_work(epb)
    count_queries(client)  # warm up the session and caches
    before = count_queries(client)

    more_work(epb)

    assert count_queries(client) == before


def test_many_drafts_show_the_latest_and_are_counted(client, epb, shared_task):
    from jiyuan_portal.dashboard.my_work import ITEMS_SHOWN

    target = factories.TargetFactory(plan=shared_task.plan, task=shared_task)
    factories.TargetReportFactory.create_batch(ITEMS_SHOWN + 5, target=target, bureau=epb)

    work, page = my_work(client, epb)

    assert len(work.drafts) == ITEMS_SHOWN
    assert work.drafts_count == ITEMS_SHOWN + 5
    assert f">{ITEMS_SHOWN + 5}<" in page


def test_the_task_list_is_paginated_and_filtered_by_plan(client, epb):
    client.force_login(factories.bureau_staff(epb))

    response = client.get(URL, {"plan": "greening"})

    work = response.context["work"]
    assert work.tasks
    assert {item.task.plan.code for item in work.tasks} == {"greening"}
    assert (
        work.page_obj.paginator.count == epb.assignments.filter(task__plan__code="greening").count()
    )
