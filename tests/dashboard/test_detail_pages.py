"""The plan, task and bureau pages show a page of each list that grows with the data, with
its count and a link to the full list filtered to it; their queries and their size stay
the same however many rows there are."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jiyuan_portal.dashboard.pages import CHANGES_SHOWN, REPORTS_SHOWN, ROWS_PER_PAGE
from jiyuan_portal.tracking.models import Bureau, Plan, Target
from tests import factories

LEAD, CO = "市工业和信息化委员会", "市环境保护局"


@pytest.fixture
def supervisor_client(client, seed):
    client.force_login(factories.supervisor())
    return client


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def queries_and_size(client, url) -> tuple[int, int]:
    client.get(url)  # warm up the session and the caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), len(response.content)


def links(page: str, marker: str) -> list[str]:
    return [url.replace("&amp;", "&") for url in re.findall(rf'href="([^"]*)" {marker}', page)]


# --- The plan page --------------------------------------------------------------------------


@pytest.fixture
def later_plan(seed):
    """A plan with no app behind it (the generic plan page)."""
    return factories.PlanFactory(code="later-plan", title="后续方案", short_name="后续")


def add_tasks(plan, n, bureaus):
    tasks = [factories.TaskFactory(plan=plan, bureaus=bureaus) for _ in range(n)]
    for task in tasks:
        factories.MilestoneFactory.create_batch(2, task=task)
    return tasks


def add_targets(plan, n, task=None):
    targets = factories.TargetFactory.create_batch(
        n, plan=plan, task=task, indicator="建设绿色园区", year=2020, value=2
    )
    for target in targets:
        factories.TargetReportFactory(
            target=target, bureau=Bureau.objects.get(name=LEAD), value=1, approved=True
        )
    return targets


def plan_url(plan):
    return reverse("dashboard:plan_detail", args=[plan.code])


def test_plan_page_shows_a_page_of_its_tasks_counted_and_linked_to_the_plans_task_list(
    supervisor_client, later_plan
):
    tasks = add_tasks(later_plan, ROWS_PER_PAGE + 5, [Bureau.objects.get(name=LEAD)])

    first = get(supervisor_client, plan_url(later_plan))
    second = get(supervisor_client, plan_url(later_plan), **{"tasks-page": 2})

    page = first.content.decode()
    assert first.context["tasks"].count == ROWS_PER_PAGE + 5
    shown = [task.get_absolute_url() in page for task in tasks]
    assert shown == [True] * ROWS_PER_PAGE + [False] * 5
    assert [t.pk for t in second.context["tasks"]] == [t.pk for t in tasks[ROWS_PER_PAGE:]]
    (full_list,) = [url for url in links(page, "data-full-list") if url.startswith("/tasks/")]
    assert full_list == f"{reverse('dashboard:task_list')}?plan={later_plan.pk}"
    listed = get(supervisor_client, full_list).context["table"].page.paginator.count
    assert listed == len(tasks)


def test_plan_page_shows_a_page_of_its_targets_and_turns_it_keeping_the_tasks_page(
    supervisor_client, later_plan
):
    add_tasks(later_plan, ROWS_PER_PAGE + 1, [Bureau.objects.get(name=LEAD)])
    targets = add_targets(later_plan, ROWS_PER_PAGE + 3)

    response = get(supervisor_client, plan_url(later_plan), **{"tasks-page": 2})
    page = response.content.decode()

    shown = response.context["targets"]
    assert shown.count == ROWS_PER_PAGE + 3 and len(shown.rows) == ROWS_PER_PAGE
    assert all(target.progress.actual == 1 for target in shown.rows)
    # The next page of targets keeps the tasks on their second page.
    next_targets = shown.next_url.replace("&amp;", "&")
    assert "tasks-page=2" in next_targets and "targets-page=2" in next_targets
    second = get(supervisor_client, plan_url(later_plan) + next_targets.split("#")[0])
    assert [t.pk for t in second.context["targets"]] == [t.pk for t in targets[ROWS_PER_PAGE:]]
    assert second.context["tasks"].page.number == 2
    (full_list,) = [url for url in links(page, "data-full-list") if url.startswith("/targets/")]
    assert full_list == f"{reverse('dashboard:target_list')}?plan={later_plan.pk}"
    listed = get(supervisor_client, full_list).context["table"].page.paginator.count
    assert listed == len(targets)


def test_a_page_number_out_of_range_shows_the_last_page(supervisor_client, later_plan):
    add_tasks(later_plan, ROWS_PER_PAGE + 2, [Bureau.objects.get(name=LEAD)])

    response = get(supervisor_client, plan_url(later_plan), **{"tasks-page": 99})

    assert response.context["tasks"].page.number == 2
    assert len(response.context["tasks"].rows) == 2
    assert (
        get(supervisor_client, plan_url(later_plan), **{"tasks-page": "x"})
        .context["tasks"]
        .page.number
        == 1
    )


def test_plan_chart_shows_one_bar_pair_per_year_however_many_targets_share_it(
    supervisor_client, later_plan
):
    """Several targets of one indicator and year (the same goal on several tasks) are one
    row of the chart: their total, as counts add up, labelled with how many they are."""
    add_targets(later_plan, 30)
    factories.TargetFactory(plan=later_plan, indicator="建设绿色园区", year=2018, value=1)

    response = get(supervisor_client, plan_url(later_plan))

    (chart,) = response.context["target_charts"]
    assert [row.label.split(" · ")[0] for row in chart.rows] == ["2018", "2020"]
    assert "30" in chart.rows[1].label
    assert [cell.raw for cell in chart.rows[1].cells] == ["60", "30"]
    assert [cell.raw for cell in chart.rows[0].cells] == ["1", ""]


def test_plan_chart_draws_no_total_of_shares_which_do_not_add_up(supervisor_client, later_plan):
    for year in (2018, 2020):
        factories.TargetFactory.create_batch(
            2,
            plan=later_plan,
            indicator="绿色工厂占比",
            kind=Target.Kind.SHARE,
            unit="%",
            year=year,
        )

    (chart,) = get(supervisor_client, plan_url(later_plan)).context["target_charts"]

    assert [[cell.raw for cell in row.cells] for row in chart.rows] == [["", ""], ["", ""]]


def test_plan_page_makes_as_many_queries_and_as_many_bytes_for_three_times_the_rows(
    supervisor_client, later_plan
):
    lead, co = Bureau.objects.get(name=LEAD), Bureau.objects.get(name=CO)
    url = plan_url(later_plan)

    def grow(n):
        for task in add_tasks(later_plan, n, [lead, co]):
            add_targets(later_plan, 1, task=task)

    grow(ROWS_PER_PAGE)
    queries, size = queries_and_size(supervisor_client, url)
    grow(2 * ROWS_PER_PAGE)

    assert queries_and_size(supervisor_client, url)[0] == queries
    # The same rows are shown: only the counts and the page links differ.
    assert abs(queries_and_size(supervisor_client, url)[1] - size) < 2_000


# --- The task page --------------------------------------------------------------------------


def task_url(task):
    return reverse("dashboard:task_detail", args=[task.pk])


def add_reports(task, n):
    """``n`` target reports on ``task``, in turn approved, waiting and returned."""
    target = factories.TargetFactory(plan=task.plan, task=task)
    states = ({"approved": True}, {"submitted": True}, {"returned": True})
    return [
        factories.TargetReportFactory(target=target, value=Decimal(i), **states[i % 3])
        for i in range(n)
    ]


def test_task_page_shows_its_latest_reports_counted_and_linked_to_the_report_list(
    supervisor_client, task
):
    reports = add_reports(task, REPORTS_SHOWN + 7)
    add_reports(factories.TaskFactory(plan=task.plan, bureaus=[task.lead_bureau]), 3)

    response = get(supervisor_client, task_url(task))

    page = response.content.decode()
    newest = sorted(reports, key=lambda r: (r.created_at, r.pk), reverse=True)
    assert [r.pk for r in response.context["reported"]] == [r.pk for r in newest[:REPORTS_SHOWN]]
    assert response.context["reported_count"] == len(reports)
    assert f'data-shown-count="{REPORTS_SHOWN}"' in page
    (full_list,) = links(page, "data-full-list")
    assert full_list == f"{reverse('reporting:report_list')}?task={task.pk}"
    listed = get(supervisor_client, full_list).context["table"].page.object_list
    assert {row.record.pk for row in listed} == {r.pk for r in reports}


def test_a_bureau_counts_on_the_task_page_only_the_reports_it_may_read(client, task):
    add_reports(task, 4)
    client.force_login(factories.bureau_staff(Bureau.objects.get(name="市发展和改革委员会")))

    response = get(client, task_url(task))

    assert response.context["reported_count"] == 0
    assert "data-full-list" not in response.content.decode()


def test_task_page_shows_the_latest_changes_and_says_how_many_earlier_ones_it_leaves_out(
    supervisor_client, task
):
    target = factories.TargetFactory(plan=task.plan, task=task, value=1)
    for value in range(2, CHANGES_SHOWN + 12):
        target.value = value
        target.save()  # one recorded change each, with its value before and after

    response = get(supervisor_client, task_url(task))

    timeline = response.context["timeline"]
    assert len(timeline) == CHANGES_SHOWN
    newest = timeline[0].changes[0]
    assert (str(newest.old), str(newest.new)) == (
        f"{CHANGES_SHOWN + 10}.0000",
        f"{CHANGES_SHOWN + 11}.0000",
    )
    # Recorded: the task's and the target's creation and CHANGES_SHOWN + 10 changes.
    assert response.context["earlier_changes"] == 2 + CHANGES_SHOWN + 10 - CHANGES_SHOWN
    assert 'id="earlier-changes"' in response.content.decode()


def test_a_short_history_is_shown_whole_without_a_note(supervisor_client, task):
    factories.TargetFactory(plan=task.plan, task=task)

    response = get(supervisor_client, task_url(task))

    assert len(response.context["timeline"]) == 2
    assert response.context["earlier_changes"] == 0
    assert 'id="earlier-changes"' not in response.content.decode()


def test_task_page_makes_as_many_queries_and_as_many_bytes_for_three_times_the_reports(
    supervisor_client, task
):
    url = task_url(task)

    def grow(n):
        add_reports(task, n)
        for milestone in factories.MilestoneFactory.create_batch(n // 10, task=task):
            factories.MilestoneReportFactory(milestone=milestone, submitted=True)

    grow(CHANGES_SHOWN)
    queries, size = queries_and_size(supervisor_client, url)
    grow(2 * CHANGES_SHOWN)

    assert queries_and_size(supervisor_client, url)[0] == queries
    # The milestones (bounded in practice, shown whole) grew by ten.
    assert queries_and_size(supervisor_client, url)[1] - size < 10 * 1_000


# --- The bureau page ------------------------------------------------------------------------


@pytest.fixture
def bureau(seed):
    return factories.BureauFactory(name="详情页测试局")


def add_bureau_tasks(bureau, led, shared):
    plan = Plan.objects.get(code="innovation")
    other = Bureau.objects.get(name=CO)
    led_tasks = add_tasks(plan, led, [bureau, other])
    shared_tasks = add_tasks(plan, shared, [other, bureau])
    return led_tasks, shared_tasks


def bureau_url(bureau):
    return reverse("dashboard:bureau_detail", args=[bureau.pk])


def test_bureau_page_pages_the_tasks_it_leads_and_those_it_shares_each_on_its_own(
    supervisor_client, bureau
):
    led, shared = add_bureau_tasks(bureau, ROWS_PER_PAGE + 4, ROWS_PER_PAGE + 2)

    first = get(supervisor_client, bureau_url(bureau))
    second = get(supervisor_client, bureau_url(bureau), **{"led-page": 2})

    assert first.context["led"].count == len(led)
    assert first.context["shared"].count == len(shared)
    assert len(first.context["led"].rows) == len(first.context["shared"].rows) == ROWS_PER_PAGE
    assert [a.task.pk for a in second.context["led"]] == [t.pk for t in led[ROWS_PER_PAGE:]]
    assert second.context["shared"].page.number == 1
    third = get(supervisor_client, bureau_url(bureau), **{"led-page": 2, "shared-page": 2})
    assert [a.task.pk for a in third.context["shared"]] == [t.pk for t in shared[ROWS_PER_PAGE:]]
    assert third.context["led"].page.number == 2


def test_bureau_pages_links_list_exactly_the_tasks_it_leads_and_those_it_shares(
    supervisor_client, bureau
):
    led, shared = add_bureau_tasks(bureau, 3, 2)

    page = get(supervisor_client, bureau_url(bureau)).content.decode()

    task_list = reverse("dashboard:task_list")
    assert links(page, "data-full-list") == [
        f"{task_list}?lead={bureau.pk}",
        f"{task_list}?shared={bureau.pk}",
    ]
    for url, tasks in zip(links(page, "data-full-list"), (led, shared), strict=True):
        listed = get(supervisor_client, url).context["table"].page.object_list
        assert {row.record.pk for row in listed} == {task.pk for task in tasks}


def test_bureau_page_makes_as_many_queries_for_three_times_the_tasks(supervisor_client, bureau):
    url = bureau_url(bureau)
    add_bureau_tasks(bureau, ROWS_PER_PAGE, ROWS_PER_PAGE)
    queries, _ = queries_and_size(supervisor_client, url)

    add_bureau_tasks(bureau, 2 * ROWS_PER_PAGE, 2 * ROWS_PER_PAGE)

    assert queries_and_size(supervisor_client, url)[0] == queries


def test_a_bureau_with_two_hundred_tasks_has_a_page_of_bounded_size(supervisor_client, bureau):
    """Two lists of 25 rows, each about 1 KB (the task, its two bureaus and two
    milestones), on a page of about 5 KB without them: some 55 KB, the same for 50 tasks
    as for 200 (it was about 1 KB more for every task). 100 KB leaves room for longer
    titles and more bureaus a row."""
    add_bureau_tasks(bureau, 25, 25)
    _, fifty = queries_and_size(supervisor_client, bureau_url(bureau))

    add_bureau_tasks(bureau, 75, 75)

    _, two_hundred = queries_and_size(supervisor_client, bureau_url(bureau))
    assert two_hundred < 100_000
    assert abs(two_hundred - fifty) < 1_000


def test_a_row_lists_the_first_milestones_of_its_task_and_links_to_the_others(
    supervisor_client, bureau
):
    from jiyuan_portal.tracking.templatetags.portal import ROW_MILESTONES

    (task,), _ = add_bureau_tasks(bureau, 1, 0)
    task.milestones.all().delete()
    for order in range(1, ROW_MILESTONES + 4):
        factories.MilestoneFactory(task=task, order=order, description=f"行内节点{order}号")

    page = get(supervisor_client, bureau_url(bureau)).content.decode()

    shown = [order for order in range(1, ROW_MILESTONES + 4) if f"行内节点{order}号" in page]
    assert shown == list(range(1, ROW_MILESTONES + 1))
    assert f'<a href="{task.get_absolute_url()}">还有 3 个时间节点</a>' in page
