"""The supervisors' cockpit: each block against data computed by hand, links to the lists
behind each figure, who lands where, and a query count that does not grow with the data."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from jiyuan_portal.alerts.models import Alert, AlertBureau, Explanation
from jiyuan_portal.alerts.scan import run_scan
from jiyuan_portal.dashboard import cockpit
from jiyuan_portal.dashboard.league import bureau_league
from jiyuan_portal.reporting.models import ReviewStatus
from jiyuan_portal.tracking.status import MilestoneStatus, TargetStatus
from tests.factories import (
    BureauFactory,
    MilestoneFactory,
    PlanFactory,
    TargetFactory,
    TargetReportFactory,
    TaskFactory,
    bureau_staff,
    supervisor,
)

ON = datetime.date(2017, 9, 30)


def day(text):
    return datetime.date.fromisoformat(text)


@pytest.fixture
def fresh_plan(seed):
    return PlanFactory(code="cockpit-test", title="驾驶舱测试方案", short_name="驾驶舱测试")


@pytest.fixture
def bureau(seed):
    return BureauFactory(name="驾驶舱测试局")


@pytest.fixture
def plan_with_progress(fresh_plan, bureau):
    """Two tasks of ``bureau``; milestones in every state as of 30 September 2017; targets
    achieved, on track, at risk, behind and without data."""
    first = TaskFactory(plan=fresh_plan, bureaus=[bureau])
    second = TaskFactory(plan=fresh_plan, bureaus=[BureauFactory(), bureau])
    MilestoneFactory(task=first, due_date=day("2017-05-31"), completed_on=day("2017-05-20"))
    MilestoneFactory(task=first, due_date=day("2017-05-31"), completed_on=day("2017-06-20"))
    MilestoneFactory(task=first, due_date=day("2017-06-30"))  # overdue
    MilestoneFactory(task=first, due_date=day("2017-08-31"))  # overdue
    MilestoneFactory(task=second, due_date=day("2017-10-20"))  # due within 30 days
    MilestoneFactory(task=second, due_date=day("2018-06-30"))  # pending
    # 2017 targets of 100: 272 of the year's 364 days (74.7%) have passed by 30 September.
    for value, actual in ((100, 100), (100, 70), (100, 55), (100, 30), (100, None)):
        target = TargetFactory(plan=fresh_plan, task=first, year=2017, value=Decimal(value))
        if actual is not None:
            TargetReportFactory(
                target=target,
                value=Decimal(actual),
                as_of=day("2017-09-15"),
                approved=True,
                submitted_at=datetime.datetime(2017, 9, 16, 10, tzinfo=datetime.UTC),
            )
    return fresh_plan


def block_of(plan):
    return next(b for b in cockpit.plan_blocks(ON) if b.plan == plan)


def test_a_plan_block_counts_its_tasks_milestones_and_targets_by_status(plan_with_progress):
    block = block_of(plan_with_progress)
    assert block.task_count == 2
    assert block.milestones[MilestoneStatus.DONE] == 1
    assert block.milestones[MilestoneStatus.DONE_LATE] == 1
    assert block.milestones[MilestoneStatus.OVERDUE] == 2
    assert block.milestones[MilestoneStatus.DUE_SOON] == 1
    assert block.milestones[MilestoneStatus.PENDING] == 1
    assert dict(block.targets) == {
        TargetStatus.ACHIEVED: 1,
        TargetStatus.ON_TRACK: 1,  # 70: 4.7 points behind the pace
        TargetStatus.AT_RISK: 1,  # 55: 19.7 points behind
        TargetStatus.BEHIND: 1,  # 30: 44.7 points behind
        TargetStatus.NO_DATA: 1,
    }
    # Two of the four milestones due by today are completed.
    assert block.completed_percent == 50


def test_a_plan_block_light_is_red_while_an_item_is_late(plan_with_progress):
    # Before the scan nothing is flagged: a milestone due soon and a target at risk, yellow.
    assert block_of(plan_with_progress).light.light == "yellow"
    run_scan(on=ON)
    counts = block_of(plan_with_progress).light
    assert counts.light == "red"
    assert counts.late == 3  # the two overdue milestones and the target behind


def test_each_count_links_to_the_list_filtered_to_those_items(plan_with_progress):
    block = block_of(plan_with_progress)
    overdue = next(c for c in block.milestone_counts if c.status == MilestoneStatus.OVERDUE)
    assert overdue.count == 2
    assert overdue.url == (
        f"{reverse('dashboard:milestone_list')}?plan={plan_with_progress.pk}&status=overdue"
    )
    behind = next(c for c in block.target_counts if c.status == TargetStatus.BEHIND)
    assert behind.url == (
        f"{reverse('dashboard:target_list')}?plan={plan_with_progress.pk}&status=behind"
    )


def test_targets_off_pace_lists_behind_before_at_risk(plan_with_progress):
    listed = [
        t for t in cockpit.targets_off_pace(ON, limit=1000) if t.plan_id == plan_with_progress.pk
    ]
    assert [(t.status, t.actual) for t in listed] == [
        (TargetStatus.BEHIND, Decimal(30)),
        (TargetStatus.AT_RISK, Decimal(55)),
    ]
    assert listed[0].expected == pytest.approx(Decimal("74.73"), abs=Decimal("0.01"))


def test_the_league_table_counts_what_a_bureau_leads(plan_with_progress, bureau):
    run_scan(on=ON)
    late = Alert.objects.active().filter(
        pk__in=AlertBureau.objects.filter(bureau=bureau, role="lead").values("alert_id")
    )
    Explanation.objects.create(
        alert=late.filter(kind=Alert.Kind.MILESTONE_OVERDUE).first(),
        bureau=bureau,
        author=bureau_staff(bureau),
        reason="设备到货延迟",
        measures="加快安装",
        expected_on=day("2017-10-31"),
    )
    TargetReportFactory(
        target=plan_with_progress.targets.first(),
        bureau=bureau,
        status=ReviewStatus.SUBMITTED,
        submitted_at=datetime.datetime(2017, 9, 20, 10, tzinfo=datetime.UTC),
    )
    # Due, on time, of a task it only shares: not its own to count.
    MilestoneFactory(
        task=plan_with_progress.tasks.get(
            assignments__bureau=bureau, assignments__role="cooperating"
        ),
        due_date=day("2017-04-30"),
        completed_on=day("2017-04-30"),
    )
    row = bureau_league(ON).get(pk=bureau.pk)
    assert (row.lead_count, row.shared_count) == (1, 1)
    # Four one-off milestones of the task it leads were due by 30 September; one was on time.
    assert (row.due_count, row.on_time_count) == (4, 1)
    assert row.on_time_rate == pytest.approx(25.0)
    assert row.overdue_count == 3  # two milestones and a target behind
    assert row.explanations_missing == 2
    assert row.awaiting_review == 1
    assert row.last_report_at.date() == day("2017-09-20")


def test_bureau_staff_landing_on_the_home_page_keep_their_tasks(client, bureau):
    client.force_login(bureau_staff(bureau))
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response.url == reverse("dashboard:my_work")


def test_the_cockpit_shows_every_block_to_a_supervisor(client, plan_with_progress, settings):
    settings.JIYUAN_AS_OF = ON
    run_scan(on=ON)
    client.force_login(supervisor())
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "驾驶舱测试方案" in page
    assert 'id="overdue-heading"' in page and 'id="bureaus-heading"' in page
    assert "驾驶舱测试局" in page
    # The overdue list links each item; the league's red counts open the red list.
    assert reverse("alerts:alert_list") + "?state=active" in page


def test_the_cockpit_pages_its_overdue_list(client, seed, settings):
    settings.JIYUAN_AS_OF = ON
    bureau = BureauFactory()
    for _n in range(12):
        MilestoneFactory(task=TaskFactory(bureaus=[bureau]), due_date=day("2017-06-01"))
    run_scan(on=ON)
    client.force_login(supervisor())
    first = client.get(reverse("dashboard:home"))
    total = first.context["overdue"].paginator.count
    assert total >= 12
    assert len(first.context["overdue"].page.object_list) == 10
    last = client.get(reverse("dashboard:home"), {"overdue-page": (total + 9) // 10})
    assert len(last.context["overdue"].page.object_list) == total - 10 * ((total - 1) // 10)


def test_the_cockpit_query_count_does_not_grow_with_the_data(
    client, seed, settings, django_assert_max_num_queries
):
    settings.JIYUAN_AS_OF = ON
    client.force_login(supervisor())
    run_scan(on=ON)
    # About 45 are the registry measures (one per measure and year the plans count, fixed
    # by the plans); the rest are the blocks' own and the league's figures.
    lead, partner = BureauFactory(), BureauFactory()
    with django_assert_max_num_queries(100) as before:
        client.get(reverse("dashboard:home"))
    plan = PlanFactory(code="cockpit-growth", title="增长测试", short_name="增长测试")
    # The data grow, not the bureaus (master data): SQLite writes the league's figures in
    # batches of 83 bureaus (999 parameters), a statement more beyond that.
    for _n in range(20):
        task = TaskFactory(plan=plan, bureaus=[lead, partner])
        MilestoneFactory(task=task, due_date=day("2017-06-01"))
        target = TargetFactory(plan=plan, task=task, year=2017)
        TargetReportFactory(target=target, value=Decimal(1), approved=True)
    run_scan(on=ON)
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("dashboard:home"))
