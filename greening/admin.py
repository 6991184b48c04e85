from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import GreenRecognition


@admin.register(GreenRecognition)
class GreenRecognitionAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "level", "recognized_on")
    list_filter = ("kind", "level", "recognized_on")
    search_fields = ("name", "notes")
    date_hierarchy = "recognized_on"
