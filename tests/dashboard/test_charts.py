"""The charts of the plan pages and the cockpit, from plain stand-ins for targets and the
per-plan summaries (the grouping and counting need no database)."""

from collections import Counter
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.urls import reverse
from django.utils import translation

from jiyuan_portal.dashboard.charts import plan_status_chart, target_charts, targets_by_indicator
from jiyuan_portal.reporting.actuals import TargetProgress
from jiyuan_portal.tracking.status import MilestoneStatus, TargetStatus
from jiyuan_portal.utils.charts import ChartKind
from tests import factories

_order = iter(range(1000))


def target(indicator, year, value, actual=None, unit="亿元", task_number=None, as_of=None):
    return SimpleNamespace(
        indicator=indicator,
        unit=unit,
        year=year,
        order=next(_order),
        value=Decimal(value),
        display_value=f"{value}{unit}以上",
        task_id=1 if task_number else None,
        task=SimpleNamespace(number=task_number) if task_number else None,
        progress=TargetProgress(
            None if actual is None else Decimal(actual), as_of, TargetStatus.NO_DATA, None
        ),
    )


def rows(chart):
    return [(row.label, [cell.raw for cell in row.cells]) for row in chart.rows]


def test_targets_are_grouped_by_indicator_and_unit_each_group_by_year():
    teams_2020 = target("高层次创新型团队", 2020, 10, unit="家")
    investment_2018 = target("完成技术改造投资", 2018, 60)
    investment_2017 = target("完成技术改造投资", 2017, 40)
    teams_2018 = target("高层次创新型团队", 2018, 3, unit="个")

    groups = targets_by_indicator([teams_2020, investment_2018, investment_2017, teams_2018])

    assert list(groups) == [
        ("高层次创新型团队", "家"),
        ("完成技术改造投资", "亿元"),
        ("高层次创新型团队", "个"),
    ]
    assert groups["完成技术改造投资", "亿元"] == [investment_2017, investment_2018]


def test_an_indicator_over_several_years_gets_a_chart_of_its_targets_and_actuals():
    with translation.override("zh-hans"):
        (chart,) = target_charts(
            [
                target("完成技术改造投资", 2017, 40, actual="12.5"),
                target("完成技术改造投资", 2018, 60),
                target("完成技术改造投资", 2020, 100),
            ]
        )

    assert chart.kind == ChartKind.BAR
    assert chart.series_names == ["目标", "实际完成"]
    assert chart.unit == "亿元" and "完成技术改造投资" in chart.caption
    assert rows(chart) == [
        ("2017", ["40", "12.5"]),
        ("2018", ["60", ""]),
        ("2020", ["100", ""]),
    ]
    # The target keeps its words (以上); a missing actual reads as a dash.
    assert [cell.text for cell in chart.rows[0].cells] == ["40亿元以上", "12.5亿元"]
    assert chart.rows[1].cells[1].text == "—"


def test_a_single_year_indicator_gets_a_chart_only_once_it_has_an_actual():
    charts = target_charts(
        [
            target("培育省级制造业创新中心", 2020, 1, unit="家"),
            # Counted from a registry without records yet: zero, as of no date.
            target("建成绿色园区", 2020, 2, actual=0, unit="个"),
            target("新增高新技术企业", 2017, 2, actual=1, unit="家"),
            target("化解煤炭过剩产能", 2017, 120, actual=0, unit="万吨", as_of=date(2017, 6, 30)),
        ]
    )

    assert [rows(chart) for chart in charts] == [
        [("2017", ["2", "1"])],
        [("2017", ["120", "0"])],
    ]


def test_two_targets_of_one_indicator_in_the_same_year_are_told_apart_by_task():
    with translation.override("zh-hans"):
        (chart,) = target_charts(
            [
                target("专项基金", 2018, 1000, actual=200, unit="万元", task_number="二(一)"),
                target("专项基金", 2018, 500, unit="万元"),
            ]
        )

    assert [row.label for row in chart.rows] == ["2018 · 二(一)", "2018 · 总体目标"]


def summary(short_name, milestones, targets):
    return SimpleNamespace(
        plan=SimpleNamespace(short_name=short_name),
        milestones=Counter(milestones),
        targets=Counter(targets),
    )


def test_plan_status_charts_stack_each_plans_milestones_and_targets_by_status():
    summaries = [
        summary(
            "化解过剩产能",
            {MilestoneStatus.DONE: 3, MilestoneStatus.OVERDUE: 2},
            {TargetStatus.ACHIEVED: 1, TargetStatus.BEHIND: 4},
        ),
        summary("技术改造", {MilestoneStatus.DUE_SOON: 1}, {TargetStatus.AT_RISK: 2}),
    ]

    with translation.override("zh-hans"):
        milestones, targets = plan_status_chart(summaries)

    assert milestones.kind == targets.kind == ChartKind.STACKED_BAR
    # Statuses no plan has are left out; those shown keep the status module's order.
    assert milestones.series_names == [
        str(MilestoneStatus.DONE.label),
        str(MilestoneStatus.OVERDUE.label),
        str(MilestoneStatus.DUE_SOON.label),
    ]
    assert milestones.series_colours == ["success", "danger", "warning"]
    assert rows(milestones) == [("化解过剩产能", ["3", "2", "0"]), ("技术改造", ["0", "0", "1"])]
    assert targets.series_names == [
        str(TargetStatus.ACHIEVED.label),
        str(TargetStatus.AT_RISK.label),
        str(TargetStatus.BEHIND.label),
    ]
    assert rows(targets) == [("化解过剩产能", ["1", "0", "4"]), ("技术改造", ["0", "2", "0"])]


def test_plan_page_draws_a_chart_per_indicator_from_the_approved_actuals(client, seed):
    plan = factories.PlanFactory(code="later-plan")  # no app behind it: the generic page
    first = factories.TargetFactory(plan=plan, indicator="建设绿色园区", year=2018, value=1)
    factories.TargetFactory(plan=plan, indicator="建设绿色园区", year=2020, value=3)
    factories.TargetFactory(plan=plan, indicator="只有一年的指标", year=2020, value=5)
    factories.TargetReportFactory(target=first, value=Decimal(1), approved=True)
    factories.TargetReportFactory(target=first, value=Decimal(9))  # a draft: not an actual
    client.force_login(factories.supervisor())

    response = client.get(reverse("dashboard:plan_detail", args=[plan.code]))

    (chart,) = response.context["target_charts"]
    assert rows(chart) == [("2018", ["1", "1"]), ("2020", ["3", ""])]
    page = response.content.decode()
    assert page.count('<figure class="chart" data-chart="bar"') == 1
    assert "vendor/echarts/echarts.common.min.js" in page and "charts.js" in page
    assert "data-print" in page


def test_bureau_page_has_a_print_button_but_no_chart_scripts(client, seed):
    bureau = factories.BureauFactory()
    client.force_login(factories.supervisor())

    page = client.get(reverse("dashboard:bureau_detail", args=[bureau.pk])).content.decode()

    assert "data-print" in page
    assert "echarts" not in page
