from django.contrib import admin

from jiyuan_portal.reporting.admin import ReportAdmin

from .models import InnovationEnterprise, InnovationTeam, MajorScienceProject, ResearchPlatform


@admin.register(InnovationEnterprise)
class InnovationEnterpriseAdmin(ReportAdmin):
    list_display = ("name", "kind", "level", "certified_on", "valid_until")
    list_filter = ("status", "bureau", "kind", "level", "certified_on")
    search_fields = ("name", "notes")


@admin.register(ResearchPlatform)
class ResearchPlatformAdmin(ReportAdmin):
    list_display = ("name", "kind", "level", "host", "recognized_on")
    list_filter = ("status", "bureau", "kind", "level")
    search_fields = ("name", "host", "notes")


@admin.register(InnovationTeam)
class InnovationTeamAdmin(ReportAdmin):
    list_display = ("name", "leader", "host", "is_high_level", "recognized_on")
    list_filter = ("status", "bureau", "is_high_level")
    search_fields = ("name", "leader", "host", "notes")


@admin.register(MajorScienceProject)
class MajorScienceProjectAdmin(ReportAdmin):
    list_display = ("name", "enterprise", "level", "approved_on", "funding")
    list_filter = ("status", "bureau", "level")
    search_fields = ("name", "enterprise", "notes")
    date_hierarchy = "approved_on"
