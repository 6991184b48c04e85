from django.contrib import admin

from jiyuan_portal.reporting.admin import ReportAdmin

from .models import GreenRecognition


@admin.register(GreenRecognition)
class GreenRecognitionAdmin(ReportAdmin):
    list_display = ("name", "kind", "level", "recognized_on")
    list_filter = ("status", "bureau", "kind", "level", "recognized_on")
    search_fields = ("name", "notes")
    date_hierarchy = "recognized_on"
