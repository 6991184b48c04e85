"""The town chart of the technical-reform plan page: each town's share of its targets."""

from decimal import Decimal

from django.utils import translation

from jiyuan_portal.utils.charts import ChartKind
from techreform.town_table.chart import town_share_chart
from techreform.town_table.progress import TownProgress, TownProgressTable, town_progress
from tests.factories import TownFactory, supervisor
from tests.techreform.test_town_target_plan_page import project, targets  # noqa: F401


def test_each_town_with_a_target_is_charted_by_the_share_it_achieved():
    huling, xiaye = TownFactory.build(name="虎岭"), TownFactory.build(name="下冶")
    table = TownProgressTable(
        year=2017,
        rows=[
            TownProgress(
                huling,
                reform_investment=Decimal(8),
                reform_enterprises=5,
                actual_investment=Decimal(6),
                actual_enterprises=2,
            ),
            # Projects recorded but no target: no share to chart.
            TownProgress(TownFactory.build(name="高新"), actual_investment=Decimal(1)),
            TownProgress(xiaye, reform_investment=Decimal(1), reform_enterprises=0),
        ],
        total=TownProgress(None),
    )

    with translation.override("zh-hans"):
        chart = town_share_chart(table)

    assert chart.kind == ChartKind.BAR and chart.horizontal
    assert chart.unit == "%" and chart.reference == 100
    assert "2017" in chart.caption
    assert [(row.label, [cell.raw for cell in row.cells]) for row in chart.rows] == [
        ("虎岭", ["75", "40"]),
        ("下冶", ["0", ""]),
    ]
    assert [cell.text for cell in chart.rows[0].cells] == ["75%", "40%"]
    assert chart.rows[1].cells[1].text == "—"


def test_no_town_targets_no_town_chart(seed):
    assert town_share_chart(town_progress(2017)) is None


def test_plan_page_shows_the_town_chart_beside_the_town_table(targets, client):  # noqa: F811
    project("高新", "2.5")
    client.force_login(supervisor())

    response = client.get("/plans/techreform/")

    chart = response.context["town_chart"]
    assert len(chart.rows) == 19
    html = response.content.decode()
    assert (
        'data-chart="bar" data-unit="%" data-reference="100" data-orientation="horizontal"' in html
    )
    assert 'data-value="50">50%</td>' in html  # 高新: 2.5 of 5 亿元
