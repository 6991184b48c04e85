import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Alert


class AlertTable(tables.Table):
    item = tables.Column(
        verbose_name=_("item"),
        accessor="pk",
        linkify=lambda record: record.get_absolute_url(),
        order_by=("plan__order", "task__order", "due_date"),
        attrs={"td": {"class": "text-col"}},
    )
    kind = tables.Column()
    lead = tables.Column(verbose_name=_("lead bureau"), accessor="lead_bureau", orderable=False)
    due_date = tables.DateColumn()
    days_late = tables.Column(verbose_name=_("days late"), accessor="pk", order_by=("due_date",))
    explanation = tables.Column(
        verbose_name=_("explanation"), accessor="has_explanation", orderable=False
    )
    step = tables.Column()
    state = tables.Column(verbose_name=_("state"), accessor="pk", orderable=False)

    class Meta:
        model = Alert
        fields = ("item", "kind", "lead", "due_date", "days_late", "explanation", "step", "state")
        order_by = ("due_date",)
        empty_text = _("No items.")

    def render_item(self, record):
        return record.describe()

    def render_days_late(self, record):
        return record.days_late()

    def explanation_state(self, record):
        if record.explanation_accepted:
            return "success", _("accepted")
        if record.has_explanation:
            return "info", _("received")
        return "danger", _("missing")

    def value_explanation(self, record):
        return self.explanation_state(record)[1]

    def render_explanation(self, record):
        return format_html(
            '<span class="badge text-bg-{}">{}</span>', *self.explanation_state(record)
        )

    def render_state(self, record):
        return record.state.label
