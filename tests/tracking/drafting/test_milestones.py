"""Drafting a task's dated commitments (时间节点) from its text."""

import datetime

from jiyuan_portal.tracking.drafting.measure import NOTICE_SOURCE, score
from jiyuan_portal.tracking.drafting.milestones import from_timeline, of_paragraphs
from jiyuan_portal.tracking.drafting.structure import parse


def deadlines(milestones):
    return [(m.when, m.deadline().due_date, m.deadline().recurrence, m.what) for m in milestones]


def test_a_phrase_without_a_year_takes_the_year_of_the_phrase_before_it():
    found = from_timeline("2017年5月底前完成排查;6月底前全面取缔完成。")

    assert deadlines(found) == [
        ("2017年5月底前", datetime.date(2017, 5, 31), "once", "完成排查"),
        ("6月底前", datetime.date(2017, 6, 30), "once", "全面取缔完成"),
    ]


def test_what_counts_something_is_a_target_not_a_milestone():
    found = from_timeline("2017年建设1个城市矿产类静脉产业园,2020年完工。")

    assert deadlines(found) == [("2020年", datetime.date(2020, 12, 31), "once", "完工")]


def test_a_timeline_without_a_date_is_an_undated_commitment():
    found = from_timeline("攻克一批先进基础工艺、基础零部件。")

    assert [(m.when, m.deadline().recurrence) for m in found] == [("未明确时限", "undated")]


def test_an_ongoing_commitment_in_a_labelled_paragraph_is_a_milestone():
    found = of_paragraphs(
        ["退出任务:持续深入排查,一经发现立即取缔。", "时间节点:2017年5月底前完成排查。"]
    )

    assert [(m.when, m.deadline().recurrence) for m in found] == [
        ("持续", "ongoing"),
        ("2017年5月底前", "once"),
    ]


def test_the_27_notice_drafts_the_milestones_of_the_transcription():
    """Issue 14's goal: recall ≥ 95 %, precision ≥ 90 % (figures in docs/benchmarks.md)."""
    milestones = score(parse(NOTICE_SOURCE.read_text(encoding="utf-8")))["all"]["milestone"]

    assert milestones.recall >= 0.95, milestones.misses
    assert milestones.precision >= 0.90, milestones.misses


def test_a_plan_goal_of_a_later_year_is_the_plans_own_milestone_and_counts_are_left_out():
    plan = parse(
        "济源市示例工作方案\n2017年8月2日\n一、总体要求\n"
        "到2020年,示例水平明显提升,产业增加值年均增长10%以上,排放量控制在目标范围内。\n"
    )[0]

    from jiyuan_portal.tracking.drafting.milestones import plan_milestones

    found = plan_milestones(plan.goals, plan.issue_year)
    assert [(m.when, m.what) for m in found] == [
        ("到2020年", "示例水平明显提升"),
        ("到2020年", "排放量控制在目标范围内"),
    ]


def test_a_sentence_opened_by_the_end_of_the_year_is_due_then_in_the_notices_year():
    from jiyuan_portal.tracking.drafting.milestones import of_paragraphs

    [found] = of_paragraphs(["年底前完成散煤替代。"], 2018)

    assert (found.when, found.what, found.year) == ("年底前", "完成散煤替代", 2018)
    assert found.deadline().due_date.isoformat() == "2018-12-31"
