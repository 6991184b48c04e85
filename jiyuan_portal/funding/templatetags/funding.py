"""The award or subsidy a registry record is entitled to, on its page."""

from django import template

from jiyuan_portal.reporting.states import ReviewStatus
from jiyuan_portal.tracking.models import AwardRule

from ..entitlements import preview
from ..explain import explain
from ..models import STATUS_COLOURS, Entitlement

register = template.Library()


@register.inclusion_tag("funding/includes/entitlements.html")
def entitlements_of(record):
    """The rules that apply to ``record``: what they give it (stored once it is approved;
    worked out for a record still in review, so the reviewer sees what approving commits)."""
    record = record.specific
    label = type(record)._meta.label
    if record.status == ReviewStatus.APPROVED:
        rows = list(Entitlement.objects.filter(record=record).select_related("rule"))
    else:
        rules = [
            rule
            for rule in AwardRule.objects.filter(registry=label)
            if type(record).objects.filter(pk=record.pk, **rule.conditions).exists()
        ]
        rows = [preview(rule, record) for rule in rules]
    return {
        "entitlements": [(row, explain(row), STATUS_COLOURS[row.status]) for row in rows],
        "preview": record.status != ReviewStatus.APPROVED,
    }
