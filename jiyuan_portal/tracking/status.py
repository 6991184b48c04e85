"""Where the status of milestones and targets is decided: views, tables, exports and jobs
all ask here, so that a rule changes in one place.

A milestone is done, done late, overdue, due soon, pending or ongoing (recurring or
open-ended, 持续/每年) from its due date and completion date. A target is achieved, on
track, at risk or behind from an actual value against the pace its deadline needs.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Case, F, Q, TextChoices, Value, When
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.utils.numbers import plain_decimal

# The plans take 2017 as their first year; progress toward a target is paced from here.
PLAN_START = datetime.date(2017, 1, 1)
# The plans' last deadline (目标 for 2020).
PLAN_LAST_DEADLINE = datetime.date(2020, 12, 31)
# Every date and year a bureau enters must lie in this window (the reporting forms check it).
# Ten years past the last deadline: bureaus still report late completions and delays years
# after 2020 (the portal is in use in 2026), and a delayed milestone needs room for its new
# date. Registry records reach back before the plans because totals count them too (a
# 高新技术企业 certified in 2015 or a platform recognised in 2008 still counts), not before 2000.
ENTRY_WINDOW_START = datetime.date(2000, 1, 1)
ENTRY_WINDOW_END = datetime.date(PLAN_LAST_DEADLINE.year + 10, 12, 31)
# Below this share of the pace a target needs it is behind; between it and the pace, at risk.
AT_RISK_SHARE = Decimal("0.8")


class MilestoneStatus(TextChoices):
    DONE = "done", _("done")
    DONE_LATE = "done_late", _("done late")
    OVERDUE = "overdue", _("overdue")
    DUE_SOON = "due_soon", _("due soon")
    PENDING = "pending", _("pending")
    ONGOING = "ongoing", _("ongoing")


class TargetStatus(TextChoices):
    ACHIEVED = "achieved", _("achieved")
    ON_TRACK = "on_track", _("on track")
    AT_RISK = "at_risk", _("at risk")
    BEHIND = "behind", _("behind")
    NO_DATA = "no_data", _("no data yet")


# Bootstrap colour of each status, for the badge include.
STATUS_COLOURS = {
    MilestoneStatus.DONE: "success",
    MilestoneStatus.DONE_LATE: "warning",
    MilestoneStatus.OVERDUE: "danger",
    MilestoneStatus.DUE_SOON: "warning",
    MilestoneStatus.PENDING: "secondary",
    MilestoneStatus.ONGOING: "info",
    TargetStatus.ACHIEVED: "success",
    TargetStatus.ON_TRACK: "primary",
    TargetStatus.AT_RISK: "warning",
    TargetStatus.BEHIND: "danger",
    TargetStatus.NO_DATA: "secondary",
}


def today() -> datetime.date:
    return timezone.localdate()


def due_soon_window() -> datetime.timedelta:
    return datetime.timedelta(days=settings.JIYUAN_DUE_SOON_DAYS)


def milestone_status(due_date, completed_on, recurrence="once", on=None) -> MilestoneStatus:
    on = on or today()
    if completed_on is not None:
        if due_date is None or completed_on <= due_date:
            return MilestoneStatus.DONE
        return MilestoneStatus.DONE_LATE
    if recurrence != "once" or due_date is None:
        return MilestoneStatus.ONGOING
    if due_date < on:
        return MilestoneStatus.OVERDUE
    if due_date <= on + due_soon_window():
        return MilestoneStatus.DUE_SOON
    return MilestoneStatus.PENDING


def milestone_status_expression(on=None):
    """The same rules as ``milestone_status``, as a database expression."""
    on = on or today()
    done = Q(completed_on__isnull=False)
    return Case(
        When(
            done & (Q(due_date__isnull=True) | Q(completed_on__lte=F("due_date"))),
            then=Value(MilestoneStatus.DONE.value),
        ),
        When(done, then=Value(MilestoneStatus.DONE_LATE.value)),
        When(
            ~Q(recurrence="once") | Q(due_date__isnull=True),
            then=Value(MilestoneStatus.ONGOING.value),
        ),
        When(due_date__lt=on, then=Value(MilestoneStatus.OVERDUE.value)),
        When(due_date__lte=on + due_soon_window(), then=Value(MilestoneStatus.DUE_SOON.value)),
        default=Value(MilestoneStatus.PENDING.value),
    )


def required_pace(value, deadline, baseline=None, start=PLAN_START, on=None) -> Decimal:
    """The value a target should have reached by ``on`` if progress were even."""
    on = on or today()
    if on >= deadline:
        return Decimal(value)
    if on <= start:
        return Decimal(baseline or 0)
    elapsed = Decimal((on - start).days) / Decimal((deadline - start).days)
    base = Decimal(baseline or 0)
    return base + (Decimal(value) - base) * elapsed


def target_status(value, bound, deadline, actual, baseline=None, on=None) -> TargetStatus:
    """Judge ``actual`` (the latest approved figure, or None) against a target."""
    on = on or today()
    if actual is None:
        return TargetStatus.NO_DATA
    actual, value = Decimal(actual), Decimal(value)
    if bound == "at_most":
        if actual <= value:
            return TargetStatus.ACHIEVED if on > deadline else TargetStatus.ON_TRACK
        return TargetStatus.BEHIND
    if actual >= value:
        return TargetStatus.ACHIEVED
    if on > deadline:
        return TargetStatus.BEHIND
    pace = required_pace(value, deadline, baseline, on=on)
    if actual >= pace:
        return TargetStatus.ON_TRACK
    if actual >= pace * AT_RISK_SHARE:
        return TargetStatus.AT_RISK
    return TargetStatus.BEHIND


def format_target_value(value, unit, bound) -> str:
    """E.g. ``81万吨以上``: the value without trailing zeros, the unit, and the bound."""
    text = number_format(plain_decimal(value), force_grouping=True)
    suffix = {"at_least": _("or more"), "at_most": _("or less")}.get(bound, "")
    return f"{text}{unit}{suffix}"


def reporting_period_start(on=None) -> datetime.date:
    """Bureaus report monthly: the current period began on the first of this month."""
    return (on or today()).replace(day=1)


class Light(TextChoices):
    """红黄绿灯: the supervision light of a task or a bureau."""

    RED = "red", _("red")
    YELLOW = "yellow", _("yellow")
    GREEN = "green", _("green")


LIGHT_COLOURS = {Light.RED: "danger", Light.YELLOW: "warning", Light.GREEN: "success"}


def light_rule() -> str:
    """The rule of ``light``, in the sentence the pages show beside a light."""
    return _(
        "Red: a milestone overdue or a target behind, without an accepted explanation. "
        "Yellow: a milestone due within %(days)s days, a target at risk, or a late item "
        "whose explanation was accepted and whose new date has not yet passed. "
        "Green: everything else."
    ) % {"days": settings.JIYUAN_DUE_SOON_DAYS}


def light(late: int, explained: int, due_soon: int, at_risk: int) -> Light:
    """``late``: overdue or behind items without an accepted explanation; ``explained``:
    late items whose accepted explanation's new date has not passed."""
    if late:
        return Light.RED
    if explained or due_soon or at_risk:
        return Light.YELLOW
    return Light.GREEN
