"""Drafting the award and subsidy rules a task's text states."""

from decimal import Decimal

from jiyuan_portal.tracking.drafting.awards import of_task
from jiyuan_portal.tracking.drafting.measure import NOTICE_SOURCE, score
from jiyuan_portal.tracking.drafting.structure import parse


def test_a_fixed_amount_from_a_year_on_is_one_rule():
    (rule,) = of_task(
        ["从2017年起,对通过国家信息化和工业化融合管理体系评定的企业,给予30万元奖励。"], "三(一)"
    )

    assert (rule.task, rule.method, rule.fixed_amount, rule.first_year) == (
        "三(一)",
        "fixed",
        Decimal(30),
        2017,
    )
    assert (
        rule.clause == "从2017年起,对通过国家信息化和工业化融合管理体系评定的企业,给予30万元奖励。"
    )
    assert rule.name == "国家信息化和工业化融合管理体系评定奖励"
    assert rule.unsure == []


def test_amounts_for_levels_make_one_rule_per_level():
    rules = of_task(
        ["从2017年起,对获得国家级、省级服务型制造领域试点示范的企业,分别给予50万元、30万元奖励。"],
        "三(三)",
    )

    assert [(r.name, r.fixed_amount) for r in rules] == [
        ("服务型制造试点示范奖励(国家级)", Decimal(50)),
        ("服务型制造试点示范奖励(省级)", Decimal(30)),
    ]


def test_a_list_of_kinds_makes_one_rule_per_kind_and_level():
    rules = of_task(
        ["认定为国家级、省级技术创新示范企业、质量标杆企业分别给予50万元、30万元奖补。"], "二(五)"
    )

    assert [r.name for r in rules] == [
        "技术创新示范企业奖补(国家级)",
        "技术创新示范企业奖补(省级)",
        "质量标杆企业奖补(国家级)",
        "质量标杆企业奖补(省级)",
    ]


def test_qualities_of_one_kind_are_not_split():
    (rule,) = of_task(
        [
            "对新增投资额500万元以上的重大节能、节水、清洁生产和基础工艺绿色化改造示范项目,"
            "按照节能降耗效果和投资规模的一定比例给予后补助。"
        ],
        "二(一)",
    )

    assert rule.name == "重大节能、节水、清洁生产和基础工艺绿色化改造示范项目后补助"
    assert (rule.threshold, rule.threshold_label) == (Decimal(500), "新增投资额")


def test_a_one_off_award_written_after_its_word():
    (rule,) = of_task(["对首次认定为高新技术企业的,给予一次性奖励20万元。"], "二(一)")

    assert (rule.method, rule.fixed_amount, rule.name) == (
        "fixed",
        Decimal(20),
        "首次认定为高新技术企业一次性奖励",
    )


def test_a_share_of_an_investment_with_a_cap_is_a_rate_rule():
    (rule,) = of_task(
        ["对企业购置智能装备的,按设备投资的10%给予补助,最高不超过200万元。"], "二(三)"
    )

    assert (rule.method, rule.rate, rule.base_label, rule.cap, rule.fixed_amount) == (
        "rate",
        Decimal(10),
        "设备投资",
        Decimal(200),
        None,
    )


def test_a_cap_a_year_and_a_duration_are_read_apart():
    (rule,) = of_task(
        [
            "创新中心从列入市培育名单年度起,以项目建设后补助的方式连续支持3年,在培育期内按照年度内"
            "购置研发、中试等设备投入资金的50%给予补助,年度补助金额最高不超过500万元;"
        ],
        "二(二)",
    )

    assert (rule.rate, rule.annual_cap, rule.cap, rule.duration_years) == (
        Decimal(50),
        Decimal(500),
        None,
        3,
    )
    assert rule.base_label == "年度购置研发、中试等设备投入"
    assert not rule.clause.endswith(";")


def test_a_share_not_stated_is_unspecified_and_unsure():
    (rule,) = of_task(["对新建的数字化车间,按一定比例给予后补助。"], "二(四)")

    assert (rule.method, rule.fixed_amount, rule.rate) == ("unspecified", None, None)
    assert rule.amount_note == "按一定比例给予后补助"
    assert rule.unsure == ["amount"]


def test_a_policy_restated_or_another_programmes_subsidy_is_not_a_rule():
    assert (
        of_task(
            [
                "落实专项资金,对创建为绿色示范工厂的企业,重点按照节能降耗效果给予奖补;"
                "企业开展的职业培训,可由就业补助资金给予培训补贴。"
            ],
            "三(二)",
        )
        == []
    )


def test_the_award_rules_of_27_reach_the_goal():
    results = score(parse(NOTICE_SOURCE.read_text(encoding="utf-8")))

    awards = results["all"]["award"]
    assert awards.expected == 34
    assert awards.recall >= 0.95
    assert awards.precision >= 0.90
