"""Drafting the structure of a notice: its plans, tasks and responsible units, in the
layout of 济政〔2017〕27号 and in the other common layouts."""

from jiyuan_portal.tracking.drafting.measure import NOTICE_SOURCE, score
from jiyuan_portal.tracking.drafting.structure import parse

RESPONSIBILITY_LINES = """
济源市推进示例工作实施方案

一、总体要求

(一)指导思想。以示例为引领。

二、任务分解

(一)开展示例排查

6月底前完成全市排查。

牵头单位:市发展和改革委员会
责任单位:市财政局、市统计局

(二)建立示例台账

配合单位:市商务局
牵头单位:市工业和信息化委员会
"""

PARENTHESES = """
济源市示例专项行动方案

二、重点任务

(一)摸清底数。9月底前完成企业摸底(市发改委牵头,市财政局、各县区配合)。

(二)完善政策。出台配套政策(责任单位:市科学技术局、市财政局)
"""

NUMBERED_ITEMS = """
济源市示例提升工作方案

三、主要任务

1.加快项目建设。年内完成投资10亿元。(责任单位:市发展和改革委员会)

2.强化要素保障。落实用地指标(市国土资源局牵头,市住房和城乡建设局配合)

四、保障措施

1.加强领导。成立领导小组。
"""


def only_plan(text):
    plans = parse(text)
    assert len(plans) == 1
    return plans[0]


def test_the_27_notice_drafts_every_task_and_unit_of_the_transcription():
    drafts = parse(NOTICE_SOURCE.read_text(encoding="utf-8"))

    totals = score(drafts)["all"]

    assert len(drafts) == 5
    for kind in ("task", "lead", "unit"):
        assert totals[kind].recall >= 0.95, (kind, totals[kind].misses)
        assert totals[kind].precision >= 0.90, (kind, totals[kind].misses)


def test_lead_and_responsible_lines_are_read_with_the_lead_first():
    plan = only_plan(RESPONSIBILITY_LINES)

    first, second = plan.items
    assert [item.number for item in plan.items] == ["二(一)", "二(二)"]  # 总体要求 holds no task
    assert first.lead == ["市发展和改革委员会"]
    assert first.units == ["市发展和改革委员会", "市财政局", "市统计局"]
    assert second.lead == ["市工业和信息化委员会"]
    assert second.units == ["市工业和信息化委员会", "市商务局"]
    assert "6月底前完成全市排查。" in first.text


def test_responsibility_in_parentheses_after_the_item_is_understood():
    plan = only_plan(PARENTHESES)

    first, second = plan.items
    assert first.title == "摸清底数"
    assert first.lead == ["市发改委"]
    assert first.units == ["市发改委", "市财政局", "各县区"]
    assert "牵头" not in first.text
    assert second.lead == ["市科学技术局"]
    assert second.units == ["市科学技术局", "市财政局"]


def test_numbered_items_are_tasks_with_their_section_and_units():
    plan = only_plan(NUMBERED_ITEMS)

    numbers = [(item.number, item.section, item.title) for item in plan.items]
    assert numbers == [
        ("三1.", "key_task", "加快项目建设"),
        ("三2.", "key_task", "强化要素保障"),
        ("四1.", "safeguard", "加强领导"),
    ]
    assert plan.items[0].units == ["市发展和改革委员会"]
    assert plan.items[1].lead == ["市国土资源局"]
    assert plan.items[1].units == ["市国土资源局", "市住房和城乡建设局"]


def test_several_labels_in_one_parenthesis_or_line_are_each_understood():
    text = (
        "济源市大气污染防治攻坚实施方案\n\n二、主要任务\n\n"
        "(一)加强扬尘治理。完成工地围挡。"
        "(牵头单位:市住房和城乡建设局;配合单位:市环境保护局、市城市管理局)\n\n"
        "(二)治理散煤。完成替代。\n\n牵头单位:市发展和改革委员会;配合单位:各镇人民政府等单位\n"
    )

    first, second = only_plan(text).items

    assert (first.lead, first.units) == (
        ["市住房和城乡建设局"],
        ["市住房和城乡建设局", "市环境保护局", "市城市管理局"],
    )
    assert second.units == ["市发展和改革委员会", "各镇人民政府等单位"]
    assert second.open_ended
