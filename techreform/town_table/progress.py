"""The town table of the technical-reform plan page: each town's targets beside the
approved reform projects recorded for it.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Town


def pace_points(year: int, on: datetime.date | None = None) -> Decimal:
    """序时进度 of a town's yearly target: the per cent of ``year`` passed by ``on``."""
    return (
        status.elapsed_share(datetime.date(year, 12, 31), start=datetime.date(year, 1, 1), on=on)
        * 100
    )


def lagging_rule(year: int, on: datetime.date | None = None) -> str:
    """The rule of ``TownProgress.is_lagging``, in the sentence the pages show."""
    return _(
        "A town lags (highlighted) when its share of the investment or of the enterprises "
        "achieved is below the share of %(year)s passed (%(pace)s%%)."
    ) % {"year": year, "pace": round(pace_points(year, on))}


def rows_lagging_first(table, on: datetime.date | None = None) -> list:
    """The table's rows, the weakest share first, each marked ``lagging``."""
    rows = sorted(table.rows, key=lambda row: (row.lowest_share is None, row.lowest_share or 0))
    for row in rows:
        row.lagging = row.is_lagging(on)
    return rows


@dataclass
class TownProgress:
    """A town's targets beside what its approved reform projects add up to."""

    town: Town | None
    industrial_investment: Decimal | None = None
    reform_investment: Decimal | None = None
    reform_enterprises: int | None = None
    actual_investment: Decimal = Decimal(0)
    actual_enterprises: int = 0
    actual_projects: int = 0
    year: int | None = None

    @staticmethod
    def _share(actual, target):
        if not target:
            return None
        return (Decimal(actual) * 100 / Decimal(target)).quantize(Decimal("0.1"))

    @property
    def investment_share(self):
        """Per cent of the technical-reform investment target reached, or None."""
        return self._share(self.actual_investment, self.reform_investment)

    @property
    def enterprises_share(self):
        return self._share(self.actual_enterprises, self.reform_enterprises)

    @property
    def lowest_share(self):
        """The weaker of the two shares achieved (investment, enterprises), or None."""
        shares = [s for s in (self.investment_share, self.enterprises_share) if s is not None]
        return min(shares) if shares else None

    def is_lagging(self, on: datetime.date | None = None) -> bool:
        """A town lags when either share achieved is below the share of its target year
        passed by ``on`` (the portal's today): the rule of the town table's highlight."""
        if self.lowest_share is None or self.year is None:
            return False
        return self.lowest_share < pace_points(self.year, on)


@dataclass
class TownProgressTable:
    year: int
    rows: list[TownProgress]
    total: TownProgress
    plan_investment: object = None  # the plan's own Target rows for the year, if any
    plan_enterprises: object = None

    @property
    def plan_investment_share(self):
        if self.plan_investment is None:
            return None
        return TownProgress._share(self.total.actual_investment, self.plan_investment.value)

    @property
    def plan_enterprises_share(self):
        if self.plan_enterprises is None:
            return None
        return TownProgress._share(self.total.actual_enterprises, self.plan_enterprises.value)


def _plan_target(plan, year, code, unit, words):
    """The plan's target by its code, else by unit and indicator wording."""
    from jiyuan_portal.tracking.models import Target

    targets = list(Target.objects.filter(plan=plan, year=year, unit=unit))
    for target in targets:
        if target.code == code:
            return target
    for target in targets:
        if all(word in target.indicator for word in words) and target.kind != "share":
            return target
    return None


def latest_year() -> int:
    """The latest year with town targets (2017 if there are none)."""
    from ..models import TownTarget

    latest = TownTarget.objects.order_by("-year").values_list("year", flat=True).first()
    return latest or 2017


def town_progress(year: int | None = None, plan=None) -> TownProgressTable:
    """Each town's targets for ``year`` beside its actuals, in a constant number of queries.

    The actuals are the approved reform projects recorded for the town in that year: the
    sum of their investment, and the number of distinct enterprises carrying them out. Towns
    appear in the published order when they have a target or a recorded project.
    ``year`` defaults to the latest year with town targets (2017 if there are none).
    """
    from ..models import ReformProject, TownTarget

    year = year or latest_year()
    targets = {t.town_id: t for t in TownTarget.objects.filter(year=year)}
    projects = ReformProject.objects.approved().filter(year=year)
    actuals = {
        row["town"]: row
        for row in projects.values("town")
        .annotate(
            investment=Sum("investment"),
            enterprises=Count("enterprise", distinct=True),
            projects=Count("id"),
        )
        .order_by()
    }
    rows = []
    total = TownProgress(
        town=None,
        industrial_investment=Decimal(0),
        reform_investment=Decimal(0),
        reform_enterprises=0,
        year=year,
    )
    for town in Town.objects.filter(pk__in={*targets, *actuals}).order_by("order", "name"):
        target = targets.get(town.pk)
        actual = actuals.get(town.pk, {})
        row = TownProgress(
            town=town,
            industrial_investment=target.industrial_investment if target else None,
            reform_investment=target.reform_investment if target else None,
            reform_enterprises=target.reform_enterprises if target else None,
            actual_investment=actual.get("investment") or Decimal(0),
            actual_enterprises=actual.get("enterprises") or 0,
            actual_projects=actual.get("projects") or 0,
            year=year,
        )
        rows.append(row)
        if target:
            total.industrial_investment += target.industrial_investment
            total.reform_investment += target.reform_investment
            total.reform_enterprises += target.reform_enterprises
        total.actual_investment += row.actual_investment
        total.actual_projects += row.actual_projects
    # An enterprise with projects in two towns counts once for the city.
    total.actual_enterprises = projects.values("enterprise").distinct().count()
    table = TownProgressTable(year=year, rows=rows, total=total)
    if plan is not None:
        table.plan_investment = _plan_target(
            plan, year, f"reform-investment-{year}", "亿元", ("技术改造", "投资")
        )
        table.plan_enterprises = _plan_target(
            plan, year, f"reform-enterprises-{year}", "家", ("企业",)
        )
    return table
