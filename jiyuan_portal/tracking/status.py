"""Where the status of milestones and targets is decided: views, tables, exports and jobs
all ask here, so that a rule changes in one place.

A milestone is done, done late, overdue, due soon, pending or ongoing (recurring or
open-ended, 持续/每年) from its due date and completion date. A target is achieved, on
track, at risk or behind from an actual value against the pace its deadline needs.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    TextChoices,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, NullIf
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


class MilestoneStatus(TextChoices):
    DONE = "done", _("done")
    DONE_LATE = "done_late", _("done late")
    OVERDUE = "overdue", _("overdue")
    DUE_SOON = "due_soon", _("due soon")
    PENDING = "pending", _("pending")
    ONGOING = "ongoing", _("ongoing")
    UNDATED = "undated", _("no deadline")


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
    MilestoneStatus.UNDATED: "light",
    TargetStatus.ACHIEVED: "success",
    TargetStatus.ON_TRACK: "primary",
    TargetStatus.AT_RISK: "warning",
    TargetStatus.BEHIND: "danger",
    TargetStatus.NO_DATA: "secondary",
}


def today() -> datetime.date:
    """The portal's today: ``settings.JIYUAN_AS_OF`` when set (a demo shown as of a day in
    2017), else the local date. Every status, light, job and form asks here."""
    return settings.JIYUAN_AS_OF or timezone.localdate()


def due_soon_window() -> datetime.timedelta:
    return datetime.timedelta(days=settings.JIYUAN_DUE_SOON_DAYS)


def milestone_status(due_date, completed_on, recurrence="once", on=None) -> MilestoneStatus:
    on = on or today()
    if completed_on is not None:
        if due_date is None or completed_on <= due_date:
            return MilestoneStatus.DONE
        return MilestoneStatus.DONE_LATE
    if recurrence == "undated":
        return MilestoneStatus.UNDATED
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
        When(recurrence="undated", then=Value(MilestoneStatus.UNDATED.value)),
        When(
            ~Q(recurrence="once") | Q(due_date__isnull=True),
            then=Value(MilestoneStatus.ONGOING.value),
        ),
        When(due_date__lt=on, then=Value(MilestoneStatus.OVERDUE.value)),
        When(due_date__lte=on + due_soon_window(), then=Value(MilestoneStatus.DUE_SOON.value)),
        default=Value(MilestoneStatus.PENDING.value),
    )


def expected_value(value, deadline, baseline=None, start=PLAN_START, on=None) -> Decimal:
    """序时进度: the value a target should have reached by ``on`` if progress were even from
    its baseline (0 without one) at the plans' start to its value at the deadline."""
    return _base(baseline) + (Decimal(value) - _base(baseline)) * elapsed_share(deadline, start, on)


def elapsed_share(deadline, start=PLAN_START, on=None) -> Decimal:
    """The share of the time from ``start`` to ``deadline`` that has passed by ``on``."""
    on = on or today()
    if on >= deadline:
        return Decimal(1)
    if on <= start:
        return Decimal(0)
    return Decimal((on - start).days) / Decimal((deadline - start).days)


def _base(baseline) -> Decimal:
    return Decimal(baseline) if baseline is not None else Decimal(0)


def target_rule() -> dict:
    return settings.JIYUAN_TARGET_RULE


def target_rule_sentence() -> str:
    """The rule of ``target_status``, in the sentence the pages show beside target statuses."""
    rule = target_rule()
    if rule["rule"] == "ratio":
        return _(
            "Expected value (序时进度): the target paced evenly from its baseline at the start of "
            "2017 (or at the end of the plan year whose figure is its baseline) to its deadline "
            "(the end of its year, or the date the text sets). On track at %(on_track)s%% or "
            "more of the expected progress, at risk from %(at_risk)s%%, behind below; achieved "
            "once the target value is reached (a ceiling: while the actual stays within it)."
        ) % {"on_track": rule["on_track_ratio"], "at_risk": rule["at_risk_ratio"]}
    return _(
        "Expected value (序时进度): the target paced evenly from its baseline at the start of "
        "2017 (or at the end of the plan year whose figure is its baseline) to its deadline "
        "(the end of its year, or the date the text sets). At risk when the actual is "
        "%(at_risk)s to %(behind)s percentage points of the way behind the pace, behind "
        "beyond %(behind)s; achieved once the target value is reached (a ceiling: while the "
        "actual stays within it)."
    ) % {"at_risk": rule["at_risk_points"], "behind": rule["behind_points"]}


