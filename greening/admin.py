from django.contrib import admin

from jiyuan_portal.reporting.admin import ReportAdmin

from .models import EnergyInspection, GreenDemonstrationProject, GreenRecognition, RecyclingPark


@admin.register(GreenRecognition)
class GreenRecognitionAdmin(ReportAdmin):
    list_display = ("name", "kind", "level", "recognized_on")
    list_filter = ("status", "bureau", "kind", "level", "recognized_on")
    search_fields = ("name", "notes")
    date_hierarchy = "recognized_on"


@admin.register(RecyclingPark)
class RecyclingParkAdmin(ReportAdmin):
    list_display = ("name", "town", "stage", "started_on", "completed_on")
    list_filter = ("status", "bureau", "stage")
    list_select_related = ("town",)
    search_fields = ("name", "notes")


@admin.register(EnergyInspection)
class EnergyInspectionAdmin(ReportAdmin):
    list_display = ("enterprise", "industry", "inspected_on")
    list_filter = ("status", "bureau", "industry", "inspected_on")
    search_fields = ("enterprise", "finding", "notes")
    date_hierarchy = "inspected_on"


@admin.register(GreenDemonstrationProject)
class GreenDemonstrationProjectAdmin(ReportAdmin):
    list_display = ("name", "enterprise", "kind", "new_investment", "energy_saved", "completed_on")
    list_filter = ("status", "bureau", "kind")
    search_fields = ("name", "enterprise", "notes")
