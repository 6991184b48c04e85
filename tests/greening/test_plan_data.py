"""The seeded 济源市推进工业绿色化改造攻坚方案 against a second, independent reading of the notice.

Every expected value here is transcribed from the source document itself, not from the
fixture file, so that a slip in either shows up as a failure.
"""

import datetime
from decimal import Decimal

import pytest

from jiyuan_portal.tracking.models import Bureau, Milestone, Plan, Target, Task, TaskBureau
from tests.plan_data import assert_targets_are, plan_tasks, responsible_of

pytestmark = pytest.mark.django_db


PLAN = "greening"
IIT = "市工业和信息化委员会"
NDRC = "市发展和改革委员会"
EPB = "市环境保护局"
WATER = "市水利局"
COMMERCE = "市商务局"
HOUSING = "市住房和城乡建设局"
QUALITY = "市质量技术监督局"
SAFETY = "市安全生产监督管理局"
FINANCE_OFFICE = "市政府金融办"

KEY_TASKS = [
    ("二(一)", "实施能效水效领跑者行动"),
    ("二(二)", "推动绿色示范工厂建设"),
    ("二(三)", "实施重点行业清洁生产提升行动"),
    ("二(四)", "建设静脉产业园区"),
    ("二(五)", "鼓励能源管理中心建设"),
    ("二(六)", "大力发展节能环保产业"),
]
SAFEGUARDS = [
    ("三(一)", "加强组织实施"),
    ("三(二)", "加大财税支持"),
    ("三(三)", "拓宽融资渠道"),
    ("三(四)", "开展专项节能监察"),
]

# (indicator substring, value, unit, year, bound, task number or None)
TARGETS = [
    ("能耗", Decimal("18"), "%", 2020, "at_least", None),
    ("节能环保产业", Decimal("10"), "%", 2020, "at_least", None),
    ("领跑者", Decimal("2"), "家", 2018, "exact", "二(一)"),
    ("领跑者", Decimal("5"), "家", 2020, "exact", "二(一)"),
    ("绿色示范工厂", Decimal("2"), "家", 2018, "exact", "二(二)"),
    ("绿色园区", Decimal("1"), "个", 2018, "exact", "二(二)"),
    ("绿色示范工厂", Decimal("5"), "家", 2020, "exact", "二(二)"),
    ("绿色园区", Decimal("2"), "个", 2020, "exact", "二(二)"),
    ("静脉产业园", Decimal("1"), "个", 2017, "exact", "二(四)"),
    ("能源管理中心", Decimal("2"), "家", 2020, "exact", "二(五)"),
    ("节能环保企业", Decimal("10"), "家", 2020, "at_least", "二(六)"),
    ("钢铁", Decimal("1"), "家", 2017, "exact", "三(四)"),
    ("水泥", Decimal("1"), "家", 2017, "exact", "三(四)"),
    ("电力", Decimal("2"), "家", 2017, "exact", "三(四)"),
]

# (task number, due phrase as written, due date)
DATED_MILESTONES = [
    ("二(三)", "2018年", datetime.date(2018, 12, 31)),
    ("二(四)", "2020年", datetime.date(2020, 12, 31)),
]

# task number -> (lead, co-responsible), canonical names
RESPONSIBLE = {
    "二(一)": (NDRC, {WATER, IIT, EPB}),
    "二(二)": (IIT, {NDRC, EPB}),
    "二(三)": (IIT, {EPB, NDRC}),
    "二(四)": (NDRC, {COMMERCE, IIT, QUALITY, "玉川产业集聚区管委会"}),
    "二(五)": (IIT, {NDRC}),
    "二(六)": (IIT, {NDRC, COMMERCE, EPB, HOUSING}),
    "三(一)": (IIT, {NDRC, EPB, WATER, COMMERCE, SAFETY, QUALITY, HOUSING}),
    "三(二)": (
        "市财政局",
        {NDRC, "市科学技术局", IIT, EPB, COMMERCE, "市国税局", FINANCE_OFFICE},
    ),
    "三(三)": (FINANCE_OFFICE, {NDRC, IIT, EPB}),
    "三(四)": (NDRC, {IIT, EPB}),
}


