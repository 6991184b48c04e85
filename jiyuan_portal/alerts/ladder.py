"""The escalation ladder 催办 → 通报 → 约谈, as one function of an item's history.

The thresholds are in ``settings.JIYUAN_ESCALATION``. An item climbs at most one rung per
daily scan, so that each rung gives the unit time to answer and a supervisor can see it;
a supervisor may also take the next rung by hand. An item whose explanation (情况说明)
was accepted is not pressed further until its new expected date has passed.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import Step

# Why a rung is taken when an item has been overdue long enough (the scan also composes it
# in the database, for the first rung of many items at once).
DAYS_OVERDUE = gettext_noop("%(days)s days overdue")


def urge_after_days() -> int:
    """An item with no step yet is urged (催办 #1) once it is this many days overdue,
    unless an accepted explanation's new date has not passed (see ``next_step``)."""
    return settings.JIYUAN_ESCALATION["urge_after_days"]


@dataclass(frozen=True)
class TakenStep:
    step: str
    taken_on: datetime.date


@dataclass(frozen=True)
class NextStep:
    step: Step
    number: int  # the how-many-th step of this kind
    reason: str


def next_step(
    days_late: int,
    taken: list[TakenStep],
    last_explained_on: datetime.date | None,
    accepted_until: datetime.date | None,
    on: datetime.date,
) -> NextStep | None:
    """The rung ``on`` calls for, or None. ``taken`` in the order taken;
    ``last_explained_on``: when the latest explanation was submitted;
    ``accepted_until``: the new expected date of an accepted explanation."""
    rules = settings.JIYUAN_ESCALATION
    if accepted_until is not None and accepted_until >= on:
        return None
    if any(step.taken_on >= on for step in taken):
        return None  # one rung a day
    bulletins = [step for step in taken if step.step == Step.BULLETIN]
    current = taken[-1] if taken else None

    def unanswered_since(step: TakenStep) -> bool:
        answered = last_explained_on is not None and last_explained_on >= step.taken_on
        return not answered and (on - step.taken_on).days >= rules["unanswered_days"]

    if current is None:
        if days_late >= urge_after_days():
            return NextStep(Step.URGE, 1, _(DAYS_OVERDUE) % {"days": days_late})
        return None
    if current.step == Step.INTERVIEW:
        return None
    if current.step == Step.BULLETIN:
        if days_late >= rules["interview_after_days"]:
            return NextStep(Step.INTERVIEW, 1, _(DAYS_OVERDUE) % {"days": days_late})
        if len(bulletins) >= rules["interview_after_bulletins"]:
            return NextStep(
                Step.INTERVIEW,
                1,
                _("named in %(count)s bulletins") % {"count": len(bulletins)},
            )
        if unanswered_since(current):
            return NextStep(
                Step.BULLETIN,
                len(bulletins) + 1,
                _("no explanation %(days)s days after the bulletin")
                % {"days": rules["unanswered_days"]},
            )
        return None
    # After a 催办.
    if days_late >= rules["bulletin_after_days"]:
        return NextStep(Step.BULLETIN, 1, _(DAYS_OVERDUE) % {"days": days_late})
    if unanswered_since(current):
        return NextStep(
            Step.BULLETIN,
            1,
            _("no explanation %(days)s days after the urging") % {"days": rules["unanswered_days"]},
        )
    return None


def manual_next_step(taken: list[TakenStep]) -> tuple[Step, int] | None:
    """The rung a supervisor takes by hand: the next one up (a further 通报 before 约谈
    counts as its own rung only by the rules, not by hand)."""
    kinds = [step.step for step in taken]
    if not kinds:
        return Step.URGE, 1
    if kinds[-1] == Step.INTERVIEW:
        return None
    following = STEP_SEQUENCE[STEP_SEQUENCE.index(kinds[-1]) + 1]
    return following, kinds.count(following) + 1


STEP_SEQUENCE = [Step.URGE, Step.BULLETIN, Step.INTERVIEW]
