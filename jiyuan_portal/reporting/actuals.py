"""The actual value of each target and the status it gives: the latest approved report, or
for targets measured from a registry, its approved records. Views, exports and jobs ask
here; the rules themselves are in ``status``."""

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    DateField,
    DecimalField,
    F,
    Func,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat

from jiyuan_portal.tracking import data_version, measures, status

from .models import LatestTargetValue, TargetReport


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
        target.value,
        target.bound,
        target.deadline,
        actual,
        target.baseline_value,
        on=on,
        start=measures.pace_start(target),
    )
    share = None
    if actual is not None and target.value:
        share = (Decimal(actual) / target.value).quantize(Decimal("0.0001"))
    return TargetProgress(actual, as_of, judged, share)


def progress_by_target(targets, on=None) -> dict[int, TargetProgress]:
    """Progress of every target in ``targets``: one query for the latest approved values
    (``LatestTargetValue``), plus one per registry measure (fixed by the plans, not the data)."""
    targets = list(targets)
    measured = measured_actuals((t.measure, t.year) for t in targets if t.measure)
    reported = {
        target_id: (value, as_of)
        for target_id, value, as_of in LatestTargetValue.objects.filter(
            target__in=[t.pk for t in targets if not t.measure]
        ).values_list("target_id", "value", "as_of")
    }
    result = {}
    for target in targets:
        if target.measure:
            actual, as_of = measured[target.measure, target.year]
        else:
            actual, as_of = reported.get(target.pk, (None, None))
        result[target.pk] = _progress(target, actual, as_of, on)
    return result


class JsonTextAt(Func):
    """The text at ``key`` (an expression) of a JSON object given as text: the measured
    actuals travel as one parameter instead of a CASE branch per measure and year."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra):
        raise NotImplementedError(f"JsonTextAt has no SQL for {connection.vendor}")

    def as_sqlite(self, compiler, connection, **extra):
        return self._sql(compiler, connection, "json_extract({0}, '$.\"' || {1} || '\"')")

    def as_postgresql(self, compiler, connection, **extra):
        return self._sql(compiler, connection, "(({0})::jsonb ->> ({1}))")

    def _sql(self, compiler, connection, template):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params.extend(expression_params)
        return template.format(*parts), params


def refresh_latest_values(target_ids=None) -> None:
    """Rewrite ``LatestTargetValue`` from the approved target reports, of ``target_ids`` or
    of every target (after a bulk load): the report latest as of, then latest reviewed."""
    approved = TargetReport.objects.approved()
    stale = LatestTargetValue.objects.all()
    if target_ids is not None:
        target_ids = list(target_ids)
        approved = approved.filter(target_id__in=target_ids)
        stale = stale.filter(target_id__in=target_ids)
    latest = {}
    for target_id, value, as_of in approved.order_by(
        "target_id", "-as_of", "-reviewed_at", "-pk"
    ).values_list("target_id", "value", "as_of"):
        if target_id not in latest:
            latest[target_id] = LatestTargetValue(target_id=target_id, value=value, as_of=as_of)
    stale.delete()
    LatestTargetValue.objects.bulk_create(latest.values(), batch_size=1000)
    data_version.mark_changed()


def measured_actuals(pairs) -> dict[tuple[str, int], tuple[Decimal, datetime.date | None]]:
    """The actual of each (measure, year): one query per measure, whatever the number of
    years and of targets sharing it (the measures are fixed by the plans, not by the data)."""
    years_by_code = defaultdict(set)
    for code, year in pairs:
        if code in measures.codes():
            years_by_code[code].add(year)
    # The shares' denominators in one query, read whenever measures are (so a page's count of
    # queries does not depend on whether a share is among its targets).
    wholes = measures.denominator_values() if years_by_code else {}
    return {
        (code, year): actual
        for code, years in sorted(years_by_code.items())
        for year, actual in measures.get(code).actuals(sorted(years), wholes).items()
    }


def with_progress(targets, on=None):
    """Annotate a queryset of targets with their progress, computed in the database so that
    lists can filter, sort and count by it: ``actual`` and ``actual_as_of`` (the latest
    approved report, kept in ``LatestTargetValue``, or the registry measure), ``expected``
    (序时进度), ``done_points`` and ``status_code`` (the rules of ``status``)."""
    on = on or status.today()
    measured = measured_actuals(
        targets.exclude(measure="").values_list("measure", "year").distinct().order_by()
    )

    def from_measures(index, output_field):
        values = {
            f"{code}:{year}": None if value[index] is None else str(value[index])
            for (code, year), value in measured.items()
        }
        if not values:
            return Value(None, output_field=output_field)
        key = Concat(F("measure"), Value(":"), Cast("year", CharField()))
        return Cast(JsonTextAt(Value(json.dumps(values)), key), output_field)

    reported = Q(measure="")
    targets = targets.annotate(
        actual=Case(
            When(reported, then=F("latest_value__value")),
            default=from_measures(0, DecimalField(max_digits=20, decimal_places=4)),
            output_field=DecimalField(),
        ),
        actual_as_of=Case(
            When(reported, then=F("latest_value__as_of")),
            default=from_measures(1, DateField()),
            output_field=DateField(),
        ),
    )
    return status.with_target_status(targets, on, annual=measures.annual_codes())


def attach_progress(targets, on=None):
    """Set ``target.progress`` on each target (for templates) and return them as a list."""
    targets = list(targets)
    progress = progress_by_target(targets, on)
    for target in targets:
        target.progress = progress[target.pk]
    return targets
