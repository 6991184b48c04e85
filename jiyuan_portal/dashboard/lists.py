"""The cross-plan lists of milestones and targets, with their status computed in the
database as of the portal's today (``tracking.status``), so that they filter, sort and
count by it; the cockpit's numbers link here with their filters in the query string."""

from django.db.models import Prefetch

from jiyuan_portal.reporting import permissions
from jiyuan_portal.reporting.actuals import with_progress
from jiyuan_portal.reporting.page_cache import CachedContentMixin
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Milestone, Target, TaskBureau
from jiyuan_portal.views.generic import ObjectListView

from .filtersets import MilestoneFilterSet, TargetFilterSet
from .tables import MilestoneTable, TargetTable

TASK_ASSIGNMENTS = Prefetch(
    "task__assignments", queryset=TaskBureau.objects.select_related("bureau").order_by("order")
)


class MilestoneListView(CachedContentMixin, ObjectListView):
    required = staticmethod(permissions.signed_in)
    queryset = Milestone.objects.select_related("plan", "task").prefetch_related(TASK_ASSIGNMENTS)
    table = MilestoneTable
    filterset = MilestoneFilterSet

    def get_queryset(self):
        return super().get_queryset().with_status(status.today())


class TargetListView(CachedContentMixin, ObjectListView):
    required = staticmethod(permissions.signed_in)
    queryset = Target.objects.select_related("plan", "task__plan").prefetch_related(
        TASK_ASSIGNMENTS
    )
    table = TargetTable
    filterset = TargetFilterSet
    extra_context = {"rule_sentence": status.target_rule_sentence}

    def get_queryset(self):
        return with_progress(super().get_queryset(), status.today())
