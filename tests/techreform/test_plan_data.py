"""The seeded 济源市推进企业技术改造攻坚方案 against a second transcription of the document.

Every expected value below is copied from the source text (济政〔2017〕27号), not from the
fixture file, so a slip in either shows up as a difference.
"""

import datetime
from decimal import Decimal

import pytest

from jiyuan_portal.tracking.models import AwardRule, Milestone, Plan, Target, Task
from techreform.models import ReformTask
from tests.plan_data import bureaus_of, target_tuples

pytestmark = pytest.mark.django_db

KEY_TASKS = {
    "二(一)": "以“三对标四提高”为抓手推动新一轮技术改造",
    "二(二)": "创建制造业创新中心",
    "二(三)": "加快新产品开发和推广应用",
    "二(四)": "实施工业强基工程",
    "二(五)": "加强质量品牌和技术标准建设,打造工业精品",
    "二(六)": "支持首台(套)重大技术装备研发和应用",
}
SAFEGUARDS = {
    "三(一)": "加强组织领导",
    "三(二)": "强化项目支撑",
    "三(三)": "完善统计体系",
}

# (code, value, unit, year, bound, task number or None for the plan's general goals)
EXPECTED_TARGETS = {
    # 一、总体要求: 由16%提高到30%以上 (the 2020 "超过30%" of 二(一) is the same target)
    ("reform-investment-share-2020", Decimal("30"), "%", 2020, "at_least", None),
    # 二(一) 2017年: 50个示范项目, 60家企业, 40亿元, 16%
    ("demo-projects-2017", Decimal("50"), "个", 2017, "exact", "二(一)"),
    ("reform-enterprises-2017", Decimal("60"), "家", 2017, "exact", "二(一)"),
    ("reform-investment-2017", Decimal("40"), "亿元", 2017, "exact", "二(一)"),
    ("reform-investment-share-2017", Decimal("16"), "%", 2017, "exact", "二(一)"),
    # 二(一) 2018年: 50个, 80家, 不低于60亿元, 超过20%
    ("demo-projects-2018", Decimal("50"), "个", 2018, "exact", "二(一)"),
    ("reform-enterprises-2018", Decimal("80"), "家", 2018, "exact", "二(一)"),
    ("reform-investment-2018", Decimal("60"), "亿元", 2018, "at_least", "二(一)"),
    ("reform-investment-share-2018", Decimal("20"), "%", 2018, "more_than", "二(一)"),
    # 二(一) 2020年: 不低于100亿元
    ("reform-investment-2020", Decimal("100"), "亿元", 2020, "at_least", "二(一)"),
    # 二(一) 时间节点: 每年…高于工业投资增长10个百分点以上
    ("reform-investment-growth-margin-2017", Decimal("10"), "个百分点", 2017, "at_least", "二(一)"),
    ("reform-investment-growth-margin-2018", Decimal("10"), "个百分点", 2018, "at_least", "二(一)"),
    ("reform-investment-growth-margin-2019", Decimal("10"), "个百分点", 2019, "at_least", "二(一)"),
    ("reform-investment-growth-margin-2020", Decimal("10"), "个百分点", 2020, "at_least", "二(一)"),
    # 二(一) 时间节点: 2017年全市20%… (到2020年全部…普遍完成 has no number: a milestone)
    ("enterprises-reformed-share-2017", Decimal("20"), "%", 2017, "exact", "二(一)"),
    # 二(二) 时间节点 (also the 2020 annual goal of 二(一)): 力争培育1家省级制造业创新中心
    ("provincial-innovation-centre-2020", Decimal("1"), "家", 2020, "exact", "二(二)"),
    # 二(三) 时间节点: 每年滚动支持企业开发10项新产品
    ("new-products-2017", Decimal("10"), "项", 2017, "exact", "二(三)"),
    ("new-products-2018", Decimal("10"), "项", 2018, "exact", "二(三)"),
    ("new-products-2019", Decimal("10"), "项", 2019, "exact", "二(三)"),
    ("new-products-2020", Decimal("10"), "项", 2020, "exact", "二(三)"),
    # 二(五) 时间节点: 每年滚动培育5个以上工业精品
    ("industrial-fine-products-2017", Decimal("5"), "个", 2017, "at_least", "二(五)"),
    ("industrial-fine-products-2018", Decimal("5"), "个", 2018, "at_least", "二(五)"),
    ("industrial-fine-products-2019", Decimal("5"), "个", 2019, "at_least", "二(五)"),
    ("industrial-fine-products-2020", Decimal("5"), "个", 2020, "at_least", "二(五)"),
}

