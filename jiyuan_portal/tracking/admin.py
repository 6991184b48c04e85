from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Alert,
    Bureau,
    BureauAlias,
    Evidence,
    Milestone,
    MilestoneReport,
    Notice,
    Plan,
    Target,
    TargetReport,
    Task,
    TaskBureau,
    Town,
    TownAlias,
)


class TaskBureauInline(admin.TabularInline):
    model = TaskBureau
    extra = 0
    autocomplete_fields = ("bureau",)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("order", "due_phrase", "due_date", "recurrence", "description", "completed_on")


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ("code", "year", "indicator", "kind", "value", "unit", "bound")


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "issuer", "issued_on")
    list_filter = ("issuer",)
    search_fields = ("number", "title")


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("order", "short_name", "title", "code", "notice")
    list_display_links = ("short_name",)
    list_filter = ("notice",)
    search_fields = ("title", "short_name")
    inlines = (TargetInline,)


class TaskAdminBase(SimpleHistoryAdmin):
    """Shared by the plan apps' own task admins (capacity, techreform)."""

    list_display = ("number", "title", "plan", "section")
    list_filter = ("plan", "section", "assignments__bureau")
    search_fields = ("number", "title", "text")
    ordering = ("plan__order", "order")
    inlines = (TaskBureauInline, MilestoneInline)


@admin.register(Task)
class TaskAdmin(TaskAdminBase):
    pass


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ("task", "due_phrase", "due_date", "recurrence", "completed_on")
    list_filter = ("task__plan", "recurrence", "due_date")
    search_fields = ("description", "due_phrase", "task__title")
    autocomplete_fields = ("task",)
    date_hierarchy = "due_date"


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ("plan", "year", "indicator", "value", "unit", "bound", "task")
    list_filter = ("plan", "year", "kind", "bound")
    search_fields = ("indicator", "clause", "code")
    autocomplete_fields = ("task",)


class BureauAliasInline(admin.TabularInline):
    model = BureauAlias
    extra = 0


@admin.register(Bureau)
class BureauAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "order")
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "aliases__name")
    inlines = (BureauAliasInline,)


@admin.register(BureauAlias)
class BureauAliasAdmin(admin.ModelAdmin):
    list_display = ("name", "bureau")
    list_filter = ("bureau__kind",)
    search_fields = ("name", "bureau__name")


class TownAliasInline(admin.TabularInline):
    model = TownAlias
    extra = 0


@admin.register(Town)
class TownAdmin(admin.ModelAdmin):
    list_display = ("order", "name", "full_name", "kind")
    list_display_links = ("name",)
    list_filter = ("kind",)
    search_fields = ("name", "full_name", "aliases__name")
    inlines = (TownAliasInline,)


@admin.register(TownAlias)
class TownAliasAdmin(admin.ModelAdmin):
    list_display = ("name", "town")
    list_filter = ("town__kind",)
    search_fields = ("name", "town__name")


@admin.register(TaskBureau)
class TaskBureauAdmin(admin.ModelAdmin):
    list_display = ("task", "bureau", "role", "name_as_written")
    list_filter = ("role", "task__plan", "bureau")
    search_fields = ("task__title", "bureau__name", "name_as_written")


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ("kind", "milestone", "bureau", "created_at", "read_at")
    list_filter = ("kind", "bureau")
    search_fields = ("milestone__description", "bureau__name")


class ReviewableAdmin(SimpleHistoryAdmin):
    """Shared by every kind of reported progress: filter by review state and bureau."""

    list_filter = ("status", "bureau")
    readonly_fields = (
        "version",
        "created_by",
        "created_at",
        "updated_at",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
    )
    date_hierarchy = "created_at"


@admin.register(TargetReport)
class TargetReportAdmin(ReviewableAdmin):
    list_display = ("target", "value", "as_of", "bureau", "status", "submitted_at")
    list_filter = ("status", "bureau", "target__plan")
    search_fields = ("target__indicator", "narrative", "bureau__name")
    autocomplete_fields = ("target",)


@admin.register(MilestoneReport)
class MilestoneReportAdmin(ReviewableAdmin):
    list_display = ("milestone", "outcome", "completed_on", "expected_on", "bureau", "status")
    list_filter = ("status", "outcome", "bureau", "milestone__task__plan")
    search_fields = ("milestone__description", "delay_reason", "narrative", "bureau__name")
    autocomplete_fields = ("milestone",)


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = (
        "original_name",
        "content_type",
        "object_id",
        "mime_type",
        "size",
        "uploaded_by",
        "uploaded_at",
    )
    list_filter = ("mime_type", "content_type")
    search_fields = ("original_name",)
    readonly_fields = ("file", "size", "mime_type", "uploaded_by", "uploaded_at")
