"""The actual value of each target and the status it gives: the latest approved report, or
for targets measured from a registry, its approved records. Views, exports and jobs ask
here; the rules themselves are in ``status``."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from jiyuan_portal.tracking import measures, status

from .models import TargetReport


@dataclass(frozen=True)
class TargetProgress:
    actual: Decimal | None
    as_of: datetime.date | None
    status: status.TargetStatus
    share: Decimal | None  # actual / target, for a progress bar; None without data

    @property
    def percent(self) -> int:
        return min(100, int((self.share or 0) * 100))


def _progress(target, actual, as_of, on) -> TargetProgress:
    judged = status.target_status(
        target.value, target.bound, target.deadline, actual, target.baseline_value, on=on
    )
    share = None
    if actual is not None and target.value:
        share = (Decimal(actual) / target.value).quantize(Decimal("0.0001"))
    return TargetProgress(actual, as_of, judged, share)


def progress_by_target(targets, on=None) -> dict[int, TargetProgress]:
    """Progress of every target in ``targets``: one query for all reported values, plus
    one per registry-measured target (their number is fixed by the plans, not the data)."""
    targets = list(targets)
    reported = {}
    for target_id, value, as_of in (
        TargetReport.objects.approved()
        .filter(target__in=[t.pk for t in targets if not t.measure])
        .order_by("target_id", "-as_of", "-reviewed_at", "-pk")
        .values_list("target_id", "value", "as_of")
    ):
        reported.setdefault(target_id, (value, as_of))
    result = {}
    for target in targets:
        if target.measure:
            actual, as_of = measures.get(target.measure).actual(target.year)
        else:
            actual, as_of = reported.get(target.pk, (None, None))
        result[target.pk] = _progress(target, actual, as_of, on)
    return result


def attach_progress(targets, on=None):
    """Set ``target.progress`` on each target (for templates) and return them as a list."""
    targets = list(targets)
    progress = progress_by_target(targets, on)
    for target in targets:
        target.progress = progress[target.pk]
    return targets
