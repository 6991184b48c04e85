from django import template

from jiyuan_portal.tracking.status import STATUS_COLOURS
from jiyuan_portal.utils.numbers import plain_decimal

register = template.Library()


@register.inclusion_tag("includes/status_badge.html")
def status_badge(status):
    """A coloured badge for a milestone or target status (a TextChoices member)."""
    return {"status": status, "colour": STATUS_COLOURS.get(status, "secondary")}


REVIEW_COLOURS = {
    "draft": "secondary",
    "submitted": "info",
    "approved": "success",
    "returned": "danger",
}


@register.inclusion_tag("includes/status_badge.html")
def review_badge(item):
    """A badge for the review state (草稿/已提交/已审核/已退回) of reported progress."""
    return {
        "status": {"label": item.get_status_display()},
        "colour": REVIEW_COLOURS.get(item.status, "secondary"),
    }


@register.filter
def plain_number(value):
    """A Decimal without trailing zeros (120, 6.5), localised; empty for None."""
    from django.utils.formats import number_format

    if value is None or value == "":
        return ""
    return number_format(plain_decimal(value), force_grouping=True)


@register.inclusion_tag("includes/light.html")
def light_badge(counts):
    """A 红黄绿灯 light from the counts of ``alerts.lights`` (its rule: ``status.light``)."""
    from jiyuan_portal.tracking.status import LIGHT_COLOURS

    light = counts.light
    return {"light": light, "colour": LIGHT_COLOURS[light]}
