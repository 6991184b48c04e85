import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.alerts.lights import task_lights
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Bureau, Milestone, Plan, Target, Task, TaskBureau
from jiyuan_portal.views.filters import search_filter, status_filter


def responsible_bureau_filter(label, field_name="task"):
    """Rows whose task ``bureau`` leads or shares (one subquery, no duplicate rows)."""

    def narrow(queryset, name, value):
        tasks = TaskBureau.objects.filter(bureau=value).values("task_id")
        return queryset.filter(**{f"{field_name}__in": tasks})

    return django_filters.ModelChoiceFilter(
        queryset=Bureau.objects.all(), label=label, method=narrow
    )


def lead_bureau_filter(label, field_name="task"):
    """Rows whose task ``bureau`` leads."""

    def narrow(queryset, name, value):
        tasks = TaskBureau.objects.filter(bureau=value, role=TaskBureau.Role.LEAD).values("task_id")
        return queryset.filter(**{f"{field_name}__in": tasks})

    return django_filters.ModelChoiceFilter(
        queryset=Bureau.objects.all(), label=label, method=narrow
    )


def sharing_bureau_filter(label, field_name="task"):
    """Rows whose task ``bureau`` shares (配合) without leading it."""

    def narrow(queryset, name, value):
        tasks = (
            TaskBureau.objects.filter(bureau=value)
            .exclude(role=TaskBureau.Role.LEAD)
            .values("task_id")
        )
        return queryset.filter(**{f"{field_name}__in": tasks})

    return django_filters.ModelChoiceFilter(
        queryset=Bureau.objects.all(), label=label, method=narrow
    )


class TaskFilterSet(django_filters.FilterSet):
    q = search_filter("title", "text")
    plan = django_filters.ModelChoiceFilter(queryset=Plan.objects.all(), label=_("plan"))
    bureau = django_filters.ModelChoiceFilter(
        queryset=Bureau.objects.all(),
        field_name="assignments__bureau",
        label=_("bureau"),
        distinct=True,
    )
    lead = lead_bureau_filter(_("lead bureau"), field_name="pk")
    shared = sharing_bureau_filter(_("co-responsible bureau"), field_name="pk")
    light = django_filters.ChoiceFilter(
        choices=status.Light.choices,
        method="filter_light",
        label=_("light"),
        empty_label=_("all"),
    )

    class Meta:
        model = Task
        fields = ("q", "plan", "section", "bureau", "lead", "shared", "light")

    def filter_light(self, queryset, name, value):
        """A task without any counts is green, so green is everything not red or yellow."""
        coloured = {pk: counts.light for pk, counts in task_lights().items()}
        if value == status.Light.GREEN:
            not_green = [pk for pk, light in coloured.items() if light != status.Light.GREEN]
            return queryset.exclude(pk__in=not_green)
        return queryset.filter(pk__in=[pk for pk, light in coloured.items() if light == value])


class BureauFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))

    class Meta:
        model = Bureau
        fields = ("q", "kind")

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(aliases__name__icontains=value)
        ).distinct()


class MilestoneFilterSet(django_filters.FilterSet):
    q = search_filter("description", "due_phrase", "task__title")
    plan = django_filters.ModelChoiceFilter(
        queryset=Plan.objects.all(), field_name="plan", label=_("plan")
    )
    bureau = responsible_bureau_filter(_("bureau"))
    lead = lead_bureau_filter(_("lead bureau"))
    year = django_filters.NumberFilter(field_name="due_date__year", label=_("year"))
    status = status_filter(status.MilestoneStatus.choices, "status_code")

    class Meta:
        model = Milestone
        fields = ("q", "plan", "bureau", "lead", "year", "status")


class TargetFilterSet(django_filters.FilterSet):
    q = search_filter("indicator", "clause", "task__title")
    plan = django_filters.ModelChoiceFilter(queryset=Plan.objects.all(), label=_("plan"))
    bureau = responsible_bureau_filter(_("bureau"))
    lead = lead_bureau_filter(_("lead bureau"))
    year = django_filters.NumberFilter(field_name="year", label=_("year"))
    status = status_filter(status.TargetStatus.choices, "status_code")

    class Meta:
        model = Target
        fields = ("q", "plan", "bureau", "lead", "year", "status")
