"""The notice keeps its published header as printed: 发文机关, 索引号, 成文日期 and 发布时间."""

import datetime

from django.urls import reverse

from jiyuan_portal.tracking.models import Notice
from tests.factories import supervisor


def test_the_notice_keeps_its_header_as_printed(seed):
    notice = Notice.objects.get(number="济政〔2017〕27号")
    assert notice.issuing_office == "市政府办公室"
    assert notice.index_number == "005691947/2017-00225"
    assert notice.issued_on == notice.published_on == datetime.date(2017, 8, 2)  # 成文, 发布
    assert notice.printed_on == datetime.date(2017, 8, 3)  # "2017年8月3日印发"


def test_a_plan_page_shows_the_notice_s_header(client, seed):
    client.force_login(supervisor())
    page = client.get(reverse("dashboard:plan_detail", args=["capacity"])).content.decode()
    header = page.split('id="notice-header">')[1].split("</p>")[0]
    assert "济政〔2017〕27号" in header
    assert "市政府办公室" in header
    assert "005691947/2017-00225" in header
    assert "2017年8月3日印发" in header


def test_tasks_whose_responsible_line_ends_with_deng_keep_that_it_is_open_ended(seed):
    from jiyuan_portal.tracking.models import Task
    from jiyuan_portal.tracking.names import is_open_ended

    open_ended = set(
        Task.objects.filter(responsible_open_ended=True).values_list("plan__code", "number")
    )
    assert open_ended == {("capacity", "二(六)"), ("capacity", "四(二)"), ("capacity", "四(三)")}
    assert is_open_ended("市发改委、工信委、环保局等单位")
    assert not is_open_ended("市发改委、工信委、环保局")


def test_the_task_page_says_when_the_notice_s_list_of_units_is_open_ended(client, seed):
    from jiyuan_portal.tracking.models import Task

    client.force_login(supervisor())
    task = Task.objects.get(plan__code="capacity", number="四(二)")
    page = client.get(reverse("dashboard:task_detail", args=[task.pk])).content.decode()
    assert 'id="open-ended"' in page
    other = Task.objects.filter(responsible_open_ended=False).first()
    page = client.get(reverse("dashboard:task_detail", args=[other.pk])).content.decode()
    assert 'id="open-ended"' not in page


def test_the_tax_authorities_of_2017_are_both_vertically_managed(seed):
    from jiyuan_portal.tracking.models import Bureau

    kinds = dict(
        Bureau.objects.filter(short_name__in=["国税局", "地税局"]).values_list("short_name", "kind")
    )
    assert kinds == {"国税局": Bureau.Kind.VERTICAL, "地税局": Bureau.Kind.VERTICAL}


# A plan's dated goals without a number that belong to no task (总体要求 / 工作目标), as
# written: (plan, due date, what).
PLAN_GOAL_MILESTONES = {
    (
        "capacity",
        datetime.date(2020, 12, 31),
        "低端无效产能市场化退出机制基本建立,煤炭、钢铁、水泥等行业产能过剩矛盾有效化解,"
        "僵尸企业基本实现市场出清",
    ),
    (
        "greening",
        datetime.date(2020, 12, 31),
        "我市绿色制造水平明显提升,绿色化改造由重点骨干企业向多领域、全行业拓展",
    ),
    (
        "greening",
        datetime.date(2020, 12, 31),
        "二氧化硫、化学需氧量、氮氧化物、氨氮排放量控制在全省下达的目标范围内",
    ),
    (
        "smart",
        datetime.date(2020, 12, 31),
        "智能化改造由重点骨干企业向多行业、多领域拓展,力争两化融合发展指数居全省前列",
    ),
    (
        "innovation",
        datetime.date(2018, 12, 31),
        "技术创新攻坚取得明显突破。围绕转型发展攻坚,我市自主创新体系进一步完善,"
        "自主创新能力显著提升",
    ),
    (
        "innovation",
        datetime.date(2020, 12, 31),
        "技术创新攻坚取得重大进展,技术创新对发展转型的支撑作用充分发挥,豫西北科技创新高地初步形成",
    ),
}


def test_a_plan_s_dated_goals_without_a_task_are_milestones_of_the_plan(seed):
    """techreform's 2020 goal (普遍完成新一轮技术改造) is 二(一)'s own 时间节点, so it is a
    milestone of that task, not of the plan."""
    from jiyuan_portal.tracking.models import Milestone, Plan

    goals = Milestone.objects.filter(task__isnull=True)
    assert {(m.plan.code, m.due_date, m.description) for m in goals} == PLAN_GOAL_MILESTONES
    assert all(m.recurrence == Milestone.Recurrence.ONCE for m in goals)
    for plan_code, _due, what in PLAN_GOAL_MILESTONES:
        plan = Plan.objects.get(code=plan_code)
        assert what.split(",")[0] in plan.general_requirements + plan.goals
    assert not goals.filter(plan__code="techreform").exists()


def test_every_milestone_belongs_to_its_task_s_plan(seed):
    from django.db.models import F

    from jiyuan_portal.tracking.models import Milestone

    assert not Milestone.objects.filter(task__isnull=False).exclude(plan=F("task__plan")).exists()