# task number -> (lead, co-responsible), canonical names of fixtures/bureaus.yaml
EXPECTED_BUREAUS = {
    "二(一)": ("市工业和信息化委员会", set()),
    "二(二)": ("市工业和信息化委员会", {"市财政局", "市科学技术局", "市发展和改革委员会"}),
    "二(三)": (
        "市工业和信息化委员会",
        {"市质量技术监督局", "市科学技术局", "市发展和改革委员会"},
    ),
    "二(四)": ("市工业和信息化委员会", set()),
    "二(五)": ("市工业和信息化委员会", {"市质量技术监督局"}),
    "二(六)": ("市工业和信息化委员会", {"市发展和改革委员会", "市财政局"}),
    "三(一)": ("市工业和信息化委员会", {"市发展和改革委员会", "市财政局"}),
    "三(二)": ("市工业和信息化委员会", set()),
    "三(三)": ("市统计局", {"市工业和信息化委员会"}),
}


def techreform_plan():
    return Plan.objects.get(code="techreform")


def reform_task(number):
    return ReformTask.objects.get(plan__code="techreform", number=number)


def test_techreform_plan_is_the_fourth_of_the_notice(seed):
    plan = techreform_plan()
    assert plan.title == "济源市推进企业技术改造攻坚方案"
    assert plan.order == 4
    assert plan.notice.number == "济政〔2017〕27号"
    assert plan.preamble.startswith("按照《河南省人民政府关于印发河南省化解过剩产能攻坚方案")
    assert plan.preamble.endswith("结合我市实际,特制定本方案。")
    assert plan.general_requirements.startswith("坚持把创新摆在制造业发展的核心位置")
    # The stray line break of the source inside the sentence is not kept.
    assert "培育一批创新型企业,开发一批标志性新产品" in plan.general_requirements
    assert plan.goals == (
        "到2020年,引导全市规模以上工业企业普遍完成新一轮技术改造,"
        "技术改造投资占工业投资的比重由16%提高到30%以上。"
    )


def test_techreform_has_six_key_tasks_and_three_safeguards(seed):
    tasks = Task.objects.filter(plan=techreform_plan())
    by_section = {
        section: {t.number: t.title for t in tasks.filter(section=section)}
        for section in (Task.Section.KEY_TASK, Task.Section.SAFEGUARD, Task.Section.ORGANISATION)
    }
    assert by_section[Task.Section.KEY_TASK] == KEY_TASKS
    assert by_section[Task.Section.SAFEGUARD] == SAFEGUARDS
    assert by_section[Task.Section.ORGANISATION] == {}
    assert [t.number for t in tasks.order_by("order")] == [*KEY_TASKS, *SAFEGUARDS]


def test_techreform_tasks_are_reform_tasks(seed):
    assert ReformTask.objects.filter(plan__code="techreform").count() == 9


def test_techreform_task_texts_hold_their_clauses_but_not_the_responsible_line(seed):
    for task in Task.objects.filter(plan=techreform_plan()):
        assert "责任单位" not in task.text, task.number
    first = reform_task("二(一)")
    assert first.text.startswith("技术改造攻坚年度目标")
    assert "——2018年,实施50个技术改造示范项目" in first.text
    assert "时间节点:每年技术改造投资增长高于工业投资增长10个百分点以上" in first.text
    assert first.text.endswith("单个项目最高不超过1000万元。")
    assert reform_task("三(一)").text.startswith(
        "建立由工信、发改、科技、财政等有关部门参加的联席会议制度"
    )
    assert reform_task("三(三)").text.endswith("提供重要参考。")


