from django.contrib import admin

from jiyuan_portal.tracking.admin import ReviewableAdmin

from .models import GreenRecognition


@admin.register(GreenRecognition)
class GreenRecognitionAdmin(ReviewableAdmin):
    list_display = ("name", "kind", "level", "recognized_on")
    list_filter = ("status", "bureau", "kind", "level", "recognized_on")
    search_fields = ("name", "notes")
    date_hierarchy = "recognized_on"
