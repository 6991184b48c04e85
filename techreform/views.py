"""The town table as a list of its own: every town's yearly targets against the approved
reform projects recorded for it, sortable, searchable and exported like every list."""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_tables2 import SingleTableMixin

from jiyuan_portal.reporting import permissions
from jiyuan_portal.reporting.page_cache import CachedContentMixin
from jiyuan_portal.tracking import status
from jiyuan_portal.views.generic import PermissionGate, TableExportMixin

from .tables import TownTable
from .town_table.progress import lagging_rule, latest_year, town_progress


class TownFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    year = forms.IntegerField(label=_("year"), required=False, min_value=2000, max_value=2100)


class TownListView(
    CachedContentMixin, PermissionGate, TableExportMixin, SingleTableMixin, TemplateView
):
    required = staticmethod(permissions.signed_in)
    template_name = "generic/object_list.html"
    table_class = TownTable
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.form = TownFilterForm(request.GET or None)
        self.filters = self.form.cleaned_data if self.form.is_valid() else {}
        return super().get(request, *args, **kwargs)

    @cached_property
    def year(self):
        return self.filters.get("year") or latest_year()

    def get_title(self):
        return _("Towns' technical-reform targets, %(year)s") % {"year": self.year}

    def get_table_data(self):
        query = self.filters.get("q", "")
        return [
            row
            for row in self.progress.rows
            if not query or query in row.town.name or query in row.town.full_name
        ]

    @cached_property
    def progress(self):
        return town_progress(self.year)

    def get_table_kwargs(self):
        return {"on": status.today()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.form
        context["rule_sentence"] = lagging_rule(self.year, status.today())
        return context
