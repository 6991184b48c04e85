"""The milestone, target and task lists: each filter narrows to the rows it names, the
export holds exactly the filtered rows (typed, with the columns' Chinese names), and the
number of queries does not grow with the rows."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from jiyuan_portal.alerts import scan
from jiyuan_portal.tracking.models import Bureau
from tests import factories
from tests.exports import csv_rows, xlsx_sheet

ON = datetime.date(2017, 9, 30)
LEAD, CO, OTHER = "市工业和信息化委员会", "市环境保护局", "市发展和改革委员会"


@pytest.fixture
def scene(seed, settings):
    """A plan of its own with two tasks: one led by LEAD (CO shares it), one led by OTHER."""
    settings.JIYUAN_AS_OF = ON
    lead, co, other = (Bureau.objects.get(name=name) for name in (LEAD, CO, OTHER))
    plan = factories.PlanFactory(code="list-test", title="列表测试方案", short_name="列表测试")
    led = factories.TaskFactory(plan=plan, title="工信牵头任务", bureaus=[lead, co])
    others = factories.TaskFactory(plan=plan, title="发改牵头任务", bureaus=[other])
    return plan, led, others, lead, co, other


@pytest.fixture
def supervisor_client(client, seed):
    client.force_login(factories.supervisor())
    return client


def page_rows(client, name, **params):
    response = client.get(reverse(name), {k: v for k, v in params.items() if v is not None})
    assert response.status_code == 200
    return [row.record for row in response.context["table"].page.object_list]


# --- Milestones -----------------------------------------------------------------------------


@pytest.fixture
def milestones(scene):
    _plan, led, others, *_ = scene
    overdue = factories.MilestoneFactory(
        task=led, description="完成排查", due_date=datetime.date(2017, 5, 31)
    )
    done = factories.MilestoneFactory(
        task=led,
        description="出台方案",
        due_date=datetime.date(2017, 6, 30),
        completed_on=datetime.date(2017, 6, 1),
    )
    due_soon = factories.MilestoneFactory(
        task=others, description='=HYPERLINK("http://x")', due_date=datetime.date(2017, 10, 10)
    )
    next_year = factories.MilestoneFactory(
        task=others,
        description="全面完成",
        due_phrase="2018年底前",
        due_date=datetime.date(2018, 12, 31),
    )
    return overdue, done, due_soon, next_year


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, ["overdue", "done", "due_soon", "next_year"]),
        ({"q": "排查"}, ["overdue"]),
        ({"q": "2018年底"}, ["next_year"]),
        ({"q": "发改牵头"}, ["due_soon", "next_year"]),
        ({"bureau": CO}, ["overdue", "done"]),
        ({"lead": CO}, []),
        ({"lead": OTHER}, ["due_soon", "next_year"]),
        ({"year": 2018}, ["next_year"]),
        ({"status": "overdue"}, ["overdue"]),
        ({"status": "done"}, ["done"]),
        ({"status": "due_soon"}, ["due_soon"]),
        ({"status": "pending"}, ["next_year"]),
    ],
)
def test_each_milestone_filter_keeps_only_the_rows_it_names(
    supervisor_client, scene, milestones, params, expected
):
    plan = scene[0]
    names = dict(zip(["overdue", "done", "due_soon", "next_year"], milestones, strict=True))
    params = {
        key: Bureau.objects.get(name=value).pk if key in ("bureau", "lead") else value
        for key, value in params.items()
    }

    rows = page_rows(supervisor_client, "dashboard:milestone_list", plan=plan.pk, **params)

    assert sorted(m.pk for m in rows) == sorted(names[name].pk for name in expected)


def test_milestones_are_listed_by_due_date(supervisor_client, scene, milestones):
    rows = page_rows(supervisor_client, "dashboard:milestone_list", plan=scene[0].pk)
    assert [m.due_date for m in rows] == sorted(m.due_date for m in milestones)


def test_the_milestone_export_holds_the_filtered_rows_typed_under_chinese_headers(
    supervisor_client, scene, milestones
):
    plan, _led, _others, lead, *_ = scene
    url = reverse("dashboard:milestone_list")

    response = supervisor_client.get(
        url, {"plan": plan.pk, "lead": lead.pk, "_export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert ".xlsx" in response["Content-Disposition"]
    headers, rows = xlsx_sheet(response)
    assert (
        headers[:5] == ["方案", "任务", "工作内容", "时间节点原文", "截止日期"][:5]
        or "截止日期" in headers
    )
    assert "截止日期" in headers and "方案" in headers
    due = headers.index("截止日期")
    assert sorted(row[due] for row in rows) == [
        datetime.datetime(2017, 5, 31),
        datetime.datetime(2017, 6, 30),
    ]
    status_column = headers.index("状态") if "状态" in headers else -2
    assert {row[status_column] for row in rows} <= {"逾期", "按期完成", "已完成", "overdue", "done"}
    assert len(rows) == 2


def test_formula_like_text_is_exported_as_text(supervisor_client, scene, milestones):
    plan = scene[0]
    url = reverse("dashboard:milestone_list")

    xlsx = supervisor_client.get(url, {"plan": plan.pk, "q": "HYPERLINK", "_export": "xlsx"})
    csv = supervisor_client.get(url, {"plan": plan.pk, "q": "HYPERLINK", "_export": "csv"})

    headers, rows = xlsx_sheet(xlsx, data_only=False)
    assert len(rows) == 1
    assert '\'=HYPERLINK("http://x")' in rows[0]
    csv_headers, csv_body = csv_rows(csv)
    assert '\'=HYPERLINK("http://x")' in csv_body[0]
    assert csv_headers == headers


def test_the_milestone_list_makes_as_many_queries_for_many_rows_as_for_one(
    supervisor_client, scene, django_assert_max_num_queries
):
    plan, led, *_ = scene
    factories.MilestoneFactory(task=led)
    url = reverse("dashboard:milestone_list") + f"?plan={plan.pk}"
    with django_assert_max_num_queries(50) as one:
        supervisor_client.get(url)
    for _ in range(30):
        task = factories.TaskFactory(plan=plan, bureaus=[Bureau.objects.get(name=OTHER)])
        factories.MilestoneFactory(task=task)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = supervisor_client.get(url)
    assert len(response.context["table"].page.object_list) == 31
    with django_assert_max_num_queries(len(one.captured_queries)):
        supervisor_client.get(url + "&_export=xlsx")


# --- Targets --------------------------------------------------------------------------------


@pytest.fixture
def targets(scene):
    plan, led, others, *_ = scene
    made = {
        "behind": factories.TargetFactory(
            plan=plan, task=led, indicator="改造企业数", year=2017, value=Decimal(100)
        ),
        "achieved": factories.TargetFactory(
            plan=plan, task=led, indicator="示范项目", year=2017, value=Decimal(10)
        ),
        "no_data": factories.TargetFactory(
            plan=plan,
            task=others,
            indicator="投资额",
            year=2018,
            value=Decimal("12.5"),
            unit="亿元",
        ),
    }
    factories.TargetReportFactory(target=made["behind"], value=Decimal(5), approved=True, as_of=ON)
    factories.TargetReportFactory(
        target=made["achieved"], value=Decimal(12), approved=True, as_of=ON
    )
    return made


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, ["behind", "achieved", "no_data"]),
        ({"q": "投资"}, ["no_data"]),
        ({"bureau": CO}, ["behind", "achieved"]),
        ({"lead": OTHER}, ["no_data"]),
        ({"year": 2017}, ["behind", "achieved"]),
        ({"status": "behind"}, ["behind"]),
        ({"status": "achieved"}, ["achieved"]),
        ({"status": "no_data"}, ["no_data"]),
        ({"status": "on_track"}, []),
    ],
)
def test_each_target_filter_keeps_only_the_rows_it_names(
    supervisor_client, scene, targets, params, expected
):
    params = {
        key: Bureau.objects.get(name=value).pk if key in ("bureau", "lead") else value
        for key, value in params.items()
    }
    rows = page_rows(supervisor_client, "dashboard:target_list", plan=scene[0].pk, **params)
    assert sorted(t.pk for t in rows) == sorted(targets[name].pk for name in expected)


def test_targets_sort_by_status_worst_first_and_by_actual(supervisor_client, scene, targets):
    by_status = page_rows(
        supervisor_client, "dashboard:target_list", plan=scene[0].pk, sort="status"
    )
    by_actual = page_rows(
        supervisor_client, "dashboard:target_list", plan=scene[0].pk, sort="-actual"
    )

    assert [t.status_code for t in by_status] == ["behind", "no_data", "achieved"]
    assert [t.pk for t in by_actual][:2] == [targets["achieved"].pk, targets["behind"].pk]


def test_the_target_list_states_its_rule(supervisor_client, scene, targets):
    from jiyuan_portal.tracking import status

    response = supervisor_client.get(reverse("dashboard:target_list"))
    assert str(status.target_rule_sentence()) in response.content.decode()


def test_the_target_export_holds_numbers_and_dates(supervisor_client, scene, targets):
    response = supervisor_client.get(
        reverse("dashboard:target_list"), {"plan": scene[0].pk, "year": 2017, "_export": "xlsx"}
    )
    headers, rows = xlsx_sheet(response)
    assert len(rows) == 2
    by_indicator = {row[headers.index("指标")]: row for row in rows}
    behind = by_indicator["改造企业数"]
    numbers = [
        cell for cell in behind if isinstance(cell, int | float) and not isinstance(cell, bool)
    ]
    assert 5 in numbers  # the actual
    assert 2017 in numbers  # the year
    assert datetime.datetime(2017, 9, 30) in behind  # as of
    # 序时进度 at 30 September: 100 × 272/364 ≈ 74.73
    assert any(abs(cell - 74.73) < 0.01 for cell in numbers)


def test_the_target_list_makes_as_many_queries_for_many_rows_as_for_one(
    supervisor_client, scene, django_assert_max_num_queries
):
    plan, led, *_ = scene
    factories.TargetFactory(plan=plan, task=led)
    url = reverse("dashboard:target_list") + f"?plan={plan.pk}"
    with django_assert_max_num_queries(70) as one:
        supervisor_client.get(url)
    for _ in range(30):
        target = factories.TargetFactory(plan=plan, task=led)
        factories.TargetReportFactory(target=target, approved=True)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = supervisor_client.get(url)
    assert len(response.context["table"].page.object_list) == 31
    with django_assert_max_num_queries(len(one.captured_queries)):
        supervisor_client.get(url + "&_export=csv")


# --- Tasks ----------------------------------------------------------------------------------


@pytest.mark.parametrize("light", ["red", "yellow", "green"])
def test_the_task_list_filters_by_light(supervisor_client, scene, light):
    plan, led, others, *_ = scene
    factories.MilestoneFactory(task=led, due_date=datetime.date(2017, 5, 31))  # late: red
    factories.MilestoneFactory(task=others, due_date=datetime.date(2017, 10, 5))  # due soon
    green = factories.TaskFactory(plan=plan, title="无事任务")
    scan.run_scan(ON)
    expected = {"red": led, "yellow": others, "green": green}[light]

    rows = page_rows(supervisor_client, "dashboard:task_list", plan=plan.pk, light=light)

    assert [t.pk for t in rows] == [expected.pk]


def test_the_task_export_names_each_light_in_words(supervisor_client, scene):
    plan, led, *_ = scene
    factories.MilestoneFactory(task=led, due_date=datetime.date(2017, 5, 31))
    scan.run_scan(ON)

    response = supervisor_client.get(
        reverse("dashboard:task_list"), {"plan": plan.pk, "light": "red", "_export": "csv"}
    )

    _headers, rows = csv_rows(response)
    assert len(rows) == 1
    assert "<span" not in "".join(rows[0])
    assert rows[0][-1] in ("红", "红灯", "red")


def test_the_task_list_makes_as_many_queries_for_many_rows_as_for_one(
    supervisor_client, scene, django_assert_max_num_queries
):
    plan = scene[0]
    url = reverse("dashboard:task_list") + f"?plan={plan.pk}"
    with django_assert_max_num_queries(70) as one:
        supervisor_client.get(url)
    with django_assert_max_num_queries(70) as one_exported:
        supervisor_client.get(url + "&_export=xlsx")
    for _ in range(30):
        task = factories.TaskFactory(plan=plan, bureaus=[Bureau.objects.get(name=OTHER)])
        factories.MilestoneFactory(task=task)
    with django_assert_max_num_queries(len(one.captured_queries)):
        supervisor_client.get(url)
    with django_assert_max_num_queries(len(one_exported.captured_queries)):
        supervisor_client.get(url + "&_export=xlsx")


def test_every_list_offers_both_exports_keeping_its_filters(supervisor_client, scene):
    response = supervisor_client.get(reverse("dashboard:milestone_list"), {"year": 2018, "page": 1})
    content = response.content.decode()
    assert "?year=2018&amp;_export=xlsx" in content
    assert "?year=2018&amp;_export=csv" in content
