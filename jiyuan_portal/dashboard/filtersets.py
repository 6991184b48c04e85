import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.tracking.models import Bureau, Plan, Task


class TaskFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    plan = django_filters.ModelChoiceFilter(queryset=Plan.objects.all(), label=_("plan"))
    bureau = django_filters.ModelChoiceFilter(
        queryset=Bureau.objects.all(),
        field_name="assignments__bureau",
        label=_("bureau"),
        distinct=True,
    )

    class Meta:
        model = Task
        fields = ("q", "plan", "section", "bureau")

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(text__icontains=value))


class BureauFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))

    class Meta:
        model = Bureau
        fields = ("q", "kind")

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(aliases__name__icontains=value)
        ).distinct()
