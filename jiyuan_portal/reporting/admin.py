"""Reports in the admin: searchable and correctable, but their review state changes only
through the workflow (the portal's review pages), never by editing ``status`` here."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from jiyuan_portal.utils.admin import ReadOnlyAdminMixin

from .models import Evidence, LatestTargetValue, MilestoneReport, Report, TargetReport


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ("original_name", "mime_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    can_delete = True
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # evidence is uploaded with the report, checked by content


class ReportAdmin(SimpleHistoryAdmin):
    """Shared by every kind of report: filter by review state and bureau."""

    list_filter = ("status", "bureau", "plan")
    list_select_related = ("bureau", "plan")
    readonly_fields = (
        "plan",
        "status",
        "version",
        "created_by",
        "created_at",
        "updated_at",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
        "review_comment",
    )
    date_hierarchy = "created_at"
    inlines = (EvidenceInline,)


@admin.register(Report)
class AllReportsAdmin(admin.ModelAdmin):
    """Every report of every kind in one list (one query a page); each opens in its own
    kind's admin, where it is corrected."""

    list_display = ("title", "kind", "plan", "bureau", "status", "submitted_at", "updated_at")
    list_filter = ("status", "plan", "content_type", "bureau")
    list_select_related = ("plan", "bureau")
    search_fields = ("title", "bureau__name")
    date_hierarchy = "created_at"

    @admin.display(description=_("kind"))
    def kind(self, report):
        opts = report.specific_class._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[report.pk])
        return format_html('<a href="{}">{}</a>', url, opts.verbose_name)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TargetReport)
class TargetReportAdmin(ReportAdmin):
    list_display = ("target", "value", "as_of", "bureau", "status", "submitted_at")
    list_select_related = ("target", "bureau")
    search_fields = ("target__indicator", "narrative", "bureau__name")
    autocomplete_fields = ("target",)
    readonly_fields = ("task", *ReportAdmin.readonly_fields)


@admin.register(MilestoneReport)
class MilestoneReportAdmin(ReportAdmin):
    list_display = ("milestone", "outcome", "completed_on", "expected_on", "bureau", "status")
    list_filter = ("status", "outcome", "bureau", "plan")
    list_select_related = ("milestone", "bureau")
    search_fields = ("milestone__description", "delay_reason", "narrative", "bureau__name")
    autocomplete_fields = ("milestone",)
    readonly_fields = ("task", *ReportAdmin.readonly_fields)


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ("original_name", "report", "mime_type", "size", "uploaded_by", "uploaded_at")
    list_filter = ("mime_type",)
    list_select_related = ("report", "uploaded_by")
    search_fields = ("original_name", "report__title")
    readonly_fields = ("report", "file", "size", "mime_type", "uploaded_by", "uploaded_at")


@admin.register(LatestTargetValue)
class LatestTargetValueAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: kept from the approved target reports (``actuals.refresh_latest_values``)."""

    list_display = ("target", "value", "as_of")
    list_filter = ("target__plan", "target__year")
    list_select_related = ("target",)
    search_fields = ("target__indicator", "target__code")
