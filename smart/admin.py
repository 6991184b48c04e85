from django.contrib import admin

from jiyuan_portal.reporting.admin import ReportAdmin

from .models import SmartRecognition


@admin.register(SmartRecognition)
class SmartRecognitionAdmin(ReportAdmin):
    list_display = ("enterprise", "kind", "level", "recognized_on")
    list_filter = ("status", "bureau", "kind", "level", "recognized_on")
    search_fields = ("enterprise", "notes")
    date_hierarchy = "recognized_on"
