import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.tracking.models import Bureau, Task


class BureauTable(tables.Table):
    name = tables.Column(linkify=True)
    kind = tables.Column()
    lead_count = tables.Column(verbose_name=_("tasks led"))
    shared_count = tables.Column(verbose_name=_("tasks shared"))

    class Meta:
        model = Bureau
        fields = ("name", "short_name", "kind", "lead_count", "shared_count")
        order_by = ("order",)


class TaskTable(tables.Table):
    plan = tables.Column(linkify=True, order_by=("plan__order", "order"))
    number = tables.Column(linkify=True, order_by=("plan__order", "order"))
    title = tables.Column(linkify=True, attrs={"td": {"class": "text-col"}})
    lead = tables.Column(verbose_name=_("lead bureau"), accessor="lead_bureau", orderable=False)

    class Meta:
        model = Task
        fields = ("plan", "number", "title", "section", "lead")
