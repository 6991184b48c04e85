import django_filters
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.tracking.models import AwardRule, Bureau, Plan, Town

from .models import Entitlement


class EntitlementFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("year"))
    plan = django_filters.ModelChoiceFilter(queryset=Plan.objects.all(), label=_("plan"))
    rule = django_filters.ModelChoiceFilter(
        queryset=AwardRule.objects.select_related("plan"), label=_("rule")
    )
    bureau = django_filters.ModelChoiceFilter(queryset=Bureau.objects.all(), label=_("bureau"))
    town = django_filters.ModelChoiceFilter(queryset=Town.objects.all(), label=_("town"))
    status = django_filters.ChoiceFilter(
        choices=Entitlement.Status.choices, label=_("status"), empty_label=_("in the ledger")
    )

    class Meta:
        model = Entitlement
        fields = ("year", "plan", "rule", "bureau", "town", "status")
