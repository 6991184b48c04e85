import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.views.columns import BadgeColumn

from .models import Report
from .states import ReviewStatus

REVIEW_COLOURS = {
    ReviewStatus.DRAFT: "secondary",
    ReviewStatus.SUBMITTED: "info",
    ReviewStatus.APPROVED: "success",
    ReviewStatus.RETURNED: "warning",
}


class ReportTable(tables.Table):
    kind = tables.Column(verbose_name=_("kind"), accessor="content_type", orderable=False)
    title = tables.Column(linkify=True, attrs={"td": {"class": "text-col"}})
    bureau = tables.Column(order_by=("bureau__order", "bureau__name"))
    plan = tables.Column(order_by=("plan__order",))
    task = tables.Column(order_by=("task__plan__order", "task__order"))
    status = BadgeColumn(ReviewStatus, REVIEW_COLOURS)
    submitted_at = tables.DateTimeColumn()
    reviewed_at = tables.DateTimeColumn()

    class Meta:
        model = Report
        fields = (
            "kind",
            "title",
            "bureau",
            "plan",
            "task",
            "status",
            "submitted_at",
            "reviewed_at",
        )
        order_by = ("-submitted_at",)
        empty_text = _("No reports.")

    def render_kind(self, value):
        # The content type came with the row (select_related): no query per kind.
        return value.model_class()._meta.verbose_name
