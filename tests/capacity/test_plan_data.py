"""The seeded 济源市化解过剩产能攻坚方案 against a second, independent reading of the notice.

Every expected value here is transcribed from the source document itself, not from the
fixture file, so that a slip in either shows up as a failure.
"""

import datetime
from decimal import Decimal

import pytest

from capacity.models import CapacityTask
from jiyuan_portal.tracking.models import Bureau, Milestone, Plan, Target, Task, TaskBureau
from tests.plan_data import assert_targets_are, plan_tasks, responsible_of

pytestmark = pytest.mark.django_db


PLAN = "capacity"
IIT = "市工业和信息化委员会"
NDRC = "市发展和改革委员会"
EPB = "市环境保护局"
SAFETY = "市安全生产监督管理局"
QUALITY = "市质量技术监督局"
FINANCE = "市财政局"
HRSS = "市人力资源和社会保障局"
LAND = "市国土资源局"
FINANCE_OFFICE = "市政府金融办"
PBOC = "人行济源中心支行"
CBRC = "银监办"
POWER = "济源供电公司"

KEY_TASKS = [
    ("二(一)", "压减退出煤炭过剩产能"),
    ("二(二)", "依法取缔“地条钢”产能"),
    ("二(三)", "加快关停落后火电机组"),
    ("二(四)", "淘汰关停水泥违规产能"),
    ("二(五)", "依法取缔“小散乱污”企业"),
    ("二(六)", "积极稳妥处置僵尸企业"),
]
SAFEGUARDS = [
    ("三(一)", "加强奖补支持"),
    ("三(二)", "妥善安置分流转岗职工"),
    ("三(三)", "落实差别化价格和信贷政策"),
    ("三(四)", "加大专项执法力度"),
    ("三(五)", "强化惩戒约束"),
]
ORGANISATION = [
    ("四(一)", "压实工作责任"),
    ("四(二)", "严格检查验收"),
    ("四(三)", "健全监督机制"),
]

# (indicator substring, value, unit, year, bound, task number or None)
TARGETS = [
    ("煤炭", Decimal("120"), "万吨", 2017, "exact", "二(一)"),
    ("煤炭", Decimal("81"), "万吨", 2018, "at_least", "二(一)"),
    ("煤炭", Decimal("201"), "万吨", 2018, "exact", "二(一)"),
    ("济源煤业", Decimal("45"), "万吨", 2018, "exact", "二(一)"),
    ("鹤济", Decimal("156"), "万吨", 2018, "exact", "二(一)"),
    ("小散乱污", Decimal("453"), "家", 2017, "exact", "二(五)"),
    ("僵尸企业", Decimal("70"), "%", 2018, "at_least", "二(六)"),
]

# (task number, due phrase as written, due date)
DATED_MILESTONES = [
    ("二(一)", "6月底前", datetime.date(2017, 6, 30)),
    ("二(一)", "10月底前", datetime.date(2017, 10, 31)),
    ("二(一)", "2018年", datetime.date(2018, 12, 31)),
    ("二(二)", "2017年5月底前", datetime.date(2017, 5, 31)),
    ("二(二)", "6月底前", datetime.date(2017, 6, 30)),
    ("二(三)", "2017年5月底前", datetime.date(2017, 5, 31)),
    ("二(三)", "2017年6月底前", datetime.date(2017, 6, 30)),
    ("二(四)", "2017年5月底前", datetime.date(2017, 5, 31)),
    ("二(四)", "2017年10月底前", datetime.date(2017, 10, 31)),
    ("二(五)", "2017年5月底前", datetime.date(2017, 5, 31)),
    ("二(六)", "2017年6月底前", datetime.date(2017, 6, 30)),
    ("二(六)", "2017年12月底前", datetime.date(2017, 12, 31)),
    ("二(六)", "2019年", datetime.date(2019, 12, 31)),
]

# (task number, due phrase) of the open-ended steps: 持续深入排查…, 强化常态化巡查监管…
ONGOING_MILESTONES = [
    ("二(二)", "持续"),
    ("二(三)", "持续"),
    ("二(四)", "持续"),
    ("二(五)", "常态化"),
    ("二(六)", "持续"),
]

# task number -> (lead, co-responsible), canonical names
RESPONSIBLE = {
    "二(一)": (NDRC, {SAFETY}),
    "二(二)": (IIT, {NDRC, EPB, QUALITY}),
    "二(三)": (NDRC, {EPB, POWER}),
    "二(四)": (IIT, {QUALITY, EPB, NDRC}),
    "二(五)": (
        EPB,
        {
            IIT,
            "市工商行政管理局",
            QUALITY,
            LAND,
            "市住房和城乡建设局",
            "市商务局",
            "市公安局",
            "市司法局",
            POWER,
        },
    ),
    "二(六)": (
        IIT,
        {"市国资委", NDRC, FINANCE, HRSS, LAND, FINANCE_OFFICE, PBOC, CBRC, "济源市人民法院"},
    ),
    "三(一)": (FINANCE, {HRSS, NDRC, IIT}),
    "三(二)": (HRSS, set()),
    "三(三)": (NDRC, {IIT, FINANCE_OFFICE, PBOC, CBRC}),
    "三(四)": (EPB, {QUALITY, SAFETY, IIT}),
    "三(五)": (NDRC, {LAND, FINANCE, "市地税局", QUALITY, SAFETY, FINANCE_OFFICE}),
    "四(一)": (None, set()),
    "四(二)": (NDRC, {IIT, EPB}),
    "四(三)": (NDRC, {IIT, EPB}),
}


