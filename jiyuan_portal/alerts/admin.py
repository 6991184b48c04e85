from django.contrib import admin

from .models import Alert


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ("kind", "milestone", "bureau", "created_at", "read_at")
    list_filter = ("kind", "bureau")
    search_fields = ("milestone__description", "bureau__name")
    list_select_related = ("milestone", "bureau")
