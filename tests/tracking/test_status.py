import datetime
from decimal import Decimal

import pytest

from jiyuan_portal.tracking.models import Milestone
from jiyuan_portal.tracking.status import (
    MilestoneStatus,
    TargetStatus,
    expected_value,
    format_target_value,
    milestone_status,
    target_rule_sentence,
    target_status,
)
from tests.factories import MilestoneFactory, TargetFactory, TargetReportFactory

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
        (None, "once", datetime.date(2017, 4, 1), MilestoneStatus.PENDING),
        (None, "ongoing", datetime.date(2019, 1, 1), MilestoneStatus.ONGOING),
        (None, "undated", datetime.date(2021, 1, 1), MilestoneStatus.UNDATED),
        (datetime.date(2018, 3, 1), "undated", datetime.date(2021, 1, 1), MilestoneStatus.DONE),
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


@pytest.mark.parametrize("completed_on", [None, datetime.date(2018, 3, 1)])
def test_database_status_of_an_undated_milestone_agrees_with_python(db, completed_on):
    milestone = MilestoneFactory(due_date=None, recurrence="undated", completed_on=completed_on)
    annotated = Milestone.objects.with_status(datetime.date(2021, 1, 1)).get(pk=milestone.pk)
    assert annotated.status_code == milestone.status


DEADLINE = datetime.date(2020, 12, 31)


# 30 by the end of 2020 from 0 at the start of 2017: on 2018-12-31, 729 of the 1,460 days
# have passed, so the pace (序时进度) is 49.93% of the way, an expected value of 14.98.
END_2018 = datetime.date(2018, 12, 31)


def test_expected_value_follows_the_pace_from_the_baseline_to_the_deadline():
    assert expected_value(30, DEADLINE, on=END_2018).quantize(Decimal("0.01")) == Decimal("14.98")
    assert expected_value(30, DEADLINE, baseline=10, on=END_2018).quantize(
        Decimal("0.01")
    ) == Decimal("19.99")
    assert expected_value(30, DEADLINE, on=datetime.date(2016, 6, 1)) == 0
    assert expected_value(30, DEADLINE, on=datetime.date(2021, 6, 1)) == 30


@pytest.mark.parametrize(
    ("actual", "on", "expected"),
    [
        (None, END_2018, TargetStatus.NO_DATA),
        (Decimal(30), END_2018, TargetStatus.ACHIEVED),
        (Decimal(16), END_2018, TargetStatus.ON_TRACK),  # ahead of the pace
        (Decimal(12), END_2018, TargetStatus.ON_TRACK),  # 9.9 points behind
        (Decimal(11), END_2018, TargetStatus.AT_RISK),  # 13.3 points behind
        (Decimal(6), END_2018, TargetStatus.AT_RISK),  # 29.9 points behind
        (Decimal(5), END_2018, TargetStatus.BEHIND),  # 33.3 points behind
        (Decimal(29), datetime.date(2021, 1, 1), TargetStatus.BEHIND),  # deadline passed
        (Decimal(30), datetime.date(2021, 1, 1), TargetStatus.ACHIEVED),
    ],
)
def test_pace_rule_is_at_risk_10_to_30_points_behind_and_behind_beyond(actual, on, expected):
    assert target_status(Decimal(30), "at_least", DEADLINE, actual, on=on) == expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (Decimal("14.5"), TargetStatus.ON_TRACK),  # 96.8% of the expected progress
        (Decimal(13), TargetStatus.AT_RISK),  # 86.8%
        (Decimal(12), TargetStatus.BEHIND),  # 80.1%
    ],
)
def test_ratio_rule_by_setting_is_on_track_from_95_and_at_risk_from_85(settings, actual, expected):
    settings.JIYUAN_TARGET_RULE = {**settings.JIYUAN_TARGET_RULE, "rule": "ratio"}
    assert target_status(Decimal(30), "at_least", DEADLINE, actual, on=END_2018) == expected


def test_progress_from_a_baseline_counts_only_the_way_made_since():
    # 10 → 30: 20 is half the way, on the pace; 12 is 10% of the way, 40 points behind.
    assert target_status(30, "at_least", DEADLINE, 20, baseline=10, on=END_2018) == (
        TargetStatus.ON_TRACK
    )
    assert target_status(30, "at_least", DEADLINE, 12, baseline=10, on=END_2018) == (
        TargetStatus.BEHIND
    )


@pytest.mark.parametrize(
    ("actual", "on", "expected"),
    [
        (Decimal(79), END_2018, TargetStatus.ON_TRACK),  # within the ceiling already
        (Decimal(79), datetime.date(2021, 1, 1), TargetStatus.ACHIEVED),
        (Decimal(92), END_2018, TargetStatus.ON_TRACK),  # 40% of the way down: 9.9 behind
        (Decimal(95), END_2018, TargetStatus.AT_RISK),  # 25% of the way
        (Decimal(99), END_2018, TargetStatus.BEHIND),  # 5% of the way
        (Decimal(81), datetime.date(2021, 1, 1), TargetStatus.BEHIND),
    ],
)
def test_a_reduction_to_a_ceiling_is_paced_down_from_its_baseline(actual, on, expected):
    assert target_status(80, "at_most", DEADLINE, actual, baseline=100, on=on) == expected


