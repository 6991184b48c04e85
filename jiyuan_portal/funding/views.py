from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting import permissions
from jiyuan_portal.reporting.page_cache import CachedContentMixin
from jiyuan_portal.views.generic import ObjectListView

from . import ledger
from .filtersets import EntitlementFilterSet
from .models import Entitlement
from .tables import EntitlementTable


class EntitlementListView(CachedContentMixin, ObjectListView):
    """The 奖补 ledger: what the notice's money rules commit to approved records, with the
    sums of the filtered rows by year, town, plan, rule and bureau; exportable."""

    required = staticmethod(permissions.can_see_ledger)
    queryset = Entitlement.objects.select_related("rule__plan", "record", "bureau", "town")
    table = EntitlementTable
    filterset = EntitlementFilterSet
    title = _("Award and subsidy ledger (奖补台账)")
    template_name = "funding/ledger.html"

    def get_queryset(self):
        queryset = super().get_queryset()
        if not self.request.GET.get("status"):
            queryset = queryset.in_ledger()
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export():
            context["breakdowns"] = ledger.breakdowns(self.filterset.qs)
        return context
