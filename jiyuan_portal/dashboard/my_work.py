"""What a bureau has to do, across all five plans, for its staff's start page (我的任务)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Prefetch

from jiyuan_portal.alerts.models import Alert
from jiyuan_portal.reporting.actuals import attach_progress
from jiyuan_portal.reporting.models import Report, ReviewStatus
from jiyuan_portal.tracking.models import Milestone, Target, TaskBureau
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
    alerts: list  # the bureau's late items (督办事项), the oldest first
    alerts_count: int


TASKS_PER_PAGE = 20
# The start page shows the most recent returned items and drafts; the rest are counted.
ITEMS_SHOWN = 20


def _reports_of_bureau(bureau, status) -> tuple[list, int]:
    """The ``ITEMS_SHOWN`` most recently updated reports in ``status``, and how many there
    are: two queries, whatever the kinds of report."""
    reports = Report.objects.filter(bureau=bureau, status=status)
    shown = reports.select_related("plan", "bureau").order_by("-updated_at", "-pk")
    return list(shown[:ITEMS_SHOWN]), reports.count()


def _reported_this_period(task_ids, on=None) -> set[tuple[int, int]]:
    """(task id, bureau id) of everything submitted since the period began (a draft is
    not a report yet)."""
    since = reporting_period_start(on)
    return set(
        Report.objects.filter(task_id__in=task_ids, submitted_at__date__gte=since)
        .values_list("task_id", "bureau_id")
        .distinct()
    )


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
    late = Alert.objects.active().for_bureau(bureau)
    alerts = list(
        late.with_explanation_state()
        .select_related("plan", "task", "milestone", "target")
        .order_by("due_date", "pk")[:ITEMS_SHOWN]
    )
    returned, returned_count = _reports_of_bureau(bureau, ReviewStatus.RETURNED)
    drafts, drafts_count = _reports_of_bureau(bureau, ReviewStatus.DRAFT)
    return BureauWork(
        tasks=work,
        page_obj=page_obj,
        returned=returned,
        returned_count=returned_count,
        drafts=drafts,
        drafts_count=drafts_count,
        alerts=alerts,
        alerts_count=late.count(),
    )
