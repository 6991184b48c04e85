"""The supervisors' cockpit (the home page of supervisors and admins): where each plan
stands, the late items, the targets at risk, the bureaus' standing and what the plan apps
add (the technical-reform town table). Every figure is computed in the database, in a
fixed number of queries; every figure links to the filtered list behind it (``links``).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q

from jiyuan_portal.alerts.lights import LightCounts, plan_lights
from jiyuan_portal.alerts.models import Alert
from jiyuan_portal.reporting.actuals import with_progress
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Milestone, Plan, Target
from jiyuan_portal.tracking.status import MilestoneStatus, TargetStatus

from .links import list_url

# Statuses each plan's block counts, in the order shown.
MILESTONE_COLUMNS = (
    MilestoneStatus.DONE,
    MilestoneStatus.DONE_LATE,
    MilestoneStatus.OVERDUE,
    MilestoneStatus.DUE_SOON,
)
TARGET_COLUMNS = (
    TargetStatus.ACHIEVED,
    TargetStatus.ON_TRACK,
    TargetStatus.AT_RISK,
    TargetStatus.BEHIND,
)
# Targets at risk or behind shown on the cockpit; the full list is the target list's.
TARGETS_SHOWN = 10


@dataclass
class StatusCount:
    status: MilestoneStatus | TargetStatus
    count: int
    url: str

    @property
    def colour(self) -> str:
        return status.STATUS_COLOURS[self.status]


@dataclass
class PlanBlock:
    """One plan's state at a glance."""

    plan: Plan
    task_count: int = 0
    milestones: Counter = field(default_factory=Counter)
    targets: Counter = field(default_factory=Counter)
    light: LightCounts = field(default_factory=LightCounts)

    @property
    def milestone_counts(self) -> list[StatusCount]:
        return [
            StatusCount(s, self.milestones[s], self._url("dashboard:milestone_list", s))
            for s in MILESTONE_COLUMNS
        ]

    @property
    def target_counts(self) -> list[StatusCount]:
        return [
            StatusCount(s, self.targets[s], self._url("dashboard:target_list", s))
            for s in TARGET_COLUMNS
        ]

    def _url(self, name, state):
        return list_url(name, plan=self.plan.pk, status=state.value)

    @property
    def tasks_url(self) -> str:
        return list_url("dashboard:task_list", plan=self.plan.pk)

    @property
    def due_count(self) -> int:
        """Milestones due by today: completed (on time or late) or overdue."""
        return sum(
            self.milestones[s]
            for s in (MilestoneStatus.DONE, MilestoneStatus.DONE_LATE, MilestoneStatus.OVERDUE)
        )

    @property
    def completed_percent(self) -> int | None:
        """Per cent of the milestones due by today that are completed (the progress bar)."""
        if not self.due_count:
            return None
        done = self.milestones[MilestoneStatus.DONE] + self.milestones[MilestoneStatus.DONE_LATE]
        return round(done * 100 / self.due_count)


def plan_blocks(on=None) -> list[PlanBlock]:
    """Every plan with its task, milestone and target counts by status and its light: four
    queries for the counts and the light's own, whatever the size of the plans."""
    on = on or status.today()
    blocks = {
        plan.pk: PlanBlock(plan, plan.task_count)
        for plan in Plan.objects.annotate(task_count=Count("tasks")).order_by("order")
    }
    for plan_id, code, n in (
        Milestone.objects.with_status(on)
        .values_list("plan_id", "status_code")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        blocks[plan_id].milestones[MilestoneStatus(code)] += n
    for plan_id, code, n in (
        with_progress(Target.objects.all(), on)
        .values_list("plan_id", "status_code")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        blocks[plan_id].targets[TargetStatus(code)] += n
    for plan_id, counts in plan_lights(on).items():
        blocks[plan_id].light = counts
    return list(blocks.values())


def overdue_items():
    """The late milestones under supervision (the red list), most overdue first."""
    return (
        Alert.objects.active()
        .filter(kind=Alert.Kind.MILESTONE_OVERDUE)
        .with_explanation_state()
        .with_details()
        .order_by("due_date", "plan__order", "pk")
    )


def targets_off_pace(on=None, limit=TARGETS_SHOWN) -> list[Target]:
    """Targets at risk or behind: behind first, then the least of the way done."""
    targets = list(
        with_progress(Target.objects.select_related("plan", "task"), on)
        .filter(Q(status_code=TargetStatus.BEHIND) | Q(status_code=TargetStatus.AT_RISK))
        .order_by("-status_code", "done_points", "plan__order", "year", "order")[:limit]
    )
    for target in targets:
        target.status = TargetStatus(target.status_code)
    return targets


def off_pace_counts(blocks) -> list[StatusCount]:
    """Targets at risk and behind over all plans, each linking to its list."""
    return [
        StatusCount(
            state,
            sum(block.targets[state] for block in blocks),
            list_url("dashboard:target_list", status=state.value),
        )
        for state in (TargetStatus.AT_RISK, TargetStatus.BEHIND)
    ]
