"""Targets whose actual value is counted or summed from a plan registry's approved records
(高新技术企业达到30家 = the approved high-tech enterprise records; 压减煤炭产能 = the sum of
approved coal exits). Plan apps register their measures in ``AppConfig.ready``; a target
names its measure in ``Target.measure`` (the ``measure:`` key of the plan file). Each plan
app declares its measures on its ``PlanAppConfig`` (``measures``).

A measure names its registry by label and counts its approved records through the
registry's own ``approved()`` queryset, so this module needs nothing from ``reporting``.
"""

import contextlib
import contextvars
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Max, PositiveSmallIntegerField, Q, Sum

from .models import Denominator
from .plan_apps import plan_apps
from .status import PLAN_START

SHARE_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Measure:
    code: str
    model: str  # "app_label.ModelName" of a RegistryRecord subclass
    date_field: str  # the date a record counts from, or a year as a whole number
    filters: dict = field(default_factory=dict)
    sum_field: str = ""  # sum this field; else count records
    distinct_field: str = ""  # count distinct values of this field instead of records
    # Only records dated in the target's own year (annual figures such as 2017年压减120万吨);
    # otherwise every record up to the end of that year (totals such as 达到30家).
    per_year: bool = False
    # Totals since the plans began (压减201万吨), not including what existed before.
    since_plan_start: bool = False
    # A date after which a record no longer counts (a 高新技术企业 certificate's expiry):
    # a total at a year's end leaves out what expired before it.
    valid_until_field: str = ""
    # A share: the count as a percentage of a ``Denominator``'s figure (its code); no
    # figure entered, no actual.
    denominator: str = ""

    def counted_in(self, year: int) -> Q:
        """The records counted for ``year``: dated up to its end, from its start for an
        annual figure, from the plans' start for a total since then."""
        model = apps.get_model(self.model)
        by_year = isinstance(model._meta.get_field(self.date_field), PositiveSmallIntegerField)
        start, end = (
            (year, year) if by_year else (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        )
        condition = Q(**{f"{self.date_field}__lte": end})
        if self.per_year:
            condition &= Q(**{f"{self.date_field}__gte": start})
        elif self.since_plan_start:
            condition &= Q(
                **{f"{self.date_field}__gte": PLAN_START.year if by_year else PLAN_START}
            )
        if self.valid_until_field:
            year_end = datetime.date(year, 12, 31)
            condition &= Q(**{f"{self.valid_until_field}__isnull": True}) | Q(
                **{f"{self.valid_until_field}__gte": year_end}
            )
        return condition

    def actual(self, year: int) -> tuple[Decimal, datetime.date | None]:
        """The value and the date of the latest record counted."""
        return self.actuals([year])[year]

    def actuals(self, years, wholes=None) -> dict[int, tuple[Decimal, datetime.date | None]]:
        """The actual of each of ``years``, in one query whatever their number (a
        conditional aggregate per year); each (measure, year) once per ``counted_once``.
        ``wholes``: the denominators' figures (``denominator_values()``), read here if a
        share needs them and they are not given."""
        memo = _counted.get()
        memo = {} if memo is None else memo
        wanted = sorted({year for year in years if (self.code, year) not in memo})
        if wanted:
            if self.denominator and wholes is None:
                wholes = denominator_values()
            counted = self._count(wanted, wholes or {})
            memo.update({(self.code, year): value for year, value in counted.items()})
        return {year: memo[self.code, year] for year in years}

    def _count(self, years, wholes) -> dict[int, tuple[Decimal, datetime.date | None]]:
        aggregates = {}
        for year in years:
            counted = self.counted_in(year)
            if self.sum_field:
                value = Sum(self.sum_field, filter=counted)
            elif self.distinct_field:
                value = Count(self.distinct_field, distinct=True, filter=counted)
            else:
                value = Count("pk", filter=counted)
            aggregates[f"value_{year}"] = value
            aggregates[f"latest_{year}"] = Max(self.date_field, filter=counted)
        model = apps.get_model(self.model)
        result = model.objects.approved().filter(**self.filters).aggregate(**aggregates)
        whole = wholes.get(self.denominator)
        actuals = {}
        for year in years:
            latest = result[f"latest_{year}"]
            if isinstance(latest, int):  # a year: no date to show
                latest = None
            value = Decimal(result[f"value_{year}"] or 0)
            if self.denominator:
                value = None if whole is None else (value * 100 / whole).quantize(SHARE_PLACES)
            actuals[year] = (value, latest)
        return actuals


def denominator_values() -> dict[str, Decimal]:
    """The figure of every denominator that has one, by code: one query."""
    return dict(Denominator.objects.filter(value__gt=0).values_list("code", "value"))


# (code, year) -> actual, while a ``counted_once`` block runs; None outside one.
_counted: contextvars.ContextVar[dict | None] = contextvars.ContextVar("counted", default=None)


@contextlib.contextmanager
def counted_once():
    """Within this block each measure counts each year once: a page that shows targets,
    lights and charts asks for the same figures several times. Only for reading: records
    approved inside the block would not be seen."""
    token = _counted.set({})
    try:
        yield
    finally:
        _counted.reset(token)


def all_measures() -> dict[str, Measure]:
    """Every plan app's measures by code."""
    return {measure.code: measure for config in plan_apps() for measure in config.get_measures()}


def get(code: str) -> Measure:
    return all_measures()[code]


def codes() -> set[str]:
    return set(all_measures())


def annual_codes() -> set[str]:
    """Measures that count one year's records only (2018年压减…万吨): a target measured so
    is paced from the start of its own year, not from the plans' start."""
    return {code for code, measure in all_measures().items() if measure.per_year}


def pace_start(target) -> datetime.date:
    """Where the pace (序时进度) of ``target`` starts: its own year for an annual figure;
    the end of its baseline year for a target paced from a figure of a plan year (20% in
    2018 from 2017's 16%); else the plans' start."""
    if target.measure in annual_codes():
        return datetime.date(target.year, 1, 1)
    return baseline_pace_start(target.baseline_year, target.baseline_value)


def baseline_pace_start(baseline_year, baseline_value) -> datetime.date:
    if baseline_value is not None and baseline_year and baseline_year >= PLAN_START.year:
        return datetime.date(baseline_year + 1, 1, 1)
    return PLAN_START
