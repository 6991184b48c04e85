"""Reminders before a one-off milestone's due date (``settings.JIYUAN_REMINDER_DAYS``,
e.g. 7 and 1 days before), each once per milestone, due date and user."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiyuan_portal.reporting.permissions import plan_goal_bureaus
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Milestone, Plan, Task, TaskBureau

from .models import Notification
from .recipients import staff_by_bureau


def reminder_threshold(days_left: int) -> int | None:
    """The reminder ``days_left`` calls for: the smallest configured day count it is within
    (so a reminder missed on day 7 is not sent on day 1 beside the day-1 reminder)."""
    within = [days for days in settings.JIYUAN_REMINDER_DAYS if 0 <= days_left <= days]
    return min(within) if within else None


@transaction.atomic
def send_reminders(on: datetime.date | None = None) -> int:
    on = on or status.today()
    horizon = on + datetime.timedelta(days=max(settings.JIYUAN_REMINDER_DAYS))
    milestones = list(
        Milestone.objects.filter(
            recurrence=Milestone.Recurrence.ONCE,
            completed_on__isnull=True,
            due_date__gte=on,
            due_date__lte=horizon,
        ).values(
            "pk",
            "task_id",
            "plan_id",
            "due_date",
            "description",
            "task__number",
            "plan__short_name",
            "plan__code",
        )
    )
    bureaus: dict[int, list[int]] = {}
    for task_id, bureau_id in TaskBureau.objects.filter(
        task_id__in={m["task_id"] for m in milestones}
    ).values_list("task_id", "bureau_id"):
        bureaus.setdefault(task_id, []).append(bureau_id)
    # A plan's dated goal (no task) is reminded to the bureaus that report on its goals.
    goal_bureaus = {
        plan_id: list(plan_goal_bureaus(plan_id).values_list("pk", flat=True))
        for plan_id in {m["plan_id"] for m in milestones if m["task_id"] is None}
    }
    staff = staff_by_bureau(b for ids in (*bureaus.values(), *goal_bureaus.values()) for b in ids)
    now = timezone.now()
    notifications = []
    for milestone in milestones:
        days_left = (milestone["due_date"] - on).days
        threshold = reminder_threshold(days_left)
        title = _("Due in %(days)s days (%(due)s): %(plan)s %(task)s %(what)s") % {
            "days": days_left,
            "due": milestone["due_date"].isoformat(),
            "plan": milestone["plan__short_name"],
            "task": milestone["task__number"] or "",
            "what": milestone["description"][:120],
        }
        key = f"reminder:{milestone['pk']}:{milestone['due_date'].isoformat()}:{threshold}"
        if milestone["task_id"] is None:
            url = Plan(code=milestone["plan__code"]).get_absolute_url()
            recipients = goal_bureaus[milestone["plan_id"]]
        else:
            url = Task(pk=milestone["task_id"]).get_absolute_url()
            recipients = bureaus.get(milestone["task_id"], [])
        notifications += [
            Notification(
                recipient_id=user_id,
                kind=Notification.Kind.REMINDER,
                key=key,
                title=title[:300],
                url=url,
                created_at=now,
            )
            for bureau_id in recipients
            for user_id in staff.get(bureau_id, [])
        ]
    Notification.objects.bulk_create(notifications, ignore_conflicts=True)
    return len(notifications)