def test_techreform_targets_are_every_number_of_the_plan(seed):
    assert target_tuples(techreform_plan()) == EXPECTED_TARGETS


def test_techreform_2017_targets_match_the_annual_goals(seed):
    targets_2017 = {
        (code, value, unit, bound)
        for code, value, unit, year, bound, task in target_tuples(techreform_plan())
        if year == 2017 and task == "二(一)" and not code.startswith("reform-investment-growth")
    }
    assert targets_2017 == {
        ("demo-projects-2017", Decimal("50"), "个", "exact"),
        ("reform-enterprises-2017", Decimal("60"), "家", "exact"),
        ("reform-investment-2017", Decimal("40"), "亿元", "exact"),
        ("reform-investment-share-2017", Decimal("16"), "%", "exact"),
        ("enterprises-reformed-share-2017", Decimal("20"), "%", "exact"),
    }


def test_techreform_2018_targets_match_the_annual_goals(seed):
    plan = techreform_plan()
    assert Target.objects.get(plan=plan, code="demo-projects-2018").value == 50
    assert Target.objects.get(plan=plan, code="reform-enterprises-2018").value == 80
    investment = Target.objects.get(plan=plan, code="reform-investment-2018")
    assert (investment.value, investment.unit, investment.bound) == (60, "亿元", "at_least")
    share = Target.objects.get(plan=plan, code="reform-investment-share-2018")
    assert (share.value, share.unit, share.bound, share.kind) == (20, "%", "more_than", "share")


def test_the_2020_investment_share_is_one_plan_level_target_with_its_baseline(seed):
    plan = techreform_plan()
    shares_2020 = Target.objects.filter(plan=plan, year=2020, unit="%", value=30)
    assert shares_2020.count() == 1
    share = shares_2020.get()
    assert share.task is None
    assert share.kind == Target.Kind.SHARE
    assert share.bound == Target.Bound.AT_LEAST
    assert (share.baseline_year, share.baseline_value) == (2017, Decimal("16"))
    assert "由16%提高到30%以上" in share.clause


def test_the_provincial_innovation_centre_is_one_target_of_task_2_2(seed):
    centres = Target.objects.filter(
        plan=techreform_plan(), indicator__contains="省级制造业创新中心"
    )
    assert centres.count() == 1
    centre = centres.get()
    assert (centre.task.number, centre.year, centre.value, centre.unit) == ("二(二)", 2020, 1, "家")


def test_yearly_techreform_targets_repeat_for_every_year_of_the_plan(seed):
    plan = techreform_plan()
    for prefix, value in (
        ("reform-investment-growth-margin", 10),
        ("new-products", 10),
        ("industrial-fine-products", 5),
    ):
        rows = Target.objects.filter(plan=plan, code__startswith=prefix).order_by("year")
        assert [(t.year, t.value) for t in rows] == [(y, value) for y in range(2017, 2021)]


def test_growth_margin_is_a_growth_in_percentage_points(seed):
    margin = Target.objects.get(plan=techreform_plan(), code="reform-investment-growth-margin-2019")
    assert (margin.kind, margin.unit) == (Target.Kind.GROWTH, "个百分点")


def test_techreform_milestones_are_the_time_nodes_that_give_no_date(seed):
    milestones = Milestone.objects.filter(task__plan=techreform_plan()).select_related("task")
    assert [
        (m.task.number, m.due_phrase, m.due_date, m.recurrence, m.description) for m in milestones
    ] == [
        (
            "二(一)",
            "到2020年",
            datetime.date(2020, 12, 31),
            "once",
            "全部规模以上工业企业普遍完成新一轮技术改造",
        ),
        ("二(四)", "未明确时限", None, "undated", "攻克一批先进基础工艺、基础零部件"),
        (
            "二(五)",
            "未明确时限",
            None,
            "undated",
            "加强企业质量品牌建设,支持企业主导和参与国际标准、国家标准、行业标准制定",
        ),
        (
            "二(六)",
            "未明确时限",
            None,
            "undated",
            "研发和应用一批对我市带动性强的首台(套)重大技术装备",
        ),
    ]


