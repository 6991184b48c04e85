"""The seeded 济源市推进技术创新攻坚方案 against a second transcription of the document.

Every expected value below is copied from the source text (济政〔2017〕27号), not from the
fixture file, so a slip in either shows up as a difference.
"""

import datetime
from decimal import Decimal

import pytest

from jiyuan_portal.tracking.models import Milestone, Plan, Target, Task, TaskBureau
from tests.plan_data import bureaus_of, target_tuples

pytestmark = pytest.mark.django_db

KEY_TASKS = {
    "二(一)": "发展创新引领型企业",
    "二(二)": "建设创新引领型平台",
    "二(三)": "培育创新引领型人才",
    "二(四)": "推进产业转型发展",
}
SUPPORT_MEASURES = {
    "三(一)": "加快郑洛新国家自主创新示范区辐射区创建,打造创新驱动发展的核心载体",
    "三(二)": "组织实施重大科技专项,带动提升产业核心竞争力",
    "三(三)": "实施开放式创新,有效集聚外部创新资源",
    "三(四)": "促进科技金融深度融合,建立科技金融服务体系",
    "三(五)": "加大科技投入力度,提升企业创新能力",
}
ORGANISATION = {
    "四(一)": "强化协调联动",
    "四(二)": "完善配套措施",
    "四(三)": "加强督促检查",
}

# (code, value, unit, year, bound, task number or None for the plan's general goals)
EXPECTED_TARGETS = {
    # 工作目标, 到2018年
    ("innovation-leaders-2018", Decimal("5"), "家", 2018, "at_least", None),
    ("high-tech-enterprises-2018", Decimal("15"), "家", 2018, "more_than", None),
    ("new-rd-institutes-2018", Decimal("2"), "家", 2018, "exact", None),
    ("rd-institution-coverage-2018", Decimal("60"), "%", 2018, "at_least", None),
    ("innovation-teams-2018", Decimal("8"), "个", 2018, "at_least", None),
    ("high-level-teams-2018", Decimal("3"), "个", 2018, "at_least", None),
    ("rd-intensity-2018", Decimal("1.8"), "%", 2018, "at_least", None),
    ("high-tech-value-added-growth-2018", Decimal("13"), "%", 2018, "exact", None),
    # 工作目标, 到2020年 (高新技术企业达到30家 is restated in 二(一)2.)
    ("national-rd-platforms-2020", Decimal("3"), "家", 2020, "more_than", None),
    ("new-rd-institutes-2020", Decimal("5"), "家", 2020, "exact", None),
    ("innovation-teams-2020", Decimal("50"), "个", 2020, "at_least", None),
    ("high-level-teams-2020", Decimal("10"), "家", 2020, "exact", None),
    # 二(一)1.-3.
    ("innovation-leaders-2017", Decimal("2"), "家", 2017, "exact", "二(一)"),
    ("new-high-tech-enterprises-2017", Decimal("2"), "家", 2017, "exact", "二(一)"),
    ("high-tech-enterprises-2017", Decimal("13"), "家", 2017, "more_than", "二(一)"),
    ("high-tech-enterprises-2020", Decimal("30"), "家", 2020, "exact", "二(一)"),
    ("little-giants-2017", Decimal("1"), "家", 2017, "exact", "二(一)"),
    ("tech-smes-2017", Decimal("10"), "家", 2017, "exact", "二(一)"),
    # 二(二)1. (no year: by the end of the plan) and 3. (到2020年)
    ("provincial-platforms-2020", Decimal("2"), "家", 2020, "at_least", "二(二)"),
    ("national-platforms-introduced-2020", Decimal("1"), "家", 2020, "at_least", "二(二)"),
    ("provincial-rd-institutions-2020", Decimal("20"), "家", 2020, "at_least", "二(二)"),
    ("municipal-rd-platforms-2020", Decimal("100"), "家", 2020, "at_least", "二(二)"),
    # 三(四): 2017年起,每年…不低于1000万元; 不低于1亿元; 至少6000万元
    ("sci-tech-fund-2017", Decimal("1000"), "万元", 2017, "at_least", "三(四)"),
    ("sci-tech-fund-2018", Decimal("1000"), "万元", 2018, "at_least", "三(四)"),
    ("sci-tech-fund-2019", Decimal("1000"), "万元", 2019, "at_least", "三(四)"),
    ("sci-tech-fund-2020", Decimal("1000"), "万元", 2020, "at_least", "三(四)"),
    ("guided-special-fund-2017", Decimal("1"), "亿元", 2017, "at_least", "三(四)"),
    ("bank-credit-line-2017", Decimal("6000"), "万元", 2017, "at_least", "三(四)"),
}

