"""Apply the notice's money rules to the approved registry records.

``evaluate`` decides one rule for one record: whether it qualifies (first year, threshold,
years of support), and how much (a fixed amount, or a share of a base, within the record's
cap and what the subject's annual cap leaves). ``refresh`` rewrites a rule's entitlements
from all its records, in year order so the annual cap is shared out first come, first
served. Amounts are in 万元; a field the record states in 亿元 is converted.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from jiyuan_portal.tracking import data_version
from jiyuan_portal.tracking.models import AwardRule
from jiyuan_portal.tracking.models.awards import year_of

from .models import Entitlement

Status = Entitlement.Status
Reason = Entitlement.Reason
Limit = Entitlement.Limit

# How many 万元 one unit of a field is worth.
TO_WAN = {"万元": Decimal(1), "亿元": Decimal(10000), "元": Decimal("0.0001")}
CENT = Decimal("0.01")


def value_at(record, path: str):
    """The value at a dotted path of attributes ("centre.listed_on")."""
    value = record
    for name in path.split("."):
        if value is None:
            return None
        value = getattr(value, name)
    return value


def amount_at(record, path: str) -> Decimal | None:
    """An amount of the record in 万元, from the unit its field is stated in."""
    value = value_at(record, path)
    if value is None:
        return None
    owner = value_at(record, path.rpartition(".")[0]) if "." in path else record
    unit = owner.field_units().get(path.rpartition(".")[2], "万元")
    return (Decimal(value) * TO_WAN.get(unit, Decimal(1))).quantize(CENT, ROUND_HALF_UP)


def record_year(rule, record) -> int:
    """The year the record counts in: its ``year_field``, or, where that date is not
    entered yet (a project not completed), the year it was approved."""
    year = year_of(value_at(record, rule.year_field))
    if year is None:
        year = timezone.localdate(record.reviewed_at or record.created_at).year
    return year


@dataclass
class Outcome:
    year: int
    status: str
    reason: str = ""
    base: Decimal | None = None
    threshold_value: Decimal | None = None
    computed: Decimal | None = None
    amount: Decimal | None = None
    limited_by: str = ""


def evaluate(rule: AwardRule, record, used_this_year: Decimal = Decimal(0)) -> Outcome:
    """The rule applied to ``record``; ``used_this_year``: what the record's subject has
    already been given under this rule in the record's year (for the annual cap)."""
    year = record_year(rule, record)
    outcome = Outcome(year=year, status=Status.NOT_ELIGIBLE)
    if rule.first_year and year < rule.first_year:
        outcome.reason = Reason.BEFORE_FIRST_YEAR
        return outcome
    if rule.threshold_field:
        outcome.threshold_value = amount_at(record, rule.threshold_field)
        if outcome.threshold_value is None or outcome.threshold_value < rule.threshold:
            outcome.reason = Reason.BELOW_THRESHOLD
            return outcome
    if rule.duration_years:
        start = year_of(value_at(record, rule.start_field))
        if start is None or not start <= year < start + rule.duration_years:
            outcome.reason = Reason.OUTSIDE_SUPPORT_YEARS
            return outcome
    if rule.method == AwardRule.Method.UNSPECIFIED:
        outcome.status = Status.TO_BE_SET
        return outcome
    if rule.method == AwardRule.Method.FIXED:
        outcome.computed = rule.fixed_amount
    else:
        outcome.base = amount_at(record, rule.base_field)
        if outcome.base is None:
            outcome.status, outcome.reason = Status.TO_BE_SET, Reason.NO_BASE
            return outcome
        outcome.computed = (outcome.base * rule.rate / 100).quantize(CENT, ROUND_HALF_UP)
    outcome.amount = outcome.computed
    if rule.cap is not None and outcome.amount > rule.cap:
        outcome.amount, outcome.limited_by = rule.cap, Limit.CAP
    if rule.annual_cap is not None:
        left = max(rule.annual_cap - used_this_year, Decimal(0))
        if left == 0:
            outcome.amount, outcome.reason = None, Reason.ANNUAL_CAP_USED
            return outcome
        if outcome.amount > left:
            outcome.amount, outcome.limited_by = left, Limit.ANNUAL_CAP
    payable = not rule.payable_field or value_at(record, rule.payable_field) is not None
    outcome.status = Status.DUE if payable else Status.PENDING
    return outcome


def subject_of(rule, record):
    return value_at(record, rule.subject_field) if rule.subject_field else record.pk


def _records(rule):
    """The approved records the rule looks at, with what its paths follow fetched."""
    model = rule.registry_model()
    related = {
        path.split(".")[0]
        for path in (rule.base_field, rule.threshold_field, rule.start_field, rule.year_field)
        if "." in path
    }
    if any(field.name == "town" for field in model._meta.fields):
        related.add("town")
    return model.objects.approved().filter(**rule.conditions).select_related(*related)


def _sort_key(rule, record):
    when = value_at(record, rule.year_field)
    if not isinstance(when, datetime.date):
        when = datetime.date(record_year(rule, record), 1, 1)
    return when, record.pk


@transaction.atomic
def refresh(rule: AwardRule) -> int:
    """Rewrite what ``rule`` commits to its records; returns the number of rows."""
    if not rule.pays:
        Entitlement.objects.filter(rule=rule).delete()
        return 0
    used = defaultdict(Decimal)
    rows = []
    for record in sorted(_records(rule), key=lambda record: _sort_key(rule, record)):
        key = (subject_of(rule, record), record_year(rule, record))
        outcome = evaluate(rule, record, used[key])
        if outcome.amount:
            used[key] += outcome.amount
        rows.append(
            Entitlement(
                rule=rule,
                record_id=record.pk,
                plan_id=rule.plan_id,
                bureau_id=record.bureau_id,
                town_id=getattr(record, "town_id", None),
                **vars(outcome),
            )
        )
    Entitlement.objects.filter(rule=rule).delete()
    Entitlement.objects.bulk_create(rows)
    data_version.mark_changed()  # written in bulk: no signal tells the ledger's page cache
    return len(rows)


def preview(rule: AwardRule, record) -> Entitlement:
    """What ``rule`` would give ``record`` were it approved now (unsaved): within what the
    annual cap leaves after the subject's approved records of that year."""
    year = record_year(rule, record)
    used = Decimal(0)
    if rule.subject_field:
        same_subject = rule.registry_model().objects.filter(
            **{rule.subject_field.replace(".", "__"): subject_of(rule, record)}
        )
        used = Entitlement.objects.filter(
            rule=rule, year=year, record_id__in=same_subject.values("pk")
        ).aggregate(used=Sum("amount", default=Decimal(0)))["used"]
    return Entitlement(rule=rule, record=record, **vars(evaluate(rule, record, used)))


def rules_reading(model) -> list[AwardRule]:
    """The rules whose outcome depends on ``model``'s rows: the rules of its registry, and
    those of a registry whose paths lead to it (a centre's spend reads the centre)."""
    label = model._meta.label
    found = []
    for rule in AwardRule.objects.exclude(registry=""):
        if rule.registry == label:
            found.append(rule)
            continue
        rule_model = rule.registry_model()
        for path in (rule.start_field, rule.threshold_field, rule.base_field, rule.year_field):
            link = path.split(".")[0] if "." in path else ""
            if link and rule_model._meta.get_field(link).related_model is model:
                found.append(rule)
                break
    return found


def refresh_all() -> int:
    return sum(refresh(rule) for rule in AwardRule.objects.all())