def test_the_2020_goal_of_all_enterprises_reformed_is_a_dated_goal_not_a_100_percent_target(
    seed,
):
    """ "全部规模以上工业企业普遍完成新一轮技术改造" gives no number."""
    assert not Target.objects.filter(plan=techreform_plan(), code="enterprises-reformed-share-2020")
    assert not Target.objects.filter(plan=techreform_plan(), value=100, unit="%").exists()
    goal = Milestone.objects.get(task__plan=techreform_plan(), due_date__isnull=False)
    assert (goal.task.number, goal.due_date) == ("二(一)", datetime.date(2020, 12, 31))


@pytest.mark.parametrize("number", list(EXPECTED_BUREAUS))
def test_techreform_responsible_bureaus_are_as_written(seed, number):
    task = Task.objects.get(plan=techreform_plan(), number=number)
    assert bureaus_of(task) == EXPECTED_BUREAUS[number]


def rules_of(number) -> list[AwardRule]:
    return list(AwardRule.objects.filter(plan=techreform_plan(), task__number=number))


def test_the_reform_subsidy_is_30_percent_capped_at_10_million_yuan(seed):
    (rule,) = rules_of("二(一)")
    assert rule.clause.startswith("对当年投资完成在500万元以上的技术改造项目")
    assert (rule.rate, rule.threshold, rule.cap) == (Decimal(30), Decimal(500), Decimal(1000))
    assert rule.payable_field == "completed_on"  # 投产后


def test_the_innovation_centre_subsidy_is_50_percent_up_to_5_million_yuan(seed):
    spend, provincial = rules_of("二(二)")
    assert "以项目建设后补助的方式连续支持3年" in spend.clause
    assert (spend.rate, spend.annual_cap, spend.duration_years) == (
        Decimal(50),
        Decimal(500),
        3,
    )
    assert "给予一次性500万元的补助" in provincial.clause
    assert provincial.fixed_amount == Decimal(500)
    assert all("享受省相关扶持政策" not in rule.clause for rule in (spend, provincial))


def test_the_new_product_subsidy_is_30_percent_capped_at_1_million_yuan(seed):
    (rule,) = rules_of("二(三)")
    assert rule.clause == (
        "认定为省工业新产品的,按照企业研发投入的30%给予后补助,单个项目最高不超过100万元。"
    )
    assert (rule.rate, rule.cap, rule.base_field) == (Decimal(30), Decimal(100), "rd_spend")


def test_the_other_key_task_subsidies_are_copied_from_the_text(seed):
    (strong_base,) = rules_of("二(四)")
    assert strong_base.clause == (
        "对企业承担国家工业强基工程的项目,按照国家资助的50%给予配套支持。"
    )
    recognitions = rules_of("二(五)")
    assert len(recognitions) == 12  # six kinds, national and provincial
    assert {rule.fixed_amount for rule in recognitions} == {Decimal(50), Decimal(30)}
    assert recognitions[0].clause.endswith("分别给予50万元、30万元奖补。")
    (first_set,) = rules_of("二(六)")
    assert first_set.clause == (
        "对购买使用我市并经省认定的首台(套)重大技术装备和关键部件的单位,按照销售价格的5%给予奖励。"
    )
    assert first_set.rate == Decimal(5)


def test_safeguards_grant_no_subsidy(seed):
    for number in SAFEGUARDS:
        assert rules_of(number) == []


def test_every_award_rule_stands_in_its_task_text(seed):
    for rule in AwardRule.objects.filter(plan=techreform_plan()).select_related("task"):
        assert rule.clause in rule.task.text, rule.code
