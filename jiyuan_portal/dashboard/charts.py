"""The charts of the cross-plan pages: a plan's targets against their actuals by year, and
the plans' milestones and targets by status. Each is a ``Chart`` for
``templates/includes/chart.html``; the statuses themselves come from ``tracking.status``."""

from collections import Counter

from django.utils.translation import gettext as _

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
    """The year of each target; a year that comes twice names the task (or general goal)."""
    repeated = {year for year, n in Counter(t.year for t in group).items() if n > 1}
    labels = []
    for target in group:
        label = str(target.year)
        if target.year in repeated:
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
