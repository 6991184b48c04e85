import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.alerts.lights import LightCounts, bureau_lights, task_lights
from jiyuan_portal.tracking.models import Bureau, Task


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


class BureauTable(tables.Table):
    name = tables.Column(linkify=True)
    kind = tables.Column()
    lead_count = tables.Column(verbose_name=_("tasks led"))
    shared_count = tables.Column(verbose_name=_("tasks shared"))
    light = LightColumn(bureau_lights)

    class Meta:
        model = Bureau
        fields = ("name", "short_name", "kind", "lead_count", "shared_count", "light")
        order_by = ("order",)


class TaskTable(tables.Table):
    plan = tables.Column(linkify=True, order_by=("plan__order", "order"))
    number = tables.Column(linkify=True, order_by=("plan__order", "order"))
    title = tables.Column(linkify=True, attrs={"td": {"class": "text-col"}})
    lead = tables.Column(verbose_name=_("lead bureau"), accessor="lead_bureau", orderable=False)
    light = LightColumn(task_lights)

    class Meta:
        model = Task
        fields = ("plan", "number", "title", "section", "lead", "light")