def test_capacity_plan_is_the_first_plan_with_its_title(seed):
    plan = Plan.objects.get(code=PLAN)
    assert plan.order == 1
    assert plan.title == "济源市化解过剩产能攻坚方案"
    assert plan.preamble.startswith("按照《河南省人民政府关于印发河南省化解过剩产能攻坚方案")
    assert plan.preamble.endswith("特制定本方案。")
    assert "综合运用法律法规、经济手段和必要的行政手段" in plan.general_requirements
    assert "2017年,化解煤炭过剩产能120万吨" in plan.goals
    assert "2018年,化解煤炭过剩产能81万吨以上。" in plan.goals
    assert "僵尸企业基本实现市场出清" in plan.goals


def test_capacity_plan_has_six_key_tasks_in_document_order(seed):
    assert plan_tasks(PLAN, Task.Section.KEY_TASK) == KEY_TASKS


def test_capacity_plan_has_five_safeguards_and_three_organisation_items(seed):
    assert plan_tasks(PLAN, Task.Section.SAFEGUARD) == SAFEGUARDS
    assert plan_tasks(PLAN, Task.Section.ORGANISATION) == ORGANISATION
    assert plan_tasks(PLAN) == KEY_TASKS + SAFEGUARDS + ORGANISATION


def test_capacity_key_tasks_carry_exit_standard_and_quota(seed):
    tasks = {task.number: task for task in CapacityTask.objects.filter(plan__code=PLAN)}
    assert set(tasks) == {number for number, _ in KEY_TASKS + SAFEGUARDS + ORGANISATION}
    for number, _ in KEY_TASKS:
        assert tasks[number].exit_standard, number
        assert tasks[number].exit_quota, number
    assert "201万吨" in tasks["二(一)"].exit_quota
    assert "济源煤业公司压减产能45万吨" in tasks["二(一)"].exit_quota
    assert "鹤济公司压减产能156万吨" in tasks["二(一)"].exit_quota
    assert "453家" in tasks["二(五)"].exit_quota
    assert "济政〔2016〕41号" in tasks["二(一)"].exit_standard
    assert "每千瓦时331克" in tasks["二(三)"].exit_standard
    for number, _ in SAFEGUARDS + ORGANISATION:
        assert tasks[number].exit_standard == ""
        assert tasks[number].exit_quota == ""


def test_capacity_task_text_keeps_the_clauses_but_not_the_responsible_line(seed):
    for task in Task.objects.filter(plan__code=PLAN):
        assert "责任单位" not in task.text, task.number
    coal = Task.objects.get(plan__code=PLAN, number="二(一)")
    assert coal.text.startswith("退出标准:")
    assert "时间节点:2017年压减煤炭产能120万吨" in coal.text
    pricing = Task.objects.get(plan__code=PLAN, number="三(三)")
    assert pricing.text.startswith("严格执行阶梯电价")
    assert "运用市场化手段妥善处置企业债务和银行不良资产。" in pricing.text
    watch = Task.objects.get(plan__code=PLAN, number="四(三)")
    assert "市长热线12345" in watch.text


def test_capacity_targets_are_the_numbers_of_the_text(seed):
    assert_targets_are(PLAN, TARGETS)


def test_capacity_goal_numbers_are_one_target_each_attached_to_the_coal_task(seed):
    assert not Target.objects.filter(plan__code=PLAN, task__isnull=True).exists()
    coal_2017 = Target.objects.filter(plan__code=PLAN, year=2017, unit="万吨")
    assert coal_2017.count() == 1
    assert coal_2017.get().kind == Target.Kind.AMOUNT
    assert "120万吨" in coal_2017.get().clause


def test_capacity_dated_milestones_follow_the_time_nodes(seed):
    milestones = Milestone.objects.filter(task__plan__code=PLAN, due_date__isnull=False)
    actual = [(m.task.number, m.due_phrase, m.due_date) for m in milestones]
    assert sorted(actual) == sorted(DATED_MILESTONES)


def test_capacity_continuous_screening_is_an_ongoing_milestone(seed):
    milestones = Milestone.objects.filter(task__plan__code=PLAN, due_date__isnull=True)
    actual = [(m.task.number, m.due_phrase) for m in milestones]
    assert sorted(actual) == sorted(ONGOING_MILESTONES)
    assert {m.recurrence for m in milestones} == {Milestone.Recurrence.ONGOING}


def test_capacity_milestones_describe_the_deliverables(seed):
    coal = Milestone.objects.filter(task__plan__code=PLAN, task__number="二(一)")
    assert [m.description for m in coal] == [
        "列入年度退出计划的长期停工停产或停止通风排水的煤矿关闭到位",
        "其他列入年度退出计划的矿井全部关闭到位",
        "全面完成国家下达的煤炭行业化解过剩产能任务",
    ]
    power = Milestone.objects.get(task__plan__code=PLAN, task__number="二(三)", order=3)
    assert power.description == "提出具体方案"


@pytest.mark.parametrize("number", list(RESPONSIBLE))
def test_capacity_task_has_the_responsible_bureaus_of_the_text(seed, number):
    assert responsible_of(PLAN, number) == RESPONSIBLE[number]


def test_capacity_bureau_names_never_carry_the_source_typos(seed):
    names = set(Bureau.objects.values_list("name", flat=True))
    names |= set(
        TaskBureau.objects.filter(task__plan__code=PLAN).values_list("bureau__name", flat=True)
    )
    for name in names:
        assert "工业和信息化委委员会" not in name
        assert "发展和改革委员会员会" not in name
    typo = TaskBureau.objects.get(task__plan__code=PLAN, task__number="二(五)", order=2)
    assert typo.name_as_written == "工业和信息化委委员会"
    assert typo.bureau.name == IIT
