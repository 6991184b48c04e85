from django.contrib import admin

from jiyuan_portal.utils.admin import ReadOnlyAdminMixin

from .models import Publication


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Supervisors publish and withdraw on the publication pages (/publication/)."""

    list_display = ("__str__", "report", "target", "published_at", "published_by")
    list_select_related = ("report", "target", "published_by")
    date_hierarchy = "published_at"