def test_a_ceiling_without_baseline_is_kept_while_the_actual_stays_within_it():
    assert target_status(10, "at_most", DEADLINE, 8, on=END_2018) == TargetStatus.ON_TRACK
    assert target_status(10, "at_most", DEADLINE, 12, on=END_2018) == TargetStatus.BEHIND


def test_the_rule_is_stated_in_one_sentence(settings):
    assert "10" in target_rule_sentence() and "30" in target_rule_sentence()
    settings.JIYUAN_TARGET_RULE = {**settings.JIYUAN_TARGET_RULE, "rule": "ratio"}
    assert "95" in target_rule_sentence() and "85" in target_rule_sentence()


CASES = [
    # (value, bound, baseline, actual)
    (30, "at_least", None, None),
    (30, "at_least", None, 30),
    (30, "at_least", None, 16),
    (30, "at_least", None, 11),
    (30, "at_least", None, 5),
    (30, "exact", 10, 20),
    (30, "at_least", 10, 12),
    (80, "at_most", 100, 79),
    (80, "at_most", 100, 95),
    (80, "at_most", 100, 99),
    (10, "at_most", None, 12),
    (0, "at_least", 0, 0),
    (15, "more_than", None, 15),
    (15, "more_than", None, 16),
    (15, "more_than", None, 12),
]


@pytest.mark.parametrize("rule", ["pace", "ratio"])
@pytest.mark.parametrize("on", [END_2018, datetime.date(2017, 9, 30), datetime.date(2021, 1, 1)])
def test_database_target_status_agrees_with_python_status(db, settings, rule, on):
    from jiyuan_portal.reporting.actuals import with_progress
    from jiyuan_portal.tracking.models import Target

    settings.JIYUAN_TARGET_RULE = {**settings.JIYUAN_TARGET_RULE, "rule": rule}
    targets = {}
    for value, bound, baseline, actual in CASES:
        target = TargetFactory(value=value, bound=bound, baseline_value=baseline)
        if actual is not None:
            TargetReportFactory(target=target, value=actual, approved=True)
        targets[target.pk] = (value, bound, baseline, actual)
    for target in with_progress(Target.objects.filter(pk__in=targets), on=on):
        value, bound, baseline, actual = targets[target.pk]
        assert target.status_code == target_status(
            value, bound, DEADLINE, actual, baseline=baseline, on=on
        ), (value, bound, baseline, actual)
        if actual is not None:
            assert target.actual == actual


def test_more_than_is_achieved_only_past_the_value_not_on_it():
    """超过 / 突破: 突破15家 is reached with the sixteenth enterprise; with fifteen before the
    deadline the pace decides, after it the target is behind."""
    assert target_status(15, "more_than", DEADLINE, 16) == TargetStatus.ACHIEVED
    assert target_status(15, "at_least", DEADLINE, 15) == TargetStatus.ACHIEVED
    assert target_status(15, "more_than", DEADLINE, 15, on=END_2018) == TargetStatus.ON_TRACK
    after = DEADLINE + datetime.timedelta(days=1)
    assert target_status(15, "more_than", DEADLINE, 15, on=after) == TargetStatus.BEHIND


@pytest.mark.parametrize(
    ("value", "unit", "bound", "text"),
    [
        (Decimal("120.0000"), "万吨", "exact", "120万吨"),
        (Decimal("6.5000"), "亿元", "exact", "6.5亿元"),
        (Decimal("1.8"), "%", "at_least", "1.8%以上"),
        (Decimal("20"), "%", "more_than", "超过20%"),
    ],
)
def test_target_values_read_as_in_the_source(value, unit, bound, text, settings):
    from django.utils import translation

    with translation.override("zh-hans"):
        assert format_target_value(value, unit, bound) == text


def test_an_annual_figure_is_paced_from_the_start_of_its_own_year(db, seed):
    """2018年技术改造投资 counts 2018's projects only: on 30 September 2017 nothing of it is
    due yet, so nothing counted is on track; by 30 June 2018, half the year, it is behind."""
    from jiyuan_portal.reporting.actuals import progress_by_target, with_progress
    from jiyuan_portal.tracking.models import Target

    target = TargetFactory(measure="reform_investment_in_year", year=2018, value=Decimal(10))
    for on, expected in (
        (datetime.date(2017, 9, 30), TargetStatus.ON_TRACK),
        (datetime.date(2018, 6, 30), TargetStatus.BEHIND),
    ):
        assert progress_by_target([target], on)[target.pk].status == expected
        assert with_progress(Target.objects.filter(pk=target.pk), on).get().status_code == expected


@pytest.mark.parametrize(
    "on",
    [datetime.date(2016, 6, 1), END_2018, datetime.date(2020, 2, 29), datetime.date(2024, 12, 31)],
)
def test_database_expected_value_agrees_with_python_in_every_year(db, on):
    from jiyuan_portal.reporting.actuals import with_progress
    from jiyuan_portal.tracking.models import Target

    targets = {
        TargetFactory(year=year, value=Decimal(40), baseline_value=Decimal(10)).pk: year
        for year in range(2017, 2026)
    }
    for target in with_progress(Target.objects.filter(pk__in=targets), on=on):
        deadline = datetime.date(targets[target.pk], 12, 31)
        assert target.expected == pytest.approx(
            expected_value(40, deadline, baseline=10, on=on), abs=Decimal("0.0001")
        ), targets[target.pk]