def judge_pace(done_points: Decimal, pace_points: Decimal) -> TargetStatus:
    """On track, at risk or behind: the share of the way done against the share of the
    time passed (both in per cent), by the rule in settings."""
    rule = target_rule()
    if rule["rule"] == "ratio":
        if done_points >= pace_points * Decimal(rule["on_track_ratio"]) / 100:
            return TargetStatus.ON_TRACK
        if done_points >= pace_points * Decimal(rule["at_risk_ratio"]) / 100:
            return TargetStatus.AT_RISK
        return TargetStatus.BEHIND
    gap = pace_points - done_points
    if gap < rule["at_risk_points"]:
        return TargetStatus.ON_TRACK
    if gap <= rule["behind_points"]:
        return TargetStatus.AT_RISK
    return TargetStatus.BEHIND


def target_status(
    value, bound, deadline, actual, baseline=None, on=None, start=PLAN_START
) -> TargetStatus:
    """Judge ``actual`` (the latest approved figure, or None) against a target.

    A floor (以上, 不低于) or an exact value is achieved once reached, a strict floor (超过,
    突破) once passed. A ceiling (以内,
    不超过) is kept while the actual stays within it; above it, a reduction from a higher
    baseline is judged by its pace toward the ceiling, anything else is behind. Past the
    deadline an unreached target is behind; before it, ``judge_pace`` decides, with the
    pace running from ``start`` (``measures.pace_start``).
    """
    on = on or today()
    if actual is None:
        return TargetStatus.NO_DATA
    actual, value = Decimal(actual), Decimal(value)
    if bound == "at_most":
        if actual <= value:
            return TargetStatus.ACHIEVED if on > deadline else TargetStatus.ON_TRACK
        if baseline is None or Decimal(baseline) <= value:
            return TargetStatus.BEHIND
    elif actual > value or (actual == value and bound != "more_than"):
        return TargetStatus.ACHIEVED
    if on > deadline:
        return TargetStatus.BEHIND
    span = value - _base(baseline)
    if not span:
        return TargetStatus.ON_TRACK
    done_points = (actual - _base(baseline)) * 100 / span
    return judge_pace(done_points, elapsed_share(deadline, start, on) * 100)


class Quotient(Func):
    """``a / b`` as a decimal on every database, though both be whole numbers: PostgreSQL
    gets ``a`` as a numeric; SQLite, which divides integers as integers (and takes ``27200.0``
    for an integer), multiplies by 1.0 first."""

    arg_joiner = " / "
    template = "(%(expressions)s)"
    output_field = DecimalField()

    def __init__(self, dividend, divisor):
        super().__init__(Cast(dividend, DecimalField(max_digits=20, decimal_places=6)), divisor)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(1.0 * %(expressions)s)", **extra)


def _days_from_plan_start_to_end_of(year):
    """Days from the plans' start to 31 December of ``year`` (a column), by arithmetic the
    database does: 365 a year and a leap day every fourth (exact from 1901 to 2099)."""
    return ExpressionWrapper(
        Value(364) + Value(365) * (year - Value(PLAN_START.year)) + year / Value(4) - Value(504),
        output_field=IntegerField(),
    )


class DaysFromPlanStart(Func):
    """The days from the plans' start to a date column, on PostgreSQL and SQLite."""

    output_field = IntegerField()
    template = f"(%(expressions)s - DATE '{PLAN_START.isoformat()}')"

    def as_sqlite(self, compiler, connection, **extra):
        template = (
            f"CAST(julianday(%(expressions)s) - julianday('{PLAN_START.isoformat()}') AS INTEGER)"
        )
        return self.as_sql(compiler, connection, template=template, **extra)


def deadline_passed_condition(on) -> Q:
    """Targets whose deadline (``Target.deadline``: its due date, or its year's end) lies
    before ``on``."""
    return Q(due_on__lt=on) | Q(due_on__isnull=True, year__lt=on.year)


