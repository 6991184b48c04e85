"""The charts of the cross-plan pages: a plan's targets against their actuals by year, and
the plans' milestones and targets by status. Each is a ``Chart`` for
``templates/includes/chart.html``; the statuses themselves come from ``tracking.status``."""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Min, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jiyuan_portal.reporting.actuals import TargetProgress, with_progress
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Target
from jiyuan_portal.tracking.status import STATUS_COLOURS, MilestoneStatus, TargetStatus
from jiyuan_portal.utils.charts import Chart, ChartKind, number_text


def targets_by_indicator(targets) -> dict[tuple[str, str], list]:
    """``targets`` grouped by (indicator, unit), in the order they come, each group by year.

    The unit is part of the key: the same words with another unit (个 and 家) are not one
    series of numbers."""
    groups = {}
    for target in targets:
        groups.setdefault((target.indicator, target.unit), []).append(target)
    return {key: sorted(group, key=lambda t: (t.year, t.order)) for key, group in groups.items()}


def _actual(target):
    progress = getattr(target, "progress", None)
    return None if progress is None else progress.actual


def _has_actual(target) -> bool:
    """Reported, or counted from a registry that has records: a registry with none counts
    zero (``as_of`` None), which is nothing yet to set against the target."""
    progress = getattr(target, "progress", None)
    return (
        progress is not None
        and progress.actual is not None
        and (bool(progress.actual) or progress.as_of is not None)
    )


def _year_labels(group) -> list[str]:
    """The year of each target; a year that comes twice names the task (or general goal);
    a year that stands for several targets (``TargetsOfYear``) says how many."""
    repeated = {year for year, n in Counter(t.year for t in group).items() if n > 1}
    labels = []
    for target in group:
        label = str(target.year)
        count = getattr(target, "count", 1)
        if count > 1:
            label = ngettext(
                "%(year)s · %(count)d target", "%(year)s · %(count)d targets", count
            ) % {
                "year": label,
                "count": count,
            }
        elif target.year in repeated:
            owner = target.task.number if target.task_id else _("General goal")
            label = f"{label} · {owner}"
        labels.append(label)
    return labels


def target_charts(targets) -> list[Chart]:
    """A target-against-actual chart per indicator of ``targets`` (with ``.progress`` from
    ``reporting.actuals.attach_progress``): the targets and the approved actuals by year.

    Only indicators with something to compare get a chart: targets in two or more years,
    or an actual. A target without an actual leaves its bar out (the table says "—")."""
    charts = []
    for (indicator, unit), group in targets_by_indicator(targets).items():
        has_actual = any(_has_actual(target) for target in group)
        if len({target.year for target in group}) < 2 and not has_actual:
            continue
        chart = Chart(
            caption=_("%(indicator)s: target and actual by year (%(unit)s)")
            % {"indicator": indicator, "unit": unit},
            kind=ChartKind.BAR,
            series_names=[_("Target"), _("Actual")],
            label_header=_("Year"),
            unit=unit,
        )
        for label, target in zip(_year_labels(group), group, strict=True):
            actual = _actual(target)
            chart.add_row(
                label,
                [target.value, actual],
                texts=[target.display_value, number_text(actual, unit)],
            )
        charts.append(chart)
    return charts


# Kinds of target whose values add up: the targets of several tasks make the plan's total.
ADDITIVE_KINDS = {Target.Kind.COUNT, Target.Kind.AMOUNT}


@dataclass
class TargetsOfYear:
    """The targets of one indicator (and unit) in one year, as one bar pair of its chart:
    a single target as it is; several (the same goal set for several tasks) as their total
    when counts or amounts add up, otherwise no bar (shares and rates do not add)."""

    indicator: str
    unit: str
    year: int
    order: tuple[int, int]  # of its first target: (order, pk)
    count: int
    kind: str
    bound: str
    total: Decimal | None
    actual_total: Decimal | None
    as_of: object
    task_id = None
    task = None

    @property
    def adds_up(self) -> bool:
        return self.count == 1 or self.kind in ADDITIVE_KINDS

    @property
    def value(self):
        return self.total if self.adds_up else None

    @property
    def display_value(self) -> str:
        if self.value is None:
            return number_text(None)
        bound = self.bound if self.count == 1 else ""
        return status.format_target_value(self.value, self.unit, bound)

    @property
    def progress(self):
        actual = self.actual_total if self.adds_up else None
        return TargetProgress(actual, self.as_of, TargetStatus.NO_DATA, None)


def plan_target_charts(plan, on=None) -> list[Chart]:
    """The target-against-actual charts of ``plan`` from one grouped query: a bar pair per
    indicator, unit and year (``TargetsOfYear``), so the charts grow with the indicators
    and years the plan names, not with its tasks or reports. Where each indicator and year
    has one target (the notice's plans) this is ``target_charts`` of every target."""
    groups = (
        with_progress(Target.objects.filter(plan=plan), on)
        .order_by()
        .values("indicator", "unit", "year")
        .annotate(
            first_order=Min("order"),
            first_pk=Min("pk"),
            n=Count("pk"),
            kinds=Count("kind", distinct=True),
            some_kind=Max("kind"),
            some_bound=Max("bound"),
            total=Sum("value"),
            actual_total=Sum("actual"),
            as_of=Max("actual_as_of"),
        )
    )
    rows = [
        TargetsOfYear(
            indicator=group["indicator"],
            unit=group["unit"],
            year=group["year"],
            order=(group["first_order"], group["first_pk"]),
            count=group["n"],
            kind=group["some_kind"] if group["kinds"] == 1 else "",
            bound=group["some_bound"],
            total=group["total"],
            actual_total=group["actual_total"],
            as_of=group["as_of"],
        )
        for group in groups
    ]
    # The indicators in the order of their first target, as the plan page lists them.
    return target_charts(sorted(rows, key=lambda row: (row.year, row.order)))


def _status_chart(caption, statuses, counters, labels) -> Chart:
    """Counts by status per row, a stacked bar; statuses no row has are left out."""
    shown = [status for status in statuses if any(counter[status] for counter in counters)]
    chart = Chart(
        caption=caption,
        kind=ChartKind.STACKED_BAR,
        series_names=[str(status.label) for status in shown],
        series_colours=[STATUS_COLOURS[status] for status in shown],
        label_header=_("Plan"),
    )
    for label, counter in zip(labels, counters, strict=True):
        chart.add_row(label, [counter[status] for status in shown])
    return chart


def plan_status_chart(summaries) -> tuple[Chart, Chart]:
    """The plans' milestones by status and their targets by status, as stacked bars.

    ``summaries``: objects with ``.plan.short_name`` and ``.milestones`` and ``.targets``,
    Counters keyed by ``MilestoneStatus`` and ``TargetStatus`` (the cockpit's per-plan
    summaries)."""
    summaries = list(summaries)
    labels = [summary.plan.short_name for summary in summaries]
    milestones = _status_chart(
        _("Milestones of each plan by status"),
        MilestoneStatus,
        [summary.milestones for summary in summaries],
        labels,
    )
    targets = _status_chart(
        _("Targets of each plan by status"),
        TargetStatus,
        [summary.targets for summary in summaries],
        labels,
    )
    return milestones, targets
