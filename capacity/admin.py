from django.contrib import admin

from jiyuan_portal.tracking.admin import ReviewableAdmin, TaskAdminBase

from .models import CapacityExit, CapacityTask


@admin.register(CapacityTask)
class CapacityTaskAdmin(TaskAdminBase):
    list_filter = ("section", "assignments__bureau")


@admin.register(CapacityExit)
class CapacityExitAdmin(ReviewableAdmin):
    list_display = ("name", "subject", "industry", "capacity_removed", "capacity_unit", "exited_on")
    list_filter = ("status", "bureau", "industry", "subject", "town", "exited_on")
    search_fields = ("name", "equipment_removed", "notes")
    date_hierarchy = "exited_on"
