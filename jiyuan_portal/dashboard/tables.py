from decimal import Decimal

import django_tables2 as tables
from django.db.models import Case, F, IntegerField, Value, When
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.alerts.lights import LightCounts, bureau_lights, task_lights
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Bureau, Milestone, Target, Task
from jiyuan_portal.utils.numbers import plain_decimal
from jiyuan_portal.views.columns import BadgeColumn

from .links import list_url

# Worst first when a list is sorted by status.
MILESTONE_SEVERITY = [
    status.MilestoneStatus.OVERDUE,
    status.MilestoneStatus.DUE_SOON,
    status.MilestoneStatus.DONE_LATE,
    status.MilestoneStatus.PENDING,
    status.MilestoneStatus.ONGOING,
    status.MilestoneStatus.UNDATED,
    status.MilestoneStatus.DONE,
]
TARGET_SEVERITY = [
    status.TargetStatus.BEHIND,
    status.TargetStatus.AT_RISK,
    status.TargetStatus.NO_DATA,
    status.TargetStatus.ON_TRACK,
    status.TargetStatus.ACHIEVED,
]


class LightColumn(tables.Column):
    """The 红黄绿灯 light of each row, from counts computed once for the rows shown: the
    page's rows when the table is paginated, every row when it is exported."""

    def __init__(self, lights, **kwargs):
        self.lights = lights
        super().__init__(
            verbose_name=_("light"), accessor="pk", orderable=False, empty_values=(), **kwargs
        )

    def counts(self, record, table) -> LightCounts:
        if not hasattr(table, "_light_counts"):
            page = getattr(table, "page", None)
            ids = [row.record.pk for row in page.object_list] if page else None
            table._light_counts = self.lights(None, ids)
        return table._light_counts.get(record.pk, LightCounts())

    def value(self, record, table):
        return self.counts(record, table).light.label

    def render(self, record, table):
        counts = self.counts(record, table)
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
        "dashboard:task_list", lambda r: {"shared": r.pk}, verbose_name=_("tasks shared")
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


def by_severity(choices, queryset, is_descending, field="status_code"):
    """Order by a status annotation from its first choice to its last (the order the
    statuses are declared in), not alphabetically by code."""
    rank = Case(
        *(When(**{field: code}, then=Value(index)) for index, code in enumerate(choices)),
        default=Value(len(choices)),
        output_field=IntegerField(),
    )
    queryset = queryset.annotate(status_rank=rank)
    return queryset.order_by("-status_rank" if is_descending else "status_rank", "pk"), True


def task_column(general_goal=False):
    """The task a row belongs to, linked, in the plans' order; with ``general_goal``, a row
    without a task (a plan's dated goal) says so."""
    return tables.Column(
        linkify=True,
        order_by=("plan__order", "task__order"),
        attrs={"td": {"class": "text-col"}},
        default=_("General goal") if general_goal else "—",
    )


class MilestoneTable(tables.Table):
    plan = tables.Column(linkify=True, order_by=("plan__order",))
    task = task_column(general_goal=True)
    description = tables.Column(attrs={"td": {"class": "text-col"}})
    due_phrase = tables.Column()
    due_date = tables.DateColumn()
    lead = tables.Column(
        verbose_name=_("lead bureau"), accessor="task__lead_bureau", orderable=False
    )
    status = BadgeColumn(
        status.MilestoneStatus,
        status.STATUS_COLOURS,
        accessor="status_code",
        verbose_name=_("status"),
    )
    completed_on = tables.DateColumn()

    class Meta:
        model = Milestone
        fields = (
            "plan",
            "task",
            "description",
            "due_phrase",
            "due_date",
            "lead",
            "status",
            "completed_on",
        )
        order_by = ("due_date",)
        empty_text = _("No milestones.")

    def order_status(self, queryset, is_descending):
        return by_severity(MILESTONE_SEVERITY, queryset, is_descending)


class TargetTable(tables.Table):
    plan = tables.Column(linkify=True, order_by=("plan__order",))
    task = task_column()
    indicator = tables.Column(attrs={"td": {"class": "text-col"}})
    year = tables.Column()
    due_on = tables.DateColumn(verbose_name=_("due on"), accessor="deadline", order_by=("due_on",))
    target = tables.Column(verbose_name=_("target"), accessor="display_value", order_by=("value",))
    expected = tables.Column(verbose_name=_("expected (序时进度)"))
    actual = tables.Column(verbose_name=_("actual"))
    actual_as_of = tables.DateColumn(verbose_name=_("as of"))
    # In the export only: the target as a number, and the unit of the numbers beside it.
    value = tables.Column(visible=False)
    unit = tables.Column(visible=False)
    status = BadgeColumn(
        status.TargetStatus, status.STATUS_COLOURS, accessor="status_code", verbose_name=_("status")
    )
    # In the export only: where the actual comes from.
    source = tables.Column(verbose_name=_("actual from"), accessor="pk", visible=False)

    class Meta:
        model = Target
        fields = (
            "plan",
            "task",
            "indicator",
            "year",
            "due_on",
            "target",
            "expected",
            "actual",
            "actual_as_of",
            "status",
            "value",
            "unit",
            "source",
        )
        order_by = ("year", "plan")
        empty_text = _("No targets.")

    def value_source(self, record):
        return record.actual_source

    def render_expected(self, value, record):
        return f"{self.value_expected(value):f}{record.unit}"

    def value_expected(self, value):
        return plain_decimal(Decimal(value).quantize(Decimal("0.01")))

    def render_actual(self, value, record):
        return f"{plain_decimal(value):f}{record.unit}"

    def value_actual(self, value):
        return plain_decimal(value)

    def order_actual(self, queryset, is_descending):
        """Targets without a figure last, in either direction (PostgreSQL puts NULL first)."""
        actual = (
            F("actual").desc(nulls_last=True) if is_descending else F("actual").asc(nulls_last=True)
        )
        return queryset.order_by(actual, "pk"), True

    def value_value(self, value):
        return plain_decimal(value)

    def order_status(self, queryset, is_descending):
        return by_severity(TARGET_SEVERITY, queryset, is_descending)
