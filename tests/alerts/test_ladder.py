"""The escalation ladder 催办 → 通报 → 约谈 (``ladder.next_step``), case by case, with the
thresholds of ``settings.JIYUAN_ESCALATION``: 催办 on day 1; 通报 at 15 days, or 7 days
after a 催办 without an explanation; a further 通报 7 days after an unanswered 通报;
约谈 at 30 days or after two 通报; one rung a day; nothing while an accepted
explanation's new date has not passed."""

import datetime

import pytest

from jiyuan_portal.alerts.ladder import NextStep, TakenStep, manual_next_step, next_step
from jiyuan_portal.alerts.models import Step

ON = datetime.date(2018, 3, 1)


def ago(days: int) -> datetime.date:
    return ON - datetime.timedelta(days=days)


def urged(days_ago: int) -> TakenStep:
    return TakenStep(Step.URGE, ago(days_ago))


def bulletin(days_ago: int) -> TakenStep:
    return TakenStep(Step.BULLETIN, ago(days_ago))


def interview(days_ago: int) -> TakenStep:
    return TakenStep(Step.INTERVIEW, ago(days_ago))


def rung(days_late, taken=(), explained=None, accepted_until=None):
    """The step ``ON`` calls for, as (step, number), or None."""
    result = next_step(days_late, list(taken), explained, accepted_until, ON)
    return (result.step, result.number) if result else None


# 催办.


def test_an_item_is_not_urged_on_its_due_date():
    assert rung(days_late=0) is None


def test_an_item_is_urged_on_the_first_day_overdue():
    result = next_step(1, [], None, None, ON)

    assert isinstance(result, NextStep)
    assert (result.step, result.number) == (Step.URGE, 1)
    assert "1" in result.reason


def test_an_item_first_seen_long_overdue_is_urged_first_not_named_in_a_bulletin():
    assert rung(days_late=40) == (Step.URGE, 1)


# 通报 after a 催办.


def test_an_urged_item_is_named_in_a_bulletin_at_15_days_overdue():
    assert rung(days_late=14, taken=[urged(3)]) is None
    assert rung(days_late=15, taken=[urged(3)]) == (Step.BULLETIN, 1)


def test_an_urged_item_is_named_in_a_bulletin_at_15_days_even_when_explained():
    assert rung(days_late=15, taken=[urged(3)], explained=ago(1)) == (Step.BULLETIN, 1)


def test_an_urging_unanswered_for_7_days_leads_to_a_bulletin():
    assert rung(days_late=9, taken=[urged(6)]) is None
    assert rung(days_late=10, taken=[urged(7)]) == (Step.BULLETIN, 1)


def test_an_urging_answered_by_an_explanation_is_not_followed_by_a_bulletin_before_15_days():
    assert rung(days_late=10, taken=[urged(7)], explained=ago(2)) is None
    # Explained on the day of the urging counts as an answer.
    assert rung(days_late=10, taken=[urged(7)], explained=ago(7)) is None


def test_an_explanation_older_than_the_urging_does_not_answer_it():
    assert rung(days_late=10, taken=[urged(7)], explained=ago(8)) == (Step.BULLETIN, 1)


# Further 通报.


def test_a_bulletin_unanswered_for_7_days_leads_to_a_second_bulletin():
    taken = [urged(14), bulletin(7)]

    assert rung(days_late=20, taken=[urged(14), bulletin(6)]) is None
    assert rung(days_late=21, taken=taken) == (Step.BULLETIN, 2)


def test_an_answered_bulletin_is_not_repeated():
    assert rung(days_late=21, taken=[urged(14), bulletin(7)], explained=ago(3)) is None


# 约谈.


def test_an_item_is_called_in_after_two_bulletins():
    taken = [urged(20), bulletin(13), bulletin(1)]

    result = next_step(25, taken, ago(1), None, ON)

    assert (result.step, result.number) == (Step.INTERVIEW, 1)


def test_an_item_in_a_bulletin_is_called_in_at_30_days_overdue():
    assert rung(days_late=29, taken=[urged(14), bulletin(3)], explained=ago(1)) is None
    assert rung(days_late=30, taken=[urged(14), bulletin(3)], explained=ago(1)) == (
        Step.INTERVIEW,
        1,
    )


def test_an_urged_item_30_days_overdue_goes_through_the_bulletin_first():
    assert rung(days_late=30, taken=[urged(1)]) == (Step.BULLETIN, 1)


def test_the_interview_is_the_top_of_the_ladder():
    taken = [urged(40), bulletin(30), bulletin(20), interview(10)]

    assert rung(days_late=100, taken=taken) is None


# One rung a day.


@pytest.mark.parametrize(
    "taken",
    [
        [urged(0)],
        [urged(14), bulletin(0)],
        [urged(20), bulletin(13), bulletin(0)],
    ],
    ids=["urged-today", "bulletin-today", "second-bulletin-today"],
)
def test_an_item_climbs_at_most_one_rung_a_day(taken):
    assert rung(days_late=45, taken=taken) is None


def test_the_next_rung_comes_the_day_after():
    assert rung(days_late=45, taken=[urged(1)]) == (Step.BULLETIN, 1)
    assert rung(days_late=46, taken=[urged(2), bulletin(1)]) == (Step.INTERVIEW, 1)


# Accepted explanations.


def test_an_accepted_explanation_pauses_the_ladder_until_its_new_date():
    taken = [urged(20)]

    assert rung(days_late=60, taken=taken, explained=ago(19), accepted_until=ON) is None
    assert (
        rung(
            days_late=60, taken=taken, explained=ago(19), accepted_until=ON + datetime.timedelta(30)
        )
        is None
    )


def test_the_ladder_resumes_once_the_accepted_date_has_passed():
    taken = [urged(20)]

    assert rung(days_late=60, taken=taken, explained=ago(19), accepted_until=ago(1)) == (
        Step.BULLETIN,
        1,
    )


def test_an_accepted_explanation_keeps_even_a_new_item_from_being_urged():
    assert rung(days_late=5, accepted_until=ON) is None


# The thresholds are settings.


def test_the_thresholds_come_from_the_settings(settings):
    settings.JIYUAN_ESCALATION = {
        **settings.JIYUAN_ESCALATION,
        "urge_after_days": 3,
        "bulletin_after_days": 5,
    }

    assert rung(days_late=2) is None
    assert rung(days_late=3) == (Step.URGE, 1)
    assert rung(days_late=5, taken=[urged(1)]) == (Step.BULLETIN, 1)


# By hand.


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        ([], (Step.URGE, 1)),
        ([Step.URGE], (Step.BULLETIN, 1)),
        ([Step.URGE, Step.BULLETIN], (Step.INTERVIEW, 1)),
        ([Step.URGE, Step.BULLETIN, Step.BULLETIN], (Step.INTERVIEW, 1)),
        ([Step.URGE, Step.BULLETIN, Step.INTERVIEW], None),
    ],
    ids=["nothing-yet", "urged", "in-a-bulletin", "in-two-bulletins", "called-in"],
)
def test_a_supervisor_takes_the_next_rung_up_by_hand(kinds, expected):
    taken = [TakenStep(kind, ago(10 - i)) for i, kind in enumerate(kinds)]

    assert manual_next_step(taken) == expected


def test_a_rung_by_hand_may_follow_a_rung_taken_the_same_day():
    assert manual_next_step([urged(0)]) == (Step.BULLETIN, 1)
