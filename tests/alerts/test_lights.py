"""The 红黄绿灯 light of a task and of a bureau: red for a late item without an accepted
explanation; yellow for an item explained and accepted until a date not yet passed, a
milestone due soon or a target at risk; green otherwise."""

import datetime

import pytest
from django.utils import timezone

from jiyuan_portal.alerts import scan
from jiyuan_portal.alerts.lights import LightCounts, bureau_lights, task_lights
from jiyuan_portal.alerts.models import Explanation
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.status import Light
from tests.alerts.support import (
    AFTER,
    behind_target,
    explain,
    flagged_item,
    fresh_plan,
    late_milestone,
    staffed_bureau,
)
from tests.factories import BureauFactory, MilestoneFactory, TaskFactory

RED, YELLOW, GREEN = Light.RED, Light.YELLOW, Light.GREEN


@pytest.mark.parametrize(
    ("late", "explained", "due_soon", "at_risk", "expected"),
    [
        (0, 0, 0, 0, GREEN),
        (1, 0, 0, 0, RED),
        (1, 3, 2, 1, RED),
        (0, 1, 0, 0, YELLOW),
        (0, 0, 1, 0, YELLOW),
        (0, 0, 0, 1, YELLOW),
        (0, 2, 2, 2, YELLOW),
    ],
)
def test_the_light_rule(late, explained, due_soon, at_risk, expected):
    assert status.light(late, explained, due_soon, at_risk) == expected
    assert LightCounts(late, explained, due_soon, at_risk).light == expected


def test_each_light_has_its_colour():
    assert LightCounts(late=1).colour == "danger"
    assert LightCounts(due_soon=1).colour == "warning"
    assert LightCounts().colour == "success"


def test_the_rule_as_the_pages_say_it_names_the_due_soon_window(settings):
    settings.JIYUAN_DUE_SOON_DAYS = 21

    assert "21" in status.light_rule()


# Lights of tasks and bureaus, from the items.


def task_light(task, on=AFTER) -> Light:
    return task_lights(on).get(task.pk, LightCounts()).light


def bureau_light(bureau, on=AFTER) -> Light:
    return bureau_lights(on).get(bureau.pk, LightCounts()).light


@pytest.fixture
def author(seed):
    """A member of the staff of the lead bureau of ``item``."""
    _lead, staff = staffed_bureau()
    return staff


@pytest.fixture
def item(author):
    """A late item of a lead bureau and a co-responsible bureau."""
    return flagged_item(author.bureau, BureauFactory())


def bureaus_of(alert):
    return [link.bureau for link in alert.bureau_links.all()]


def test_an_unexplained_late_item_is_red_for_its_task_and_its_bureaus(item):
    assert task_light(item.task) == RED
    assert [bureau_light(bureau) for bureau in bureaus_of(item)] == [RED, RED]


def test_an_explanation_awaiting_a_decision_or_rejected_leaves_it_red(item, author):
    explain(item, author, expected_on=AFTER + datetime.timedelta(days=30))
    explain(
        item,
        author,
        expected_on=AFTER + datetime.timedelta(days=30),
        decision=Explanation.Decision.REJECTED,
    )

    assert task_light(item.task) == RED
    assert bureau_light(item.lead_bureau) == RED


def test_an_accepted_explanation_turns_it_yellow_until_its_new_date_has_passed(item, author):
    new_date = AFTER + datetime.timedelta(days=30)
    explain(
        item,
        author,
        expected_on=new_date,
        decision=Explanation.Decision.ACCEPTED,
    )

    assert task_light(item.task) == YELLOW
    assert [bureau_light(b) for b in bureaus_of(item)] == [YELLOW, YELLOW]
    assert task_light(item.task, on=new_date) == YELLOW
    assert task_light(item.task, on=new_date + datetime.timedelta(days=1)) == RED
    assert bureau_light(item.lead_bureau, on=new_date + datetime.timedelta(days=1)) == RED


@pytest.mark.parametrize("ending", ["done", "closed"])
def test_an_item_done_or_closed_leaves_its_task_and_bureaus_green(item, ending):
    if ending == "done":
        item.resolved_on = AFTER
    else:
        item.closed_at = timezone.now()
    item.save()

    assert task_light(item.task) == GREEN
    assert [bureau_light(b) for b in bureaus_of(item)] == [GREEN, GREEN]


def test_a_milestone_due_soon_turns_its_task_and_bureaus_yellow(seed):
    lead, other = BureauFactory(), BureauFactory()
    milestone = late_milestone(lead, other, due=AFTER + datetime.timedelta(days=5))

    assert task_light(milestone.task) == YELLOW
    assert [bureau_light(lead), bureau_light(other)] == [YELLOW, YELLOW]
    # Weeks before, it is not due soon yet.
    assert task_light(milestone.task, on=AFTER - datetime.timedelta(days=60)) == GREEN


def test_a_task_with_nothing_late_or_near_is_green(seed):
    bureau = BureauFactory()
    task = TaskFactory(bureaus=[bureau])
    MilestoneFactory(task=task, due_date=AFTER + datetime.timedelta(days=200))
    MilestoneFactory(
        task=task,
        due_date=AFTER - datetime.timedelta(days=30),
        completed_on=AFTER - datetime.timedelta(days=40),
    )

    assert task_light(task) == GREEN
    assert bureau_light(bureau) == GREEN


def test_a_red_item_outweighs_a_yellow_one_on_the_same_task(item):
    MilestoneFactory(task=item.task, due_date=AFTER + datetime.timedelta(days=3))

    counts = task_lights(AFTER)[item.task.pk]

    assert (counts.late, counts.due_soon) == (1, 1)
    assert counts.light == RED


def test_a_plan_goal_behind_is_red_for_the_bureaus_leading_the_plan_not_for_a_task(seed):
    plan = fresh_plan()
    lead = BureauFactory()
    key_task = TaskFactory(plan=plan, bureaus=[lead])
    behind_target(plan=plan)
    on = datetime.date(2018, 6, 1)

    scan.run_scan(on=on)

    assert bureau_light(lead, on=on) == RED
    assert task_light(key_task, on=on) == GREEN
