"""The seeded 济源市推进工业智能化改造攻坚方案 against a second, independent reading of the notice.

Every expected value here is transcribed from the source document itself, not from the
fixture file, so that a slip in either shows up as a failure.
"""

from decimal import Decimal

import pytest

from jiyuan_portal.tracking.models import Bureau, Milestone, Plan, Target, Task, TaskBureau
from tests.plan_data import assert_targets_are, plan_tasks, responsible_of

pytestmark = pytest.mark.django_db


PLAN = "smart"
IIT = "市工业和信息化委员会"
NDRC = "市发展和改革委员会"
FINANCE = "市财政局"
SCIENCE = "市科学技术局"
TELECOM = "市通信发展管理办公室"

KEY_TASKS = [
    ("三(一)", "加快推进两化融合贯标对标工作"),
    ("三(二)", "加快发展智能制造"),
    ("三(三)", "加快发展服务型制造"),
    ("三(四)", "推动工业云和工业大数据平台建设"),
    ("三(五)", "加快发展信息技术产业"),
    ("三(六)", "加快构建制造业“双创”平台"),
]
SAFEGUARDS = [
    ("四(一)", "加强组织实施"),
    ("四(二)", "加大引导力度"),
    ("四(三)", "强化人才支撑"),
]

# (indicator substring, value, unit, year, bound, task number or None): 二、主要目标
TARGETS = [
    ("贯标试点", Decimal("2"), "家", 2017, "exact", None),
    ("自评估", Decimal("20"), "家", 2017, "exact", None),
    ("智能工厂", Decimal("2"), "个", 2017, "exact", None),
    ("服务型制造", Decimal("1"), "个", 2017, "exact", None),
    ("贯标试点", Decimal("6"), "家", 2020, "at_least", None),
    ("评定", Decimal("3"), "家", 2020, "at_least", None),
    ("自评估", Decimal("40"), "家", 2020, "at_least", None),
    ("智能工厂", Decimal("8"), "个", 2020, "at_least", None),
    ("服务型制造", Decimal("5"), "个", 2020, "at_least", None),
    ("普及率", Decimal("90"), "%", 2020, "at_least", None),
    ("基地", Decimal("2"), "个", 2020, "at_least", None),
]

# task number -> (lead, co-responsible), canonical names
RESPONSIBLE = {
    "三(一)": (IIT, {FINANCE}),
    "三(二)": (IIT, {NDRC, FINANCE}),
    "三(三)": (IIT, {NDRC, FINANCE}),
    "三(四)": (IIT, {NDRC, FINANCE, TELECOM}),
    "三(五)": (IIT, {NDRC, "市商务局", FINANCE}),
    "三(六)": (IIT, {SCIENCE, NDRC, FINANCE, TELECOM}),
    "四(一)": (IIT, set()),
    "四(二)": (IIT, {NDRC, SCIENCE, FINANCE}),
    "四(三)": (IIT, {"市教育局", "市人力资源和社会保障局"}),
}


def test_smart_plan_is_the_third_plan_with_its_title(seed):
    plan = Plan.objects.get(code=PLAN)
    assert plan.order == 3
    assert plan.title == "济源市推进工业智能化改造攻坚方案"
    assert plan.preamble.startswith("按照《河南省人民政府关于印发")
    assert "为加快推进工业智能化改造" in plan.preamble
    assert plan.general_requirements.startswith("深化制造业与互联网融合发展")
    assert plan.general_requirements.endswith("力争两化融合发展指数居全省前列。")
    assert plan.goals.startswith("2017年,新增两化融合管理体系贯标试点企业2家")
    assert plan.goals.endswith("“双创”基地达到2个以上。")


def test_smart_plan_has_six_key_tasks_in_document_order(seed):
    assert plan_tasks(PLAN, Task.Section.KEY_TASK) == KEY_TASKS


def test_smart_plan_has_three_organisational_safeguards(seed):
    assert plan_tasks(PLAN, Task.Section.SAFEGUARD) == SAFEGUARDS
    assert plan_tasks(PLAN, Task.Section.ORGANISATION) == []
    assert plan_tasks(PLAN) == KEY_TASKS + SAFEGUARDS


def test_smart_task_text_keeps_the_clauses_and_award_rules_but_not_the_units(seed):
    for task in Task.objects.filter(plan__code=PLAN):
        assert "责任单位" not in task.text, task.number
        assert "牵头单位" not in task.text, task.number
    integration = Task.objects.get(plan__code=PLAN, number="三(一)")
    assert integration.text.endswith("给予30万元奖励。")
    platforms = Task.objects.get(plan__code=PLAN, number="三(六)")
    assert "分别给予其申报单位80万元、50万元奖励。" in platforms.text
    organisation = Task.objects.get(plan__code=PLAN, number="四(一)")
    assert organisation.text.endswith("为政府决策及相关项目实施提供咨询。")


def test_smart_targets_are_the_numbers_of_the_main_goals(seed):
    assert_targets_are(PLAN, TARGETS)


def test_smart_award_amounts_are_not_targets(seed):
    assert not Target.objects.filter(plan__code=PLAN, unit="万元").exists()


def test_smart_platform_penetration_is_a_share(seed):
    target = Target.objects.get(plan__code=PLAN, unit="%")
    assert target.kind == Target.Kind.SHARE
    assert "双创" in target.indicator


def test_smart_plan_sets_no_milestones(seed):
    assert not Milestone.objects.filter(task__plan__code=PLAN).exists()


@pytest.mark.parametrize("number", list(RESPONSIBLE))
def test_smart_task_has_the_responsible_bureaus_of_the_text(seed, number):
    assert responsible_of(PLAN, number) == RESPONSIBLE[number]


def test_smart_bureau_names_never_carry_the_source_typos(seed):
    names = set(Bureau.objects.values_list("name", flat=True))
    names |= set(
        TaskBureau.objects.filter(task__plan__code=PLAN).values_list("bureau__name", flat=True)
    )
    for name in names:
        assert "工业和信息化委委员会" not in name
        assert "发展和改革委员会员会" not in name
