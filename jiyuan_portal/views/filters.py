"""Filters every list's filter set is made of: the search box and the status choice."""

import functools
import operator

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def search_filter(*fields) -> django_filters.CharFilter:
    """The search box ``q``: rows where any of ``fields`` contains the words typed."""

    def search(queryset, name, value):
        return queryset.filter(
            functools.reduce(
                operator.or_, (Q(**{f"{field}__icontains": value}) for field in fields)
            )
        )

    return django_filters.CharFilter(method=search, label=_("Search"))


def status_filter(choices, field_name="status") -> django_filters.ChoiceFilter:
    """A status to choose, or all (the empty choice)."""
    return django_filters.ChoiceFilter(
        choices=choices, field_name=field_name, label=_("status"), empty_label=_("all")
    )