# (task number, due phrase, due date)
EXPECTED_MILESTONES = [
    ("二(二)", "到2020年", datetime.date(2020, 12, 31)),
    ("二(二)", "到2020年", datetime.date(2020, 12, 31)),
    ("三(二)", "2017年", datetime.date(2017, 12, 31)),
]

# task number -> (lead, co-responsible), canonical names of fixtures/bureaus.yaml
EXPECTED_BUREAUS = {
    "二(一)": (
        "市科学技术局",
        {"市发展和改革委员会", "市工业和信息化委员会", "市财政局", "市国税局", "市地税局"},
    ),
    "二(二)": (
        "市科学技术局",
        {"市发展和改革委员会", "市工业和信息化委员会", "市教育局", "市财政局"},
    ),
    "二(三)": (
        "市编办",
        {
            "市财政局",
            "市人力资源和社会保障局",
            "市科学技术局",
            "市教育局",
            "市发展和改革委员会",
            "市工业和信息化委员会",
            "市商务局",
            "高新技术产业开发区管委会",
            "虎岭经济开发区管委会",
            "玉川产业集聚区管委会",
        },
    ),
    "二(四)": (
        "市科学技术局",
        {"市发展和改革委员会", "市工业和信息化委员会", "市农牧局"},
    ),
}


def innovation_plan():
    return Plan.objects.get(code="innovation")


def innovation_task(number):
    return Task.objects.get(plan__code="innovation", number=number)


def test_innovation_plan_is_the_fifth_of_the_notice(seed):
    plan = innovation_plan()
    assert plan.title == "济源市推进技术创新攻坚方案"
    assert plan.order == 5
    assert plan.notice.number == "济政〔2017〕27号"
    assert plan.preamble.endswith("为大力实施技术创新攻坚,结合我市实际,特制定本方案。")
    assert plan.general_requirements.startswith("深入实施创新驱动发展战略")
    assert plan.general_requirements.endswith("奋力打造豫西北创新高地。")


def test_innovation_goals_hold_the_whole_work_target_text(seed):
    goals = innovation_plan().goals
    assert goals.startswith("到2018年,技术创新攻坚取得明显突破。")
    for line in (
        "——创新引领型企业带动作用充分发挥。",
        "——高层次创新创业平台加快发展。",
        "——创新型人才和团队不断壮大。",
        "——技术创新对转型发展的带动作用不断加强。",
    ):
        assert line in goals
    assert goals.endswith("其中高层次创新型团队达到10家。")


def test_innovation_has_four_key_tasks_and_eight_safeguards(seed):
    tasks = Task.objects.filter(plan=innovation_plan())
    assert {t.number: t.title for t in tasks.filter(section="key_task")} == KEY_TASKS
    assert {t.number: t.title for t in tasks.filter(section="safeguard")} == {
        **SUPPORT_MEASURES,
        **ORGANISATION,
    }
    assert not tasks.filter(section="organisation").exists()
    assert [t.number for t in tasks.order_by("order")] == [
        *KEY_TASKS,
        *SUPPORT_MEASURES,
        *ORGANISATION,
    ]


def test_numbered_sub_items_stay_inside_their_task(seed):
    for number, count in (("二(一)", 3), ("二(二)", 3), ("二(三)", 3), ("二(四)", 4)):
        text = innovation_task(number).text
        for item in range(1, count + 1):
            assert f"\n{item}." in text, (number, item)
        assert f"\n{count + 1}." not in text
        assert "责任单位" not in text
    assert "1.加快培育创新型龙头企业。" in innovation_task("二(一)").text
    assert innovation_task("二(四)").text.endswith("具有济源特色的现代服务业体系。")


