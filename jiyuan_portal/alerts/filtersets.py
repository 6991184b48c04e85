import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting.forms import DATE_INPUT
from jiyuan_portal.tracking.models import Bureau, Plan

from .models import Alert, AlertBureau


class AlertFilterSet(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("state"),
        method="filter_state",
        choices=Alert.State.choices,
        empty_label=_("all"),
    )
    explanation = django_filters.ChoiceFilter(
        label=_("explanation"),
        method="filter_explanation",
        choices=[("missing", _("missing")), ("received", _("received"))],
        empty_label=_("all"),
    )
    plan = django_filters.ModelChoiceFilter(queryset=Plan.objects.all(), label=_("plan"))
    bureau = django_filters.ModelChoiceFilter(
        queryset=Bureau.objects.all(), label=_("lead bureau"), method="filter_bureau"
    )
    year = django_filters.NumberFilter(field_name="due_date__year", label=_("year"))
    flagged = django_filters.DateFilter(
        field_name="flagged_at", lookup_expr="date", label=_("flagged on"), widget=DATE_INPUT
    )

    class Meta:
        model = Alert
        fields = ("state", "kind", "step", "explanation", "plan", "bureau", "year", "flagged")

    def filter_state(self, queryset, name, value):
        return queryset.in_state(value)

    def filter_explanation(self, queryset, name, value):
        return queryset.filter(has_explanation=(value == "received"))

    def filter_bureau(self, queryset, name, value):
        leads = AlertBureau.objects.filter(bureau=value, role=AlertBureau.Role.LEAD)
        return queryset.filter(Q(pk__in=leads.values("alert_id")))
