"""Counts for the home page, in a fixed number of queries however much data there is."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from jiyuan_portal.tracking.models import Milestone, Plan, Target
from jiyuan_portal.tracking.status import MilestoneStatus


@dataclass
class PlanSummary:
    plan: Plan
    task_count: int
    target_count: int
    milestones: Counter = field(default_factory=Counter)

    @property
    def milestone_count(self) -> int:
        return sum(self.milestones.values())

    @property
    def milestone_statuses(self) -> list[tuple[MilestoneStatus, int]]:
        return [
            (status, self.milestones[status])
            for status in MilestoneStatus
            if self.milestones[status]
        ]


def plan_summaries(on=None) -> list[PlanSummary]:
    plans = Plan.objects.annotate(task_count=Count("tasks")).order_by("order")
    target_counts = dict(
        Target.objects.values_list("plan_id").annotate(n=Count("id")).values_list("plan_id", "n")
    )
    summaries = {
        plan.pk: PlanSummary(plan, plan.task_count, target_counts.get(plan.pk, 0)) for plan in plans
    }
    for plan_id, status_code, n in (
        Milestone.objects.with_status(on)
        .values_list("task__plan_id", "status_code")
        .annotate(n=Count("id"))
        .values_list("task__plan_id", "status_code", "n")
    ):
        summaries[plan_id].milestones[MilestoneStatus(status_code)] += n
    return list(summaries.values())
