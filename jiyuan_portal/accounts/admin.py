from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Bureau"), {"fields": ("bureau",)}),
    )
    list_display = ("username", "first_name", "bureau", "is_staff", "is_active")
    list_select_related = ("bureau",)
    list_filter = ("groups", "bureau", "is_staff", "is_active")
    search_fields = ("username", "first_name", "last_name", "email", "bureau__name")
