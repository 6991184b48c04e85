"""Whether a record of a public registry is on the public pages, on its page."""

from django import template

from jiyuan_portal.reporting import permissions
from jiyuan_portal.reporting.states import ReviewStatus

from ..models import Publication
from ..publishing import public_registries

register = template.Library()


@register.inclusion_tag("disclosure/includes/publication.html", takes_context=True)
def publication_of(context, record):
    """Nothing for a kind that is never published; else whether it is published, and for a
    supervisor the button that publishes or withdraws it once it is approved."""
    if record.specific_class not in public_registries():
        return {"public_kind": False}
    user = context["request"].user
    return {
        "public_kind": True,
        "record": record,
        "publication": Publication.objects.filter(report=record).first(),
        "can_publish": permissions.can_review(user) and record.status == ReviewStatus.APPROVED,
        "csrf_token": context.get("csrf_token"),
    }
