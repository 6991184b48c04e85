from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Complaint, ComplaintPhoto


class ComplaintPhotoInline(admin.TabularInline):
    model = ComplaintPhoto
    fields = ("original_name", "mime_type", "size", "uploaded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Complaint)
class ComplaintAdmin(SimpleHistoryAdmin):
    """Cases are handled on their pages (/complaints/); the admin corrects what was
    entered wrongly. The reporter's query code is never shown: only its hash is kept."""

    list_display = ("number", "received_at", "kind", "source", "town", "bureau", "due_on", "status")
    list_filter = ("status", "kind", "source", "bureau", "town")
    list_select_related = ("town", "bureau")
    search_fields = ("number", "address", "description")
    date_hierarchy = "received_at"
    readonly_fields = ("number", "received_at", "entered_by", "closed_at", "closed_by")
    raw_id_fields = ("task",)
    inlines = [ComplaintPhotoInline]
