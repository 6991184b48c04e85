from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import NoticeDraft


@admin.register(NoticeDraft)
class NoticeDraftAdmin(SimpleHistoryAdmin):
    """Drafts are reviewed on the portal's pages (方案草拟); here they are listed and can be
    deleted."""

    list_display = ("__str__", "status", "created_by", "created_at", "published_at")
    list_filter = ("status",)
    list_select_related = ("created_by",)
    readonly_fields = ("status", "notice", "published_by", "published_at", "created_by")
    fields = ("source_name", "status", "notice", "created_by", "published_by", "published_at")

    def has_add_permission(self, request):
        return False