def test_greening_plan_is_the_second_plan_with_its_title(seed):
    plan = Plan.objects.get(code=PLAN)
    assert plan.order == 2
    assert plan.title == "济源市推进工业绿色化改造攻坚方案"
    assert plan.preamble.startswith("按照《河南省人民政府关于印发")
    assert "提升工业绿色发展水平" in plan.preamble
    assert plan.general_requirements.startswith("坚持“创新、协调、绿色、开放、共享”五大发展理念")
    assert plan.goals.startswith("到2020年,我市绿色制造水平明显提升")
    assert plan.goals.endswith("控制在全省下达的目标范围内。")
    assert plan.goals in plan.general_requirements


def test_greening_plan_has_six_key_tasks_in_document_order(seed):
    assert plan_tasks(PLAN, Task.Section.KEY_TASK) == KEY_TASKS


def test_greening_plan_has_four_organisational_safeguards(seed):
    assert plan_tasks(PLAN, Task.Section.SAFEGUARD) == SAFEGUARDS
    assert plan_tasks(PLAN, Task.Section.ORGANISATION) == []
    assert plan_tasks(PLAN) == KEY_TASKS + SAFEGUARDS


def test_greening_task_text_keeps_the_clauses_but_not_the_responsible_line(seed):
    for task in Task.objects.filter(plan__code=PLAN):
        assert "责任单位" not in task.text, task.number
    leaders = Task.objects.get(plan__code=PLAN, number="二(一)")
    assert leaders.text.startswith("时间节点:持续开展工业企业能效水效对标提升。")
    assert "攻坚重点:在钢铁、有色、能源、焦化、水泥等行业" in leaders.text
    organisation = Task.objects.get(plan__code=PLAN, number="三(一)")
    assert organisation.text.startswith("建立绿色化改造统筹协调机制")
    assert organisation.text.endswith("为绿色化改造提供技术支撑。")


def test_greening_targets_are_the_numbers_of_the_text(seed):
    assert_targets_are(PLAN, TARGETS)


def test_greening_energy_intensity_is_a_change_against_2016(seed):
    target = Target.objects.get(plan__code=PLAN, kind=Target.Kind.CHANGE)
    assert (target.value, target.unit, target.year, target.bound, target.baseline_year) == (
        Decimal("18"),
        "%",
        2020,
        Target.Bound.AT_LEAST,
        2016,
    )
    assert target.task is None
    growth = Target.objects.get(plan__code=PLAN, kind=Target.Kind.GROWTH)
    assert (growth.value, growth.year) == (Decimal("10"), 2020)


def test_greening_emission_caps_without_numbers_are_not_targets(seed):
    indicators = Target.objects.filter(plan__code=PLAN).values_list("indicator", flat=True)
    assert not any("二氧化硫" in indicator or "氨氮" in indicator for indicator in indicators)


def test_greening_target_kinds_match_their_units(seed):
    for target in Target.objects.filter(plan__code=PLAN):
        if target.unit in ("家", "个"):
            assert target.kind == Target.Kind.COUNT, target.code
        else:
            assert target.unit == "%", target.code


def test_greening_dated_milestones_follow_the_time_nodes(seed):
    milestones = Milestone.objects.filter(task__plan__code=PLAN, due_date__isnull=False)
    actual = [(m.task.number, m.due_phrase, m.due_date) for m in milestones]
    assert sorted(actual) == sorted(DATED_MILESTONES)
    audit = milestones.get(task__number="二(三)")
    assert "强制性清洁生产审核全覆盖" in audit.description
    park = milestones.get(task__number="二(四)")
    assert "完工" in park.description


def test_greening_continuous_benchmarking_is_an_ongoing_milestone(seed):
    milestones = Milestone.objects.filter(task__plan__code=PLAN, due_date__isnull=True)
    assert [(m.task.number, m.due_phrase, m.recurrence) for m in milestones] == [
        ("二(一)", "持续", Milestone.Recurrence.ONGOING)
    ]


@pytest.mark.parametrize("number", list(RESPONSIBLE))
def test_greening_task_has_the_responsible_bureaus_of_the_text(seed, number):
    assert responsible_of(PLAN, number) == RESPONSIBLE[number]


def test_greening_bureau_names_never_carry_the_source_typos(seed):
    names = set(Bureau.objects.values_list("name", flat=True))
    names |= set(
        TaskBureau.objects.filter(task__plan__code=PLAN).values_list("bureau__name", flat=True)
    )
    for name in names:
        assert "工业和信息化委委员会" not in name
        assert "发展和改革委员会员会" not in name
    typo = TaskBureau.objects.get(task__plan__code=PLAN, task__number="二(一)", order=1)
    assert typo.name_as_written == "市发展和改革委员会员会"
    assert typo.bureau.name == NDRC
