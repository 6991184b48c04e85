import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.tracking.models import Bureau, Plan, Task
from jiyuan_portal.views.filters import search_filter, status_filter

from .kinds import all_kinds, get_kind
from .models import Report
from .states import ReviewStatus


def kind_choices():
    return [(kind.slug, kind.verbose_name) for kind in all_kinds()]


class ReportFilterSet(django_filters.FilterSet):
    q = search_filter("title", "task__title")
    plan = django_filters.ModelChoiceFilter(queryset=Plan.objects.all(), label=_("plan"))
    bureau = django_filters.ModelChoiceFilter(
        queryset=Bureau.objects.all(), label=_("reporting bureau")
    )
    status = status_filter(ReviewStatus.choices)
    year = django_filters.NumberFilter(method="filter_year", label=_("year"))
    kind = django_filters.ChoiceFilter(
        choices=kind_choices, method="filter_kind", label=_("kind"), empty_label=_("all")
    )
    # The reports on one task, from the task page's link: hidden, as a choice among every
    # task would put them all into the page.
    task = django_filters.ModelChoiceFilter(
        queryset=Task.objects.all(), label=_("task"), widget=forms.HiddenInput
    )

    class Meta:
        model = Report
        fields = ("q", "plan", "bureau", "status", "year", "kind", "task")

    def filter_year(self, queryset, name, value):
        """The year it was submitted in; a draft's, the year it was written in."""
        return queryset.filter(
            Q(submitted_at__year=value) | Q(submitted_at__isnull=True, created_at__year=value)
        )

    def filter_kind(self, queryset, name, value):
        model = get_kind(value).model
        return queryset.filter(content_type=ContentType.objects.get_for_model(model))
