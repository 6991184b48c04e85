"""The counts behind each task's and bureau's 红黄绿灯 light; the rule itself is
``tracking.status.light``. A handful of queries for all tasks or all bureaus at once."""

import datetime
from dataclasses import dataclass

from django.db.models import Max, OuterRef, Q, Subquery

from jiyuan_portal.reporting.actuals import progress_by_target
from jiyuan_portal.reporting.permissions import plan_goal_bureaus
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Milestone, Target, Task, TaskBureau

from .models import Alert, AlertBureau, Explanation


@dataclass
class LightCounts:
    late: int = 0
    explained: int = 0
    due_soon: int = 0
    at_risk: int = 0

    @property
    def light(self) -> status.Light:
        return status.light(self.late, self.explained, self.due_soon, self.at_risk)

    @property
    def colour(self) -> str:
        return status.LIGHT_COLOURS[self.light]


def _late_items(on, alerts=None, key="task_id"):
    """(alert, its ``key`` (task or plan), is explained) of every active item (of ``alerts``)."""
    accepted_until = (
        Explanation.objects.filter(alert=OuterRef("pk"), decision=Explanation.Decision.ACCEPTED)
        .values("alert")
        .annotate(until=Max("expected_on"))
        .values("until")
    )
    return [
        (pk, key_id, until is not None and until >= on)
        for pk, key_id, until in (alerts if alerts is not None else Alert.objects.all())
        .active()
        .annotate(until=Subquery(accepted_until))
        .values_list("pk", key, "until")
    ]


def _watched(on, task_ids=None):
    """Task ids of milestones due soon, and the targets at risk (of ``task_ids``, with the
    plan goals)."""
    milestones = Milestone.objects.all()
    targets = Target.objects.all()
    if task_ids is not None:
        milestones = milestones.filter(task_id__in=task_ids)
        targets = targets.filter(Q(task_id__in=task_ids) | Q(task__isnull=True))
    due_soon = (
        milestones.with_status(on)
        .filter(status_code=status.MilestoneStatus.DUE_SOON)
        .values_list("task_id", flat=True)
    )
    targets = list(targets)
    progress = progress_by_target(targets, on)
    at_risk = [t for t in targets if progress[t.pk].status == status.TargetStatus.AT_RISK]
    return list(due_soon), at_risk


def task_lights(on: datetime.date | None = None, task_ids=None) -> dict[int, LightCounts]:
    """The counts of every task (or of ``task_ids``); a task without any is green."""
    on = on or status.today()
    alerts = None if task_ids is None else Alert.objects.filter(task_id__in=task_ids)
    counts: dict[int, LightCounts] = {}

    def of(task_id):
        return counts.setdefault(task_id, LightCounts())

    for _pk, task_id, explained in _late_items(on, alerts):
        if task_id:
            if explained:
                of(task_id).explained += 1
            else:
                of(task_id).late += 1
    due_soon, at_risk = _watched(on, task_ids)
    for task_id in due_soon:
        of(task_id).due_soon += 1
    for target in at_risk:
        if target.task_id:
            of(target.task_id).at_risk += 1
    return counts


def task_light(task, on=None) -> LightCounts:
    return task_lights(on, [task.pk]).get(task.pk, LightCounts())


def plan_lights(on: datetime.date | None = None) -> dict[int, LightCounts]:
    """The counts of every plan over all its items, its goals included."""
    on = on or status.today()
    counts: dict[int, LightCounts] = {}

    def of(plan_id):
        return counts.setdefault(plan_id, LightCounts())

    for _pk, plan_id, explained in _late_items(on, key="plan_id"):
        if explained:
            of(plan_id).explained += 1
        else:
            of(plan_id).late += 1
    due_soon, at_risk = _watched(on)
    plan_of_task = dict(Task.objects.filter(pk__in=set(due_soon)).values_list("pk", "plan_id"))
    for task_id in due_soon:
        of(plan_of_task[task_id]).due_soon += 1
    for target in at_risk:
        of(target.plan_id).at_risk += 1
    return counts


def bureau_lights(on: datetime.date | None = None, bureau_ids=None) -> dict[int, LightCounts]:
    """The counts of every bureau (or of ``bureau_ids``) over the items it leads or
    shares; a bureau without any is green."""
    on = on or status.today()
    links = AlertBureau.objects.all()
    assignments = TaskBureau.objects.all()
    task_ids = None
    if bureau_ids is not None:
        links = links.filter(bureau_id__in=bureau_ids)
        assignments = assignments.filter(bureau_id__in=bureau_ids)
        task_ids = list(assignments.values_list("task_id", flat=True))
    counts: dict[int, LightCounts] = {}

    def of(bureau_id):
        return counts.setdefault(bureau_id, LightCounts())

    late = _late_items(on, Alert.objects.filter(pk__in=links.values("alert_id")))
    explained = {pk: is_explained for pk, _task, is_explained in late}
    for alert_id, bureau_id in links.filter(alert_id__in=explained).values_list(
        "alert_id", "bureau_id"
    ):
        if explained[alert_id]:
            of(bureau_id).explained += 1
        else:
            of(bureau_id).late += 1
    due_soon, at_risk = _watched(on, task_ids)
    bureaus_by_task: dict[int, list[int]] = {}
    for task_id, bureau_id in assignments.values_list("task_id", "bureau_id"):
        bureaus_by_task.setdefault(task_id, []).append(bureau_id)
    for task_id in due_soon:
        for bureau_id in bureaus_by_task.get(task_id, []):
            of(bureau_id).due_soon += 1
    goal_bureaus: dict[int, list[int]] = {}  # a plan's goals are reported by its key tasks' leads
    for target in at_risk:
        if target.task_id:
            goal_or_task_bureaus = bureaus_by_task.get(target.task_id, [])
        else:
            if target.plan_id not in goal_bureaus:
                goal_bureaus[target.plan_id] = list(
                    plan_goal_bureaus(target.plan_id).values_list("pk", flat=True)
                )
            goal_or_task_bureaus = goal_bureaus[target.plan_id]
        for bureau_id in goal_or_task_bureaus:
            if bureau_ids is None or bureau_id in bureau_ids:
                of(bureau_id).at_risk += 1
    return counts


def bureau_light(bureau, on=None) -> LightCounts:
    return bureau_lights(on, [bureau.pk]).get(bureau.pk, LightCounts())
