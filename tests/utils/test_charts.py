"""A chart is its data table: the structure, and the figure and table the include renders."""

import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from jiyuan_portal.utils.charts import Chart, ChartKind, number_text


def test_each_cell_keeps_the_words_shown_and_the_plain_number_drawn():
    chart = Chart("煤炭产能", ChartKind.BAR, ["目标", "实际"], unit="万吨")

    with translation.override("en"):  # a locale that groups thousands
        row = chart.add_row(2018, [Decimal("1234.5000"), None])

    assert row.label == "2018"
    assert [cell.text for cell in row.cells] == ["1,234.5万吨", "—"]
    assert [cell.raw for cell in row.cells] == ["1234.5", ""]


def test_texts_given_by_the_caller_are_shown_as_they_are():
    chart = Chart("投资", ChartKind.BAR, ["目标", "实际"], unit="亿元")

    row = chart.add_row("2017", [Decimal(40), Decimal("12.25")], texts=["40亿元以上", "12.25亿元"])

    assert [cell.text for cell in row.cells] == ["40亿元以上", "12.25亿元"]
    assert [cell.raw for cell in row.cells] == ["40", "12.25"]


def test_a_row_with_a_value_missing_for_a_series_is_refused():
    chart = Chart("投资", ChartKind.BAR, ["目标", "实际"])
    with pytest.raises(ValueError):
        chart.add_row("2017", [Decimal(1)])


def test_large_numbers_never_come_out_with_an_exponent():
    with translation.override("en"):
        assert number_text(Decimal("1.2E+3")) == "1,200"
    chart = Chart("x", ChartKind.LINE, ["a"])
    assert chart.add_row("r", [Decimal("1.2E+3")]).cells[0].raw == "1200"


def test_the_include_renders_a_figure_whose_table_carries_the_numbers():
    chart = Chart(
        "各方案里程碑状态",
        ChartKind.STACKED_BAR,
        ["按期完成", "逾期"],
        label_header="方案",
        series_colours=["success", "danger"],
        reference=100,
        unit="%",
        horizontal=True,
    )
    chart.add_row("化解过剩产能", [3, 0])

    with translation.override("zh-hans"):
        html = render_to_string("includes/chart.html", {"chart": chart})

    assert '<figure class="chart" data-chart="stacked-bar"' in html
    assert 'data-unit="%"' in html and 'data-reference="100"' in html
    assert 'data-orientation="horizontal"' in html
    assert "<figcaption" in html and "各方案里程碑状态</figcaption>" in html
    assert '<th scope="col" class="number" data-colour="danger">逾期</th>' in html
    assert '<th scope="row">化解过剩产能</th>' in html
    cells = re.findall(r'<td class="number" data-value="([^"]*)">([^<]*)</td>', html)
    assert cells == [("3", "3%"), ("0", "0%")]
    assert "<script" not in html and "style=" not in html
