"""The few generic views every page of the portal is built from (NetBox's pattern).

A list view declares ``queryset``, ``table``, ``filterset`` and nothing else; pagination,
ordering and filtering happen here once. Every view requires login (the project's
LoginRequiredMiddleware); views that need more declare it with ``permission_required``.
"""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import DetailView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin


class PortalPermissionMixin(PermissionRequiredMixin):
    """``permission_required = None`` means: any signed-in user may see the page."""

    permission_required = None

    def has_permission(self):
        if self.permission_required is None:
            return self.request.user.is_authenticated
        return super().has_permission()


class ObjectListView(PortalPermissionMixin, SingleTableMixin, FilterView):
    template_name = "generic/object_list.html"
    paginate_by = 50
    title = ""

    def get_table_class(self):
        return self.table

    def get_filterset_class(self):
        return self.filterset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title or self.model._meta.verbose_name_plural
        return context

    @property
    def model(self):
        return self.queryset.model


class ObjectDetailView(PortalPermissionMixin, DetailView):
    pass
