from django import template

from jiyuan_portal.tracking.status import STATUS_COLOURS

register = template.Library()


@register.inclusion_tag("includes/status_badge.html")
def status_badge(status):
    """A coloured badge for a milestone or target status (a TextChoices member)."""
    return {"status": status, "colour": STATUS_COLOURS.get(status, "secondary")}
