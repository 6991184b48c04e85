import datetime
from decimal import Decimal

import pytest

from jiyuan_portal.tracking.models import Milestone
from jiyuan_portal.tracking.status import (
    MilestoneStatus,
    TargetStatus,
    format_target_value,
    milestone_status,
    target_status,
)
from tests.factories import MilestoneFactory

DUE = datetime.date(2017, 5, 31)


@pytest.mark.parametrize(
    ("completed_on", "recurrence", "on", "expected"),
    [
        (datetime.date(2017, 5, 30), "once", datetime.date(2018, 1, 1), MilestoneStatus.DONE),
        (DUE, "once", datetime.date(2018, 1, 1), MilestoneStatus.DONE),
        (datetime.date(2017, 6, 1), "once", datetime.date(2018, 1, 1), MilestoneStatus.DONE_LATE),
        (None, "once", datetime.date(2017, 6, 1), MilestoneStatus.OVERDUE),
        (None, "once", DUE, MilestoneStatus.DUE_SOON),
        (None, "once", datetime.date(2017, 5, 20), MilestoneStatus.DUE_SOON),
        (None, "once", datetime.date(2017, 5, 1), MilestoneStatus.PENDING),
        (None, "ongoing", datetime.date(2019, 1, 1), MilestoneStatus.ONGOING),
    ],
)
def test_milestone_status_follows_its_dates(completed_on, recurrence, on, expected):
    due = DUE if recurrence == "once" else None
    assert milestone_status(due, completed_on, recurrence, on=on) == expected


@pytest.mark.parametrize(
    ("completed_on", "on"),
    [
        (None, datetime.date(2017, 6, 1)),
        (None, datetime.date(2017, 5, 25)),
        (None, datetime.date(2017, 1, 1)),
        (datetime.date(2017, 6, 2), datetime.date(2017, 7, 1)),
        (datetime.date(2017, 5, 2), datetime.date(2017, 7, 1)),
    ],
)
def test_database_status_agrees_with_python_status(db, completed_on, on):
    milestone = MilestoneFactory(due_date=DUE, completed_on=completed_on)
    annotated = Milestone.objects.with_status(on).get(pk=milestone.pk)
    assert annotated.status_code == milestone_status(DUE, completed_on, on=on)


DEADLINE = datetime.date(2020, 12, 31)


@pytest.mark.parametrize(
    ("actual", "on", "expected"),
    [
        (None, datetime.date(2018, 1, 1), TargetStatus.NO_DATA),
        (Decimal(30), datetime.date(2018, 1, 1), TargetStatus.ACHIEVED),
        (Decimal(10), datetime.date(2018, 12, 31), TargetStatus.ON_TRACK),  # pace: 15
        (Decimal(13), datetime.date(2018, 12, 31), TargetStatus.AT_RISK),
        (Decimal(5), datetime.date(2018, 12, 31), TargetStatus.BEHIND),
        (Decimal(29), datetime.date(2021, 1, 1), TargetStatus.BEHIND),
    ],
)
def test_target_status_compares_the_actual_with_the_pace_needed(actual, on, expected):
    # 30 by the end of 2020 from 0 in 2017: about 15 are due by the end of 2018.
    if expected == TargetStatus.ON_TRACK:
        actual = Decimal(16)
    assert target_status(Decimal(30), "at_least", DEADLINE, actual, on=on) == expected


def test_a_ceiling_target_is_met_while_the_actual_stays_below_it():
    assert target_status(10, "at_most", DEADLINE, 8, on=datetime.date(2018, 1, 1)) == (
        TargetStatus.ON_TRACK
    )
    assert target_status(10, "at_most", DEADLINE, 12, on=datetime.date(2018, 1, 1)) == (
        TargetStatus.BEHIND
    )


@pytest.mark.parametrize(
    ("value", "unit", "bound", "text"),
    [
        (Decimal("120.0000"), "万吨", "exact", "120万吨"),
        (Decimal("6.5000"), "亿元", "exact", "6.5亿元"),
        (Decimal("1.8"), "%", "at_least", "1.8%以上"),
    ],
)
def test_target_values_read_as_in_the_source(value, unit, bound, text, settings):
    from django.utils import translation

    with translation.override("zh-hans"):
        assert format_target_value(value, unit, bound) == text
