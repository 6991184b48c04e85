from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import SmartRecognition


@admin.register(SmartRecognition)
class SmartRecognitionAdmin(SimpleHistoryAdmin):
    list_display = ("enterprise", "kind", "level", "award", "recognized_on")
    list_filter = ("kind", "level", "recognized_on")
    search_fields = ("enterprise", "notes")
    date_hierarchy = "recognized_on"