def pace_points_expression(on, annual=()):
    """``elapsed_share`` × 100 of each target as a database expression: 100 once its
    deadline is past; for targets measured by one of the ``annual`` measures, the share of
    their own year; else the days from the pace's start (``measures.pace_start``: the plans'
    start, or the end of a plan year whose figure is the baseline) over the days from there
    to the deadline."""
    on_days = max(0, (on - PLAN_START).days)
    this_year = elapsed_share(datetime.date(on.year, 12, 31), datetime.date(on.year, 1, 1), on)
    annual = Q(measure__in=list(annual)) if annual else Q(pk__in=[])
    from_plan_year = Q(baseline_value__isnull=False, baseline_year__gte=PLAN_START.year)
    start_days = Case(
        When(from_plan_year, then=_days_from_plan_start_to_end_of(F("baseline_year")) + 1),
        default=Value(0),
        output_field=IntegerField(),
    )
    deadline_days = Case(
        When(due_on__isnull=False, then=DaysFromPlanStart(F("due_on"))),
        default=_days_from_plan_start_to_end_of(F("year")),
        output_field=IntegerField(),
    )
    return Case(
        When(deadline_passed_condition(on), then=Value(Decimal(100))),
        When(annual & Q(year=on.year), then=Value(this_year * 100)),
        When(annual, then=Value(Decimal(0))),
        When(from_plan_year & Q(baseline_year__gte=on.year), then=Value(Decimal(0))),
        default=Quotient((Value(on_days) - start_days) * Value(100), deadline_days - start_days),
        output_field=DecimalField(),
    )


def with_target_status(queryset, on=None, actual="actual", annual=()):
    """The same rules as ``target_status``, in the database: annotate ``done_points``,
    ``expected`` and ``status_code`` on a queryset of targets annotated with ``actual``. The
    pace follows ``pace_points_expression``."""
    on = on or today()
    rule = target_rule()
    base = Coalesce(F("baseline_value"), Value(Decimal(0)), output_field=DecimalField())
    span = ExpressionWrapper(F("value") - base, output_field=DecimalField())
    # A quotient of decimals even where SQLite holds whole figures as integers (500 / 18
    # would be 27, not 27.8, and the list would judge otherwise than the Python rule).
    done_points = Quotient(
        (F(actual) - base) * Value(Decimal(100)), NullIf(span, Value(Decimal(0)))
    )
    pace_points = pace_points_expression(on, annual)
    if rule["rule"] == "ratio":
        on_track = Q(done_points__gte=pace_points * Decimal(rule["on_track_ratio"]) / 100)
        at_risk = Q(done_points__gte=pace_points * Decimal(rule["at_risk_ratio"]) / 100)
    else:
        on_track = Q(done_points__gt=pace_points - Decimal(rule["at_risk_points"]))
        at_risk = Q(done_points__gte=pace_points - Decimal(rule["behind_points"]))
    ceiling, deadline_passed = Q(bound="at_most"), deadline_passed_condition(on)
    within = Q(**{f"{actual}__lte": F("value")})
    strict = Q(bound="more_than")
    reached = Q(**{f"{actual}__gt": F("value")}) | (~strict & Q(**{f"{actual}__gte": F("value")}))
    judged = Case(
        When(Q(**{f"{actual}__isnull": True}), then=Value(TargetStatus.NO_DATA.value)),
        When(ceiling & within & deadline_passed, then=Value(TargetStatus.ACHIEVED.value)),
        When(ceiling & within, then=Value(TargetStatus.ON_TRACK.value)),
        When(
            ceiling & (Q(baseline_value__isnull=True) | Q(baseline_value__lte=F("value"))),
            then=Value(TargetStatus.BEHIND.value),
        ),
        When(~ceiling & reached, then=Value(TargetStatus.ACHIEVED.value)),
        When(deadline_passed, then=Value(TargetStatus.BEHIND.value)),
        When(value=base, then=Value(TargetStatus.ON_TRACK.value)),
        When(on_track, then=Value(TargetStatus.ON_TRACK.value)),
        When(at_risk, then=Value(TargetStatus.AT_RISK.value)),
        default=Value(TargetStatus.BEHIND.value),
    )
    expected = ExpressionWrapper(
        base + span * pace_points / Value(Decimal(100)), output_field=DecimalField()
    )
    return queryset.annotate(done_points=done_points, expected=expected).annotate(
        status_code=judged
    )


def format_target_value(value, unit, bound) -> str:
    """E.g. ``81万吨以上`` or ``超过20%``: the value without trailing zeros, the unit, and
    the bound."""
    text = number_format(plain_decimal(value), force_grouping=True)
    if bound == "more_than":
        return _("more than %(value)s") % {"value": f"{text}{unit}"}
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
