import django_filters
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.tracking import status as dates
from jiyuan_portal.tracking.models import Bureau, Town
from jiyuan_portal.views.filters import search_filter, status_filter

from .models import Complaint


class ComplaintFilterSet(django_filters.FilterSet):
    q = search_filter("number", "address", "description")
    status = status_filter(Complaint.Status.choices)
    kind = django_filters.ChoiceFilter(
        choices=Complaint.Kind.choices, label=_("kind of problem"), empty_label=_("all")
    )
    source = django_filters.ChoiceFilter(
        choices=Complaint.Source.choices, label=_("received through"), empty_label=_("all")
    )
    town = django_filters.ModelChoiceFilter(queryset=Town.objects.all(), label=_("town"))
    bureau = django_filters.ModelChoiceFilter(
        queryset=Bureau.objects.all(), label=_("responsible bureau")
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        label=_("past its deadline"),
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = Complaint
        fields = ("q", "status", "kind", "source", "town", "bureau", "overdue")

    def filter_overdue(self, queryset, name, value):
        overdue = Complaint.objects.overdue(dates.today()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)