def test_inline_headings_are_split_from_their_clauses(seed):
    measure = innovation_task("三(一)")
    assert measure.text.startswith("统筹优化区域创新布局")
    assert innovation_task("四(三)").text.endswith("确保各项工作取得实效。")


def test_innovation_targets_are_every_number_of_the_plan(seed):
    assert target_tuples(innovation_plan()) == EXPECTED_TARGETS


def test_innovation_2018_goals_are_plan_level_targets(seed):
    targets_2018 = {
        code: task
        for code, _, _, year, _, task in target_tuples(innovation_plan())
        if year == 2018 and not code.startswith("sci-tech-fund-")
    }
    assert targets_2018 == {
        "innovation-leaders-2018": None,
        "high-tech-enterprises-2018": None,
        "new-rd-institutes-2018": None,
        "rd-institution-coverage-2018": None,
        "innovation-teams-2018": None,
        "high-level-teams-2018": None,
        "rd-intensity-2018": None,
        "high-tech-value-added-growth-2018": None,
    }


def test_thirty_high_tech_enterprises_in_2020_is_one_target_of_task_2_1(seed):
    rows = Target.objects.filter(
        plan=innovation_plan(), year=2020, indicator__contains="高新技术企业"
    )
    assert [(t.value, t.task.number) for t in rows] == [(30, "二(一)")]


def test_2017_enterprise_targets_of_task_2_1(seed):
    targets_2017 = {
        (code, value, bound)
        for code, value, _, year, bound, task in target_tuples(innovation_plan())
        if year == 2017 and task == "二(一)"
    }
    assert targets_2017 == {
        ("innovation-leaders-2017", Decimal("2"), "exact"),
        ("new-high-tech-enterprises-2017", Decimal("2"), "exact"),
        ("high-tech-enterprises-2017", Decimal("13"), "more_than"),
        ("little-giants-2017", Decimal("1"), "exact"),
        ("tech-smes-2017", Decimal("10"), "exact"),
    }


def test_rd_intensity_is_a_share_and_value_added_growth_a_growth_rate(seed):
    plan = innovation_plan()
    intensity = Target.objects.get(plan=plan, code="rd-intensity-2018")
    assert (intensity.kind, intensity.value) == (Target.Kind.SHARE, Decimal("1.8"))
    growth = Target.objects.get(plan=plan, code="high-tech-value-added-growth-2018")
    assert growth.kind == Target.Kind.GROWTH


def test_the_innovation_fund_is_set_every_year_from_2017(seed):
    funds = Target.objects.filter(plan=innovation_plan(), code__startswith="sci-tech-fund-")
    assert [(t.year, t.value, t.unit, t.kind) for t in funds.order_by("year")] == [
        (year, Decimal("1000"), "万元", Target.Kind.AMOUNT) for year in range(2017, 2021)
    ]


def test_innovation_dated_milestones(seed):
    milestones = Milestone.objects.filter(task__plan=innovation_plan()).select_related("task")
    assert [(m.task.number, m.due_phrase, m.due_date) for m in milestones] == EXPECTED_MILESTONES
    assert [m.description for m in milestones] == [
        "争取企业技术中心、工程技术研究中心、重点实验室建设取得突破",
        "基本实现大中型企业市级及以上研发机构全覆盖",
        "重点在装备制造、精细化工等主导产业和节能环保、新材料等新兴产业方面,"
        "谋划实施一批重大科技专项,着力解决一批制约我市产业转型发展的重大技术问题",
    ]


@pytest.mark.parametrize("number", list(EXPECTED_BUREAUS))
def test_innovation_key_task_bureaus_are_as_written(seed, number):
    assert bureaus_of(innovation_task(number)) == EXPECTED_BUREAUS[number]


@pytest.mark.parametrize("number", [*SUPPORT_MEASURES, *ORGANISATION])
def test_support_measures_and_organisation_name_no_responsible_bureau(seed, number):
    assert not TaskBureau.objects.filter(task=innovation_task(number)).exists()
