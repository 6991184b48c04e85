"""Alert responsible bureaus about overdue milestones, once each.

Whether a milestone is overdue is decided by ``status``; this module only records that
each responsible bureau has been told, so running it again alerts nobody twice.
"""

from django.db import transaction

from jiyuan_portal.tracking.models import Milestone, TaskBureau

from .models import Alert


@transaction.atomic
def alert_overdue_milestones(on=None) -> int:
    """Create the missing overdue alerts; return how many were created."""
    overdue = Milestone.objects.overdue(on).values_list("pk", "task_id")
    task_ids = {task_id for _, task_id in overdue}
    bureaus_by_task: dict[int, list[int]] = {}
    for task_id, bureau_id in TaskBureau.objects.filter(task_id__in=task_ids).values_list(
        "task_id", "bureau_id"
    ):
        bureaus_by_task.setdefault(task_id, []).append(bureau_id)
    wanted = [
        Alert(kind=Alert.Kind.OVERDUE, milestone_id=milestone_id, bureau_id=bureau_id)
        for milestone_id, task_id in overdue
        for bureau_id in bureaus_by_task.get(task_id, [])
    ]
    existing = set(
        Alert.objects.filter(kind=Alert.Kind.OVERDUE).values_list("milestone_id", "bureau_id")
    )
    new = [alert for alert in wanted if (alert.milestone_id, alert.bureau_id) not in existing]
    Alert.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)
