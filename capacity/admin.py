from django.contrib import admin

from jiyuan_portal.reporting.admin import ReportAdmin
from jiyuan_portal.tracking.admin import TaskAdminBase

from .models import CapacityExit, CapacityTask, MissedExit


@admin.register(CapacityTask)
class CapacityTaskAdmin(TaskAdminBase):
    list_filter = ("section", "assignments__bureau")


@admin.register(CapacityExit)
class CapacityExitAdmin(ReportAdmin):
    list_display = ("name", "subject", "industry", "capacity_removed", "capacity_unit", "exited_on")
    list_filter = ("status", "bureau", "industry", "company", "subject", "town", "exited_on")
    search_fields = ("name", "equipment_removed", "notes")
    date_hierarchy = "exited_on"


@admin.register(MissedExit)
class MissedExitAdmin(ReportAdmin):
    list_display = ("name", "industry", "town", "due_on", "exited_on")
    list_select_related = ("bureau", "plan", "town")
    list_filter = ("status", "bureau", "industry", "town", "due_on")
    search_fields = ("name", "sanctions", "notes")
    date_hierarchy = "due_on"
