"""The few generic views every page of the portal is built from (NetBox's pattern).

Every view passes one gate, ``PermissionGate``: it must declare ``required``, the rule of
``jiyuan_portal.reporting.permissions`` a user must meet to use it at all, and its
``get_queryset()`` is narrowed to the rows the user may reach (``visible_to(user)``, or
``editable_by(user)`` for views that change), so a guessed URL finds nothing it should
not. Anonymous users never get this far: Django's ``LoginRequiredMiddleware`` sends them
to the login page.

A list view declares ``queryset``, ``table``, ``filterset`` and ``required``; pagination,
ordering, filtering and the export of the filtered rows (``?<filters>&_export=xlsx``)
happen here once.
"""

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils import timezone
from django.views.generic import DetailView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from .exports import FORMATS, PortalTableExport


class PermissionGate:
    """Declare ``required`` (a function of the user); ``action`` is "view" or "change"."""

    required = None
    action = "view"

    def dispatch(self, request, *args, **kwargs):
        # A wrong method is answered 405 before anything about the user is revealed.
        if request.method.lower() not in self.http_method_names or not hasattr(
            self, request.method.lower()
        ):
            return self.http_method_not_allowed(request, *args, **kwargs)
        rule = type(self).required
        if rule is None:
            raise ImproperlyConfigured(f"{type(self).__name__} must declare `required`.")
        if not rule(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def restrict(self, queryset, action=None):
        """Narrow ``queryset`` to what the user may see, or change with ``action="change"``."""
        if (action or self.action) == "change":
            return queryset.editable_by(self.request.user)
        return queryset.visible_to(self.request.user)

    def get_queryset(self):
        generic = getattr(super(), "get_queryset", None)  # ListView's and DetailView's
        return self.restrict(generic() if generic else self.queryset.all())


class TableExportMixin(ExportMixin):
    """``?_export=xlsx`` (or ``csv``) answers the table's rows as a file instead of the page:
    every row the page's filters keep, not only the page shown, in the page's order. The
    file is named after the list's title and the day it was made."""

    export_class = PortalTableExport
    export_formats = FORMATS
    title = ""

    def get_title(self):
        return self.title or self.model._meta.verbose_name_plural

    def is_export(self) -> bool:
        return self.request.GET.get(self.export_trigger_param) in self.export_formats

    def get_table_pagination(self, table):
        return False if self.is_export() else super().get_table_pagination(table)

    def get_export_filename(self, export_format):
        return f"{self.get_title()}_{timezone.localdate().isoformat()}.{export_format}"

    def get_dataset_kwargs(self):
        return {"title": str(self.get_title())}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.get_title()
        context["export_formats"] = self.export_formats
        return context


class ObjectListView(PermissionGate, TableExportMixin, SingleTableMixin, FilterView):
    template_name = "generic/object_list.html"
    paginate_by = 50

    def get_table_class(self):
        return self.table

    def get_filterset_class(self):
        return self.filterset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filterset.form
        return context

    @property
    def model(self):
        return self.queryset.model


class ObjectDetailView(PermissionGate, DetailView):
    pass
