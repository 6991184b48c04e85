from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.utils.admin import ReadOnlyAdminMixin

from .explain import explain
from .models import Entitlement


@admin.register(Entitlement)
class EntitlementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Computed from the rules and the approved records; change a rule to change them."""

    list_display = ("record", "rule", "year", "bureau", "town", "status", "amount", "arithmetic")
    list_filter = ("status", "year", "plan", "rule")
    list_select_related = ("record", "rule", "bureau", "town")
    search_fields = ("record__title", "rule__name")

    @admin.display(description=_("how it is computed"))
    def arithmetic(self, obj):
        return explain(obj)
