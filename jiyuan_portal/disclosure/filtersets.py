import django_filters
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting.models import Report
from jiyuan_portal.tracking.models import Plan, Target
from jiyuan_portal.views.filters import search_filter

from .publishing import public_registries

PUBLISHED_CHOICES = (("yes", _("published")), ("no", _("not published")))


def published_filter() -> django_filters.ChoiceFilter:
    """Published or not (the rows carry ``is_published``)."""

    def filter_published(queryset, name, value):
        return queryset.filter(is_published=value == "yes")

    return django_filters.ChoiceFilter(
        choices=PUBLISHED_CHOICES,
        method=filter_published,
        label=_("published"),
        empty_label=_("all"),
    )


def registry_choices():
    return [
        (kind.pk, kind.model_class()._meta.verbose_name_plural)
        for kind in ContentType.objects.get_for_models(*public_registries()).values()
    ]


class PublishableRecordFilterSet(django_filters.FilterSet):
    q = search_filter("title")
    kind = django_filters.ChoiceFilter(
        choices=registry_choices, field_name="content_type", label=_("kind"), empty_label=_("all")
    )
    published = published_filter()

    class Meta:
        model = Report
        fields = ("q", "kind", "published")


class PublishableTargetFilterSet(django_filters.FilterSet):
    q = search_filter("indicator")
    plan = django_filters.ModelChoiceFilter(queryset=Plan.objects.all(), label=_("plan"))
    year = django_filters.NumberFilter(label=_("year"))
    published = published_filter()

    class Meta:
        model = Target
        fields = ("q", "plan", "year", "published")
