import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.alerts.lights import LightCounts, bureau_lights, task_lights
from jiyuan_portal.tracking.models import Bureau, Task

from .links import list_url


class LightColumn(tables.Column):
    """The 红黄绿灯 light of each row, from counts computed once for the whole table."""

    def __init__(self, lights, **kwargs):
        self.lights = lights
        super().__init__(
            verbose_name=_("light"), accessor="pk", orderable=False, empty_values=(), **kwargs
        )

    def render(self, record, table):
        if not hasattr(table, "_light_counts"):
            table._light_counts = self.lights()
        counts = table._light_counts.get(record.pk, LightCounts())
        return format_html(
            '<span class="badge rounded-pill text-bg-{}">{}</span>',
            counts.colour,
            counts.light.label,
        )


class CountLinkColumn(tables.Column):
    """A count linking to the list of the items counted; ``filters(record)`` gives that
    list's query parameters. With ``alarming``, a count above zero shows in red."""

    def __init__(self, url_name, filters, alarming=False, **kwargs):
        self.url_name, self.filters, self.alarming = url_name, filters, alarming
        super().__init__(attrs={"td": {"class": "text-end"}}, **kwargs)

    def render(self, value, record):
        css = "link-danger fw-bold" if self.alarming else ""
        return format_html(
            '<a class="{}" href="{}">{}</a>',
            css,
            list_url(self.url_name, **self.filters(record)),
            value,
        )

    def value(self, value):
        return value


def _lead(record):
    return {"state": "active", "bureau": record.pk}


class BureauTable(tables.Table):
    """The bureau league table: what each bureau leads and how it stands (``league``)."""

    name = tables.Column(linkify=True)
    lead_count = CountLinkColumn(
        "dashboard:task_list", lambda r: {"lead": r.pk}, verbose_name=_("tasks led")
    )
    shared_count = CountLinkColumn(
        "dashboard:task_list", lambda r: {"bureau": r.pk}, verbose_name=_("tasks shared")
    )
    on_time_rate = tables.Column(
        verbose_name=_("on time"), attrs={"td": {"class": "text-end"}}, empty_values=()
    )
    overdue_count = CountLinkColumn(
        "alerts:alert_list", _lead, alarming=True, verbose_name=_("overdue")
    )
    explanations_missing = CountLinkColumn(
        "alerts:alert_list",
        lambda r: {**_lead(r), "explanation": "missing"},
        alarming=True,
        verbose_name=_("explanations missing"),
    )
    awaiting_review = CountLinkColumn(
        "reporting:report_list",
        lambda r: {"bureau": r.pk, "status": "submitted"},
        verbose_name=_("awaiting review"),
    )
    last_report_at = tables.DateColumn(verbose_name=_("last report"), short=True)
    light = LightColumn(bureau_lights)

    class Meta:
        model = Bureau
        fields = (
            "name",
            "lead_count",
            "shared_count",
            "on_time_rate",
            "overdue_count",
            "explanations_missing",
            "awaiting_review",
            "last_report_at",
            "light",
        )
        order_by = ("-overdue_count", "order")

    def render_on_time_rate(self, record):
        if record.on_time_rate is None:
            return "—"
        return f"{record.on_time_rate:.0f}% ({record.on_time_count}/{record.due_count})"

    def value_on_time_rate(self, record):
        return None if record.on_time_rate is None else round(record.on_time_rate, 1)


class TaskTable(tables.Table):
    plan = tables.Column(linkify=True, order_by=("plan__order", "order"))
    number = tables.Column(linkify=True, order_by=("plan__order", "order"))
    title = tables.Column(linkify=True, attrs={"td": {"class": "text-col"}})
    lead = tables.Column(verbose_name=_("lead bureau"), accessor="lead_bureau", orderable=False)
    light = LightColumn(task_lights)

    class Meta:
        model = Task
        fields = ("plan", "number", "title", "section", "lead", "light")
