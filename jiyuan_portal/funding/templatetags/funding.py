"""The award or subsidy a registry record is entitled to, on its page."""

from decimal import Decimal

from django import template
from django.db.models import Sum

from jiyuan_portal.reporting.states import ReviewStatus
from jiyuan_portal.tracking.models import AwardRule

from ..entitlements import evaluate, record_year, value_at
from ..explain import explain
from ..models import STATUS_COLOURS, Entitlement

register = template.Library()


def _preview(rule, record):
    """What the rule would give the record if it were approved now."""
    year = record_year(rule, record)
    subject = value_at(record, rule.subject_field) if rule.subject_field else record.pk
    used = Decimal(0)
    if rule.subject_field:  # what the subject's other records already took that year
        same_subject = rule.registry_model().objects.filter(
            **{rule.subject_field.replace(".", "__"): subject}
        )
        used = Entitlement.objects.filter(
            rule=rule, year=year, record_id__in=same_subject.values("pk")
        ).aggregate(used=Sum("amount", default=Decimal(0)))["used"]
    outcome = evaluate(rule, record, used)
    return Entitlement(rule=rule, record=record, **vars(outcome))


@register.inclusion_tag("funding/includes/entitlements.html")
def entitlements_of(record):
    """The rules that apply to ``record``: what they give it (stored once it is approved;
    worked out for a record still in review, so the reviewer sees what approving commits)."""
    record = record.specific
    label = type(record)._meta.label
    if record.status == ReviewStatus.APPROVED:
        rows = list(Entitlement.objects.filter(record=record).select_related("rule"))
        preview = False
    else:
        rules = [
            rule
            for rule in AwardRule.objects.filter(registry=label)
            if type(record).objects.filter(pk=record.pk, **rule.conditions).exists()
        ]
        rows = [_preview(rule, record) for rule in rules]
        preview = True
    return {
        "entitlements": [(row, explain(row), STATUS_COLOURS[row.status]) for row in rows],
        "preview": preview,
    }
