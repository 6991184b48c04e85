"""Filters of the API's lists (django-filter), as the web lists have them."""

from django_filters import rest_framework as filters

from jiyuan_portal.alerts.models import Alert
from jiyuan_portal.reporting.kinds import all_kinds
from jiyuan_portal.reporting.models import Report
from jiyuan_portal.reporting.states import ReviewStatus
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Bureau, Milestone, Target, Task


class TaskFilterSet(filters.FilterSet):
    plan = filters.CharFilter(field_name="plan__code")
    bureau = filters.ModelChoiceFilter(
        field_name="assignments__bureau", queryset=Bureau.objects.all(), distinct=True
    )
    lead = filters.NumberFilter(method="filter_lead", label="lead bureau")

    class Meta:
        model = Task
        fields = ("plan", "section", "number", "bureau", "lead")

    def filter_lead(self, queryset, name, value: int):
        return queryset.filter(assignments__bureau=value, assignments__role="lead").distinct()


class MilestoneFilterSet(filters.FilterSet):
    plan = filters.CharFilter(field_name="plan__code")
    status = filters.ChoiceFilter(field_name="status_code", choices=status.MilestoneStatus.choices)

    class Meta:
        model = Milestone
        fields = ("plan", "task", "recurrence", "status")


class TargetFilterSet(filters.FilterSet):
    plan = filters.CharFilter(field_name="plan__code")
    status = filters.ChoiceFilter(field_name="status_code", choices=status.TargetStatus.choices)

    class Meta:
        model = Target
        fields = ("plan", "task", "year", "kind", "status")


class AlertFilterSet(filters.FilterSet):
    plan = filters.CharFilter(field_name="plan__code")
    state = filters.ChoiceFilter(choices=Alert.State.choices, method="filter_state")
    bureau = filters.ModelChoiceFilter(
        field_name="bureau_links__bureau", queryset=Bureau.objects.all(), distinct=True
    )

    class Meta:
        model = Alert
        fields = ("plan", "kind", "step", "period", "state", "bureau")

    def filter_state(self, queryset, name, value):
        return queryset.in_state(value)


class ReportFilterSet(filters.FilterSet):
    plan = filters.CharFilter(field_name="plan__code")
    status = filters.ChoiceFilter(choices=ReviewStatus.choices)
    kind = filters.ChoiceFilter(
        choices=lambda: [(k.slug, str(k.verbose_name)) for k in all_kinds()], method="filter_kind"
    )

    class Meta:
        model = Report
        fields = ("plan", "task", "bureau", "status", "kind")

    def filter_kind(self, queryset, name, value: str):
        from django.contrib.contenttypes.models import ContentType

        from jiyuan_portal.reporting.kinds import get_kind

        return queryset.filter(
            content_type=ContentType.objects.get_for_model(get_kind(value).model)
        )
