from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from jiyuan_portal.utils.admin import ReadOnlyAdminMixin

from .models import (
    AwardRule,
    Bureau,
    BureauAlias,
    DataVersion,
    Denominator,
    Milestone,
    Notice,
    Plan,
    Target,
    Task,
    TaskBureau,
    Town,
    TownAlias,
)
from .models.awards import registry_choices


class TaskBureauInline(admin.TabularInline):
    """The task's bureaus. Where the notice names nobody, an admin assigns one here
    (recorded as assigned by an admin, and kept when the plans are reloaded)."""

    model = TaskBureau
    extra = 0
    fields = ("bureau", "role", "order", "name_as_written", "source")
    readonly_fields = ("source",)
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
    list_display = ("number", "title", "issuing_office", "issued_on", "index_number")
    list_filter = ("issuer",)
    search_fields = ("number", "title", "index_number")


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
    list_display = ("plan", "task", "due_phrase", "due_date", "recurrence", "completed_on")
    list_select_related = ("plan", "task")
    list_filter = ("plan", "recurrence", "due_date")
    search_fields = ("description", "due_phrase", "task__title")
    autocomplete_fields = ("task",)
    date_hierarchy = "due_date"


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ("plan", "year", "indicator", "value", "unit", "bound", "task")
    list_select_related = ("plan", "task")
    list_filter = ("plan", "year", "kind", "bound")
    search_fields = ("indicator", "clause", "code")
    autocomplete_fields = ("task",)


class BureauAliasInline(admin.TabularInline):
    model = BureauAlias
    extra = 0


class AwardRuleForm(forms.ModelForm):
    registry = forms.ChoiceField(label=_("applies to"), choices=registry_choices)

    class Meta:
        model = AwardRule
        fields = ("registry",)  # the admin's fieldsets add the rest


@admin.register(AwardRule)
class AwardRuleAdmin(SimpleHistoryAdmin):
    """The notice's money rules. Saving one recomputes what its records are entitled to."""

    form = AwardRuleForm
    list_display = ("name", "plan", "task", "registry", "method", "fixed_amount", "rate", "cap")
    list_filter = ("plan", "method")
    list_select_related = ("plan", "task")
    search_fields = ("name", "code", "clause")
    autocomplete_fields = ("task",)
    fieldsets = (
        (None, {"fields": ("plan", "task", "code", "order", "name", "clause")}),
        (_("What it pays for"), {"fields": ("registry", "conditions", "first_year", "year_field")}),
        (
            _("How much"),
            {
                "fields": (
                    "method",
                    "fixed_amount",
                    "rate",
                    "base_field",
                    "base_label",
                    "amount_note",
                )
            },
        ),
        (
            _("Limits"),
            {
                "fields": (
                    "threshold_field",
                    "threshold_label",
                    "threshold",
                    "cap",
                    "annual_cap",
                    "subject_field",
                    "duration_years",
                    "start_field",
                    "payable_field",
                )
            },
        ),
    )


@admin.register(Denominator)
class DenominatorAdmin(SimpleHistoryAdmin):
    """What share targets are counted against; an admin enters each figure with its source."""

    list_display = ("description", "plan", "value", "unit", "as_of", "source")
    list_filter = ("plan",)
    list_select_related = ("plan",)
    search_fields = ("description", "code", "source")


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


@admin.register(DataVersion)
class DataVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: when the plan data last changed (``tracking.data_version``); the cockpit
    and the lists are recomputed after each change."""

    list_display = ("number", "changed_at")
    list_filter = (("changed_at", admin.DateFieldListFilter),)
    search_fields = ("=number",)
