from django import template
from django.conf import settings
from django.core.cache import cache

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


# A table row lists this many of its task's milestones; the task page lists them all.
ROW_MILESTONES = 5


@register.inclusion_tag("includes/milestone_list.html")
def row_milestones(task, limit=ROW_MILESTONES):
    """A task's milestones in a row of a table of tasks (a plan's, a bureau's): the first
    ``limit`` in the notice's order and a link to the task page for the others, so that a
    row stays small however many milestones a task has. Reads the prefetched milestones."""
    milestones = list(task.milestones.all())
    return {
        "milestones": milestones[:limit],
        "more": max(0, len(milestones) - limit),
        "more_url": task.get_absolute_url(),
    }


class CachedContentNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        if "cached_content" in context:
            return context["cached_content"]
        content = self.nodelist.render(context)
        key = context.get("page_cache_key")
        if key:
            cache.set(key, content, settings.JIYUAN_PAGE_CACHE_SECONDS)
        return content


@register.tag
def cached_content(parser, token):
    """``{% cached_content %}…{% endcached_content %}``: the content the view found in the
    cache (``cached_content``), or the content rendered and stored under ``page_cache_key``
    (``jiyuan_portal.reporting.page_cache``); without a key, rendered as it is."""
    nodelist = parser.parse(("endcached_content",))
    parser.delete_first_token()
    return CachedContentNode(nodelist)
