"""What a bureau has to do, across all five plans, for its staff's start page (我的任务)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Prefetch

from jiyuan_portal.tracking.actuals import attach_progress
from jiyuan_portal.tracking.models import (
    Alert,
    Milestone,
    ReviewStatus,
    Target,
    TaskBureau,
)
from jiyuan_portal.tracking.progress import all_kinds
from jiyuan_portal.tracking.status import MilestoneStatus, reporting_period_start

OPEN_STATUSES = {MilestoneStatus.OVERDUE, MilestoneStatus.DUE_SOON, MilestoneStatus.PENDING}


@dataclass
class TaskWork:
    assignment: TaskBureau
    milestones: list
    targets: list
    silent_partners: list = field(default_factory=list)  # co-bureaus not reported this period

    @property
    def task(self):
        return self.assignment.task

    @property
    def next_due(self):
        dated = [m for m in self.milestones if m.status in OPEN_STATUSES and m.due_date]
        return min(dated, key=lambda m: m.due_date, default=None)


@dataclass
class BureauWork:
    tasks: list[TaskWork]
    page_obj: object  # the page of the bureau's tasks that ``tasks`` holds
    returned: list
    returned_count: int
    drafts: list
    drafts_count: int
    alerts: list


TASKS_PER_PAGE = 20
# The start page shows the most recent returned items and drafts; the rest are counted.
ITEMS_SHOWN = 20


def _items_of_bureau(bureau, status) -> tuple[list, int]:
    """The ``ITEMS_SHOWN`` most recently updated items in ``status``, and how many there are."""
    items, total = [], 0
    for kind in all_kinds():
        queryset = kind.model.objects.filter(bureau=bureau, status=status)
        total += queryset.count()
        for item in queryset.select_related(f"{kind.task_path}__plan", "bureau").order_by(
            "-updated_at"
        )[:ITEMS_SHOWN]:
            item.kind = kind
            items.append(item)
    items.sort(key=lambda item: item.updated_at, reverse=True)
    return items[:ITEMS_SHOWN], total


def _reported_this_period(task_ids, on=None) -> set[tuple[int, int]]:
    """(task id, bureau id) of everything submitted since the period began (a draft is
    not a report yet)."""
    since = reporting_period_start(on)
    reported = set()
    for kind in all_kinds():
        reported |= set(
            kind.model.objects.filter(
                **{f"{kind.task_path}__in": task_ids}, submitted_at__date__gte=since
            ).values_list(f"{kind.task_path}__id", "bureau_id")
        )
    return reported


def bureau_work(bureau, page=1, plan_code="", on=None) -> BureauWork:
    """One page of the bureau's tasks, with the returned items, drafts and alerts."""
    assignments = TaskBureau.objects.filter(bureau=bureau)
    if plan_code:
        assignments = assignments.filter(task__plan__code=plan_code)
    page_obj = Paginator(
        assignments.select_related("task__plan")
        .prefetch_related(
            Prefetch("task__milestones", queryset=Milestone.objects.order_by("order")),
            Prefetch("task__targets", queryset=Target.objects.order_by("year", "order")),
            Prefetch(
                "task__assignments",
                queryset=TaskBureau.objects.select_related("bureau").order_by("order"),
            ),
        )
        .order_by("task__plan__order", "task__order"),
        TASKS_PER_PAGE,
    ).get_page(page)
    assignments = list(page_obj.object_list)
    targets = attach_progress([target for a in assignments for target in a.task.targets.all()], on)
    targets_by_task = defaultdict(list)
    for target in targets:
        targets_by_task[target.task_id].append(target)
    led_task_ids = [a.task_id for a in assignments if a.role == TaskBureau.Role.LEAD]
    reported = _reported_this_period(led_task_ids, on)
    work = []
    for assignment in assignments:
        task = assignment.task
        item = TaskWork(assignment, list(task.milestones.all()), targets_by_task[task.pk])
        if assignment.role == TaskBureau.Role.LEAD:
            item.silent_partners = [
                partner.bureau
                for partner in task.assignments.all()
                if partner.role != TaskBureau.Role.LEAD
                and (task.pk, partner.bureau_id) not in reported
            ]
        work.append(item)
    alerts = list(
        Alert.objects.filter(bureau=bureau, read_at__isnull=True)
        .select_related("milestone__task__plan")
        .order_by("milestone__due_date")
    )
    returned, returned_count = _items_of_bureau(bureau, ReviewStatus.RETURNED)
    drafts, drafts_count = _items_of_bureau(bureau, ReviewStatus.DRAFT)
    return BureauWork(
        tasks=work,
        page_obj=page_obj,
        returned=returned,
        returned_count=returned_count,
        drafts=drafts,
        drafts_count=drafts_count,
        alerts=alerts,
    )
