from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import InnovationEnterprise, InnovationTeam, ResearchPlatform


@admin.register(InnovationEnterprise)
class InnovationEnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "certified_on", "valid_until")
    list_filter = ("kind", "certified_on")
    search_fields = ("name", "notes")


@admin.register(ResearchPlatform)
class ResearchPlatformAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "level", "host", "recognized_on")
    list_filter = ("kind", "level")
    search_fields = ("name", "host", "notes")


@admin.register(InnovationTeam)
class InnovationTeamAdmin(SimpleHistoryAdmin):
    list_display = ("name", "leader", "host", "is_high_level", "recognized_on")
    list_filter = ("is_high_level",)
    search_fields = ("name", "leader", "host", "notes")
