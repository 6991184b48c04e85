"""Who may see and change what. Views and querysets ask here; templates only hide links.

- Supervisors and admins read everything; supervisors (and admins) review.
- Bureau staff report on the tasks their bureau is responsible for (lead or co-responsible)
  and change only their own bureau's progress while it is a draft or was returned.
- Reported progress and its evidence are visible to the task's responsible bureaus and to
  supervisors and admins, not to other bureaus.
"""

from django.db.models import Q

from .models import Milestone, Target, Task, TaskBureau


def task_of(obj):
    """The task a target, milestone, task or reported item belongs to (None for plan goals)."""
    if isinstance(obj, Task):
        return obj
    if isinstance(obj, (Target, Milestone)):
        return obj.task
    return obj.get_task()


def plan_of(obj):
    if isinstance(obj, Target):
        return obj.plan
    task = task_of(obj)
    return task.plan if task else None


def responsible_bureau_ids(obj) -> set[int]:
    """The bureaus responsible for ``obj``.

    A plan's general goals (targets without a task) belong to the bureaus that lead the
    plan's key tasks.
    """
    task = task_of(obj)
    if task is not None:
        return {assignment.bureau_id for assignment in task.assignments.all()}
    return set(
        TaskBureau.objects.filter(
            task__plan=plan_of(obj),
            task__section=Task.Section.KEY_TASK,
            role=TaskBureau.Role.LEAD,
        ).values_list("bureau_id", flat=True)
    )


def can_report_on(user, obj) -> bool:
    """Staff of a responsible bureau; a target counted from a registry takes no typed value."""
    if isinstance(obj, Target) and obj.measure:
        return False
    return user.is_bureau_staff and user.bureau_id in responsible_bureau_ids(obj)


def can_view_progress(user, item) -> bool:
    if user.can_see_everything:
        return True
    return user.is_bureau_staff and user.bureau_id in responsible_bureau_ids(item)


def can_change_progress(user, item) -> bool:
    return (
        item.is_editable
        and user.is_bureau_staff
        and item.bureau_id == user.bureau_id
        and user.bureau_id in responsible_bureau_ids(item)
    )


def can_review(user) -> bool:
    return user.is_supervisor or user.is_portal_admin


def visible_progress(user, queryset, task_path: str):
    """Filter reported items to those ``user`` may see; ``task_path`` leads to their task,
    e.g. ``"target__task"``. Plan-goal reports (no task) stay with their own bureau."""
    if user.can_see_everything:
        return queryset
    if not user.is_bureau_staff:
        return queryset.none()
    return queryset.filter(
        Q(**{f"{task_path}__assignments__bureau": user.bureau_id}) | Q(bureau=user.bureau_id)
    ).distinct()
