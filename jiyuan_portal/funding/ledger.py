"""The 奖补 ledger's sums: what the money rules commit, by year and town, plan, rule and
bureau, each one grouped query over the (filtered) entitlements."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from .models import Entitlement

Status = Entitlement.Status


@dataclass
class Breakdown:
    title: str
    rows: list  # dicts: label, due, pending, to_be_set (a count), records
    total_due: Decimal
    total_pending: Decimal


def _sums(queryset, group: str, label: str, order: str) -> list[dict]:
    return list(
        queryset.values(group)
        .annotate(
            label=F(label),
            due=Sum("amount", filter=Q(status=Status.DUE), default=Decimal(0)),
            pending=Sum("amount", filter=Q(status=Status.PENDING), default=Decimal(0)),
            to_be_set=Count("pk", filter=Q(status=Status.TO_BE_SET)),
            records=Count("pk"),
        )
        .order_by(order)
    )


def breakdowns(queryset) -> list[Breakdown]:
    """The sums of ``queryset`` (entitlements in the ledger) four ways."""
    queryset = queryset.in_ledger().order_by()
    result = []
    for title, group, label, order in (
        (_("By year"), "year", "year", "year"),
        (_("By town"), "town", "town__name", "town__order"),
        (_("By plan"), "plan", "plan__short_name", "plan__order"),
        (_("By rule"), "rule", "rule__name", "rule__plan__order"),
        (_("By bureau"), "bureau", "bureau__name", "bureau__order"),
    ):
        rows = _sums(queryset, group, label, order)
        result.append(
            Breakdown(
                title=title,
                rows=rows,
                total_due=sum((row["due"] for row in rows), Decimal(0)),
                total_pending=sum((row["pending"] for row in rows), Decimal(0)),
            )
        )
    return result
