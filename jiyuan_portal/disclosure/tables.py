import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting.models import Report
from jiyuan_portal.tracking.models import Target


class PublishedColumn(tables.BooleanColumn):
    def __init__(self, **kwargs):
        super().__init__(verbose_name=_("published"), yesno=(_("published"), "—"), **kwargs)


class TickColumn(tables.Column):
    """A box to tick the row for publishing or withdrawing, labelled with what it is."""

    def __init__(self, **kwargs):
        super().__init__(
            accessor="pk",
            verbose_name=_("tick"),
            orderable=False,
            exclude_from_export=True,
            **kwargs,
        )

    def render(self, value, record):
        return format_html(
            '<input type="checkbox" class="form-check-input" name="items" value="{}" '
            'aria-label="{}">',
            value,
            gettext("Tick %(item)s") % {"item": record},
        )


class PublishableRecordTable(tables.Table):
    items = TickColumn()
    kind = tables.Column(verbose_name=_("kind"), accessor="content_type", orderable=False)
    title = tables.Column(linkify=True, attrs={"td": {"class": "text-col"}})
    bureau = tables.Column(order_by=("bureau__order", "bureau__name"))
    reviewed_at = tables.DateTimeColumn()
    is_published = PublishedColumn()

    class Meta:
        model = Report
        fields = ("items", "kind", "title", "bureau", "reviewed_at", "is_published")
        order_by = ("-reviewed_at",)
        empty_text = _("No approved record of a public registry.")

    def render_kind(self, value):
        return value.model_class()._meta.verbose_name


class PublishableTargetTable(tables.Table):
    items = TickColumn()
    plan = tables.Column(order_by=("plan__order",))
    task = tables.Column(accessor="task__number", verbose_name=_("task"))
    year = tables.Column()
    indicator = tables.Column(attrs={"td": {"class": "text-col"}})
    display_value = tables.Column(verbose_name=_("target"), orderable=False)
    is_published = PublishedColumn()

    class Meta:
        model = Target
        fields = ("items", "plan", "task", "year", "indicator", "display_value", "is_published")
        order_by = ("plan", "year")
        empty_text = _("No targets.")
