"""Who may see and change what: every rule of the portal, decided here and nowhere else.

- Every signed-in user reads the plans, tasks, milestones, targets and bureaus.
- Supervisors and admins read everything; supervisors (and admins) review.
- Bureau staff report on the tasks their bureau is responsible for (lead or co-responsible)
  and change only their own bureau's reports while a report is a draft or was returned.
- Reports and their evidence are visible to the task's responsible bureaus, to the bureau
  that made them, and to supervisors and admins; not to other bureaus.
- A plan's general goals (targets and dated goals, milestones, without a task) belong to the
  bureaus that lead the plan's key tasks.
- The 奖补 ledger is for supervisors, admins and the finance bureau.
- The public pages (``/public/``: what supervisors published, the complaint form and its
  receipt page) are for anyone, signed in or not; they show nothing else.
- A complaint (举报) is seen by supervisors and admins and by the bureau it is assigned
  to; only they see who reported it.

Views declare which rule they need (``jiyuan_portal.views.generic``) and restrict their
querysets with ``Report.objects.visible_to(user)`` / ``editable_by(user)``, which build
their filters here; templates receive ``can_*`` flags and never check roles.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from jiyuan_portal.tracking.models import Bureau, Milestone, Target, Task, TaskBureau

from .states import EDITABLE_STATUSES

# Role rules: ``required`` of the views.


def anyone(user) -> bool:
    """The public pages: no sign-in, and nothing shown depends on who asks."""
    return True


def signed_in(user) -> bool:
    return user.is_authenticated


def is_bureau_staff(user) -> bool:
    return user.is_authenticated and user.is_bureau_staff


def is_portal_admin(user) -> bool:
    """Portal admins (系统管理员): they draft and publish a later notice's plans."""
    return user.is_authenticated and user.is_portal_admin


def can_review(user) -> bool:
    return user.is_authenticated and (user.is_supervisor or user.is_portal_admin)


def can_open_admin(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_staff


def can_see_everything(user) -> bool:
    return user.is_authenticated and user.can_see_everything


def is_finance_staff(user) -> bool:
    """Staff of the finance bureau (市财政局, ``settings.JIYUAN_FINANCE_BUREAU``), which pays
    the awards and subsidies."""
    return (
        is_bureau_staff(user)
        and Bureau.objects.filter(pk=user.bureau_id, name=settings.JIYUAN_FINANCE_BUREAU).exists()
    )


def can_see_ledger(user) -> bool:
    """The 奖补 ledger is for supervisors, admins and the finance bureau."""
    return can_see_everything(user) or is_finance_staff(user)


def entitlement_visibility(user) -> Q | None:
    """The entitlements ``user`` may read: all for the ledger's readers; a bureau its own
    records'."""
    if can_see_ledger(user):
        return None
    if not is_bureau_staff(user):
        return Q(pk__in=[])
    return Q(bureau_id=user.bureau_id)


def can_handle_complaints(user) -> bool:
    """Complaints (举报): supervisors and admins all of them, bureau staff their bureau's."""
    return can_see_everything(user) or is_bureau_staff(user)


def view_scope(user) -> str:
    """What of a user decides what the pages show them: the roles the rules here ask about
    and the bureau. Users of the same scope see the same content (``page_cache``)."""
    flags = (user.is_portal_admin, user.is_supervisor, user.is_bureau_staff, user.is_staff)
    return "".join("1" if flag else "0" for flag in flags) + f"-{user.bureau_id or 0}"


# Object rules.


def task_of(obj):
    """The task a target, milestone, task or report belongs to (None for a plan's goals)."""
    if isinstance(obj, Task):
        return obj
    return obj.task


def plan_id_of(obj):
    if isinstance(obj, Target):
        return obj.plan_id
    task = task_of(obj)
    return task.plan_id if task else getattr(obj, "plan_id", None)


def _key_task_leads(plan):
    """The lead assignments of a plan's key tasks (``plan``: an id or an ``OuterRef``)."""
    return TaskBureau.objects.filter(
        task__plan=plan, task__section=Task.Section.KEY_TASK, role=TaskBureau.Role.LEAD
    )


def plan_goal_bureaus(plan_id):
    """The bureaus that report on a plan's general goals: those leading its key tasks."""
    return Bureau.objects.filter(pk__in=_key_task_leads(plan_id).values("bureau_id"))


def responsible_bureau_ids(obj) -> set[int]:
    """The bureaus responsible for ``obj`` (from prefetched assignments when present)."""
    task = task_of(obj)
    if task is not None:
        return {assignment.bureau_id for assignment in task.assignments.all()}
    return set(plan_goal_bureaus(plan_id_of(obj)).values_list("pk", flat=True))


def can_report_on(user, obj) -> bool:
    """Staff of a responsible bureau; a target counted from a registry takes no typed value."""
    if isinstance(obj, Target) and obj.measure:
        return False
    if not isinstance(obj, (Task, Target, Milestone)):
        return False
    return is_bureau_staff(user) and user.bureau_id in responsible_bureau_ids(obj)


def can_view_reports_on(user, task) -> bool:
    """Whether ``user`` may read everything reported on ``task`` (and its history)."""
    if can_see_everything(user):
        return True
    return is_bureau_staff(user) and user.bureau_id in responsible_bureau_ids(task)


def _responsible(user) -> Q:
    """Reports on a task ``user``'s bureau is responsible for, or on a plan goal of a plan
    whose key tasks it leads."""
    plan_goal_leads = _key_task_leads(OuterRef("plan_id")).filter(bureau_id=user.bureau_id)
    on_task = TaskBureau.objects.filter(task=OuterRef("task_id"), bureau_id=user.bureau_id)
    return Q(Exists(on_task)) | (Q(task__isnull=True) & Q(Exists(plan_goal_leads)))


def report_visibility(user) -> Q | None:
    """The filter of the reports ``user`` may read: None for all, ``Q(pk__in=[])`` for none."""
    if can_see_everything(user):
        return None
    if not is_bureau_staff(user):
        return Q(pk__in=[])
    return _responsible(user) | Q(bureau_id=user.bureau_id)


def report_editability(user) -> Q:
    """The filter of the reports ``user`` may change, submit or delete."""
    if not is_bureau_staff(user):
        return Q(pk__in=[])
    return Q(bureau_id=user.bureau_id, status__in=EDITABLE_STATUSES) & _responsible(user)


def restrict(queryset, condition: Q | None):
    return queryset if condition is None else queryset.filter(condition)


def can_change_report(user, report) -> bool:
    """The rule of ``report_editability``, asked of one report."""
    return type(report).objects.filter(pk=report.pk).editable_by(user).exists()


def can_explain(user, item) -> bool:
    """The lead bureau's staff write the explanation (情况说明) of a late item
    (``item.lead_bureau``), while it is still late."""
    lead = item.lead_bureau
    return (
        is_bureau_staff(user) and item.is_active and lead is not None and lead.pk == user.bureau_id
    )
