"""The daily supervision scan: flag late items, note those done, tell the bureaus, climb
the ladder. Whether a milestone is overdue and whether a target is behind is decided by
``tracking.status`` (through ``Milestone.objects.overdue`` and ``reporting.actuals``); this
module records that it has acted, so running it again adds nothing.

Set-based: a fixed handful of queries whatever the number of milestones, and one
transaction, so a worker killed halfway leaves nothing half-done; the database's unique
constraints keep two scans running at once from writing anything twice.
"""

import calendar
import datetime
import functools
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F, Max, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jiyuan_portal.reporting.actuals import progress_by_target
from jiyuan_portal.reporting.models import MilestoneReport
from jiyuan_portal.reporting.permissions import plan_goal_bureaus
from jiyuan_portal.tracking import data_version, status
from jiyuan_portal.tracking.models import Milestone, Target, TaskBureau
from jiyuan_portal.utils.batches import chunks

from . import ladder
from .models import Alert, AlertBureau, EscalationStep, Explanation, Notification, Step, item_text
from .recipients import staff_by_bureau, supervisor_ids


@dataclass
class ScanResult:
    flagged: int = 0
    resolved: int = 0
    withdrawn: int = 0
    notified: int = 0
    escalated: dict = field(default_factory=dict)

    @property
    def changes_alerts(self) -> bool:
        return bool(self.flagged or self.resolved or self.withdrawn or any(self.escalated.values()))

    def __str__(self):
        steps = ", ".join(f"{Step(step).label} {count}" for step, count in self.escalated.items())
        return _(
            "flagged %(flagged)s, done late %(resolved)s, no longer due %(withdrawn)s, "
            "notifications %(notified)s, escalated: %(steps)s"
        ) % {
            "flagged": self.flagged,
            "resolved": self.resolved,
            "withdrawn": self.withdrawn,
            "notified": self.notified,
            "steps": steps or _("none"),
        }


def refresh_planner_statistics(*models) -> None:
    """PostgreSQL: ANALYZE the tables a run has just filled. A first run inserts a hundred
    thousand rows in its transaction; planning the next statements with the statistics of
    the empty tables gave nested loops of items × items (minutes at 10,000 milestones).
    ANALYZE inside the transaction counts the transaction's own new rows."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
        cursor.execute(f"ANALYZE {tables}")


def run_time(on: datetime.date) -> datetime.datetime:
    """When this run acts: now, or for a scan as of another day (``flag_overdue --as-of``)
    that day at the current time, so the ladder counts its days from the day judged."""
    now = timezone.localtime()
    if on == now.date():
        return now
    return timezone.make_aware(datetime.datetime.combine(on, now.time()))


def run_scan(on: datetime.date | None = None) -> ScanResult:
    on = on or status.today()
    now = run_time(on)
    result = ScanResult()
    with transaction.atomic():
        behind = behind_targets(on)
        result.flagged = flag_late_milestones(on, now) + flag_behind_targets(behind, on, now)
        result.resolved, result.withdrawn = settle_alerts(behind, on)
        refresh_planner_statistics(Alert)
        result.notified = notify_new_alerts(now)
        refresh_planner_statistics(AlertBureau, Notification)
        result.escalated = escalate(on, now)
        if result.changes_alerts:
            data_version.mark_changed()  # the rows above were written in bulk: no signals
    return result


# Flagging.


def _same_day_in(year: int, date: datetime.date) -> datetime.date:
    """``date``'s day and month in ``year`` (29 February becomes the 28th in a common year)."""
    if date.month == 2 and date.day == 29 and not calendar.isleap(year):
        return datetime.date(year, 2, 28)
    return date.replace(year=year)


def _recurring_years(due_date, on):
    """The years a recurring milestone has been judged by ``on``: from its first year to the
    plans' last, each once its end (or its yearly due day) has passed."""
    first = due_date.year if due_date else status.PLAN_START.year
    for year in range(first, status.PLAN_LAST_DEADLINE.year + 1):
        due = _same_day_in(year, due_date) if due_date else datetime.date(year, 12, 31)
        if due < on:
            yield year, due


def late_milestones(on) -> list[tuple[int, int, int, int, datetime.date]]:
    """(milestone, task, plan, period, due date) of every milestone late ``on``."""
    late = [
        (pk, task_id, plan_id, due.year, due)
        for pk, task_id, plan_id, due in Milestone.objects.overdue(on).values_list(
            "pk", "task_id", "task__plan_id", "due_date"
        )
    ]
    recurring = Milestone.objects.exclude(recurrence=Milestone.Recurrence.ONCE).filter(
        completed_on__isnull=True
    )
    reported = set(
        MilestoneReport.objects.approved()
        .filter(milestone__in=recurring)
        .annotate(year=ExtractYear("submitted_at"))
        .values_list("milestone_id", "year")
    )
    for pk, task_id, plan_id, due_date in recurring.values_list(
        "pk", "task_id", "task__plan_id", "due_date"
    ):
        for year, due in _recurring_years(due_date, on):
            if (pk, year) not in reported:
                late.append((pk, task_id, plan_id, year, due))
    return late


def late_candidates(on):
    """The milestones that may be late ``on``, as a subquery (never a list of ids: a
    hundred thousand parameters is more than SQLite takes)."""
    return Milestone.objects.filter(
        Q(pk__in=Milestone.objects.overdue(on).values("pk"))
        | (~Q(recurrence=Milestone.Recurrence.ONCE) & Q(completed_on__isnull=True))
    ).values("pk")


def flag_late_milestones(on, now=None) -> int:
    late = late_milestones(on)
    candidates = late_candidates(on)
    # An item withdrawn because its due date moved (closed by no one) is late again once
    # the new date has passed: it reopens, with its history.
    Alert.objects.filter(
        milestone__in=candidates,
        closed_at__isnull=False,
        closed_by__isnull=True,
        resolved_on__isnull=True,
    ).update(closed_at=None, closing_note="")
    existing = set(
        Alert.objects.filter(milestone__in=candidates).values_list("milestone_id", "period")
    )
    # A one-off milestone is late once, whatever year its (moved) due date falls in.
    once_flagged = set(
        Alert.objects.filter(
            milestone__in=candidates, milestone__recurrence=Milestone.Recurrence.ONCE
        ).values_list("milestone_id", flat=True)
    )
    new = [
        Alert(
            kind=Alert.Kind.MILESTONE_OVERDUE,
            milestone_id=pk,
            task_id=task_id,
            plan_id=plan_id,
            period=year,
            due_date=due,
            flagged_at=now or timezone.now(),
        )
        for pk, task_id, plan_id, year, due in late
        if (pk, year) not in existing and pk not in once_flagged
    ]
    Alert.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def behind_targets(on) -> dict[tuple[int, int], Target]:
    """Targets judged behind ``on``, by (target, year judged)."""
    targets = list(Target.objects.all())
    progress = progress_by_target(targets, on)
    return {
        (target.pk, min(on, target.deadline).year): target
        for target in targets
        if progress[target.pk].status == status.TargetStatus.BEHIND
    }


def flag_behind_targets(behind, on, now=None) -> int:
    existing = set(
        Alert.objects.filter(target_id__in={pk for pk, _year in behind}).values_list(
            "target_id", "period"
        )
    )
    new = [
        Alert(
            kind=Alert.Kind.TARGET_BEHIND,
            target_id=target.pk,
            task_id=target.task_id,
            plan_id=target.plan_id,
            period=year,
            due_date=min(on, target.deadline),
            flagged_at=now or timezone.now(),
        )
        for (pk, year), target in behind.items()
        if (pk, year) not in existing
    ]
    Alert.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


# Settling: items done late keep their record; items no longer due are withdrawn.


def settle_alerts(behind, on) -> tuple[int, int]:
    active = Alert.objects.active()
    # Each step reads the rows it changes, then updates them by primary key: an UPDATE
    # joined to the items this transaction has just inserted (which the planner takes for
    # a handful) made PostgreSQL nested-loop items × items.
    resolved = update_each(
        active.filter(
            kind=Alert.Kind.MILESTONE_OVERDUE, milestone__completed_on__isnull=False
        ).values_list("pk", "milestone__completed_on"),
        "resolved_on",
    )

    resolved += settle_reported_periods(active)

    still_behind = {target_id for target_id, _year in behind}
    caught_up = [
        pk
        for pk, target_id in active.filter(kind=Alert.Kind.TARGET_BEHIND).values_list(
            "pk", "target_id"
        )
        if target_id not in still_behind
    ]
    resolved += update_each([(pk, on) for pk in caught_up], "resolved_on")

    # A one-off milestone whose due date was moved later (or that became recurring) is no
    # longer overdue; an overdue one keeps its alert with the due date it has now.
    once = active.filter(
        kind=Alert.Kind.MILESTONE_OVERDUE, milestone__recurrence=Milestone.Recurrence.ONCE
    )
    no_longer_due = list(
        once.exclude(milestone__in=Milestone.objects.overdue(on).values("pk")).values_list(
            "pk", flat=True
        )
    )
    for chunk in chunks(no_longer_due):
        Alert.objects.filter(pk__in=chunk).update(
            closed_at=timezone.now(), closing_note=_("No longer due: the due date was moved.")
        )
    update_each(
        once.exclude(due_date=F("milestone__due_date")).values_list("pk", "milestone__due_date"),
        "due_date",
    )
    return resolved, len(no_longer_due)


def update_each(pairs, field: str) -> int:
    """Set ``field`` of each item from (pk, value) pairs: one UPDATE per distinct value
    (per batch of primary keys)."""
    by_value: dict = {}
    for pk, value in pairs:
        by_value.setdefault(value, []).append(pk)
    for value, pks in by_value.items():
        for chunk in chunks(pks):
            Alert.objects.filter(pk__in=chunk).update(**{field: value})
    return sum(len(pks) for pks in by_value.values())


def settle_reported_periods(active) -> int:
    """Items of recurring milestones whose year has since been reported: done on the day
    of the year's first approved report. Read in Python from the few reported milestones
    (one correlated UPDATE over the new items made PostgreSQL nested-loop items × items)."""
    first_report: dict[tuple[int, int], datetime.date] = {}
    for milestone_id, submitted_at in (
        MilestoneReport.objects.approved()
        .exclude(milestone__recurrence=Milestone.Recurrence.ONCE)
        .order_by("submitted_at")
        .values_list("milestone_id", "submitted_at")
    ):
        day = timezone.localdate(submitted_at)
        first_report.setdefault((milestone_id, day.year), day)
    settled = []
    for pk, milestone_id, period in (
        active.filter(
            kind=Alert.Kind.MILESTONE_OVERDUE,
            milestone__in=MilestoneReport.objects.approved().values("milestone_id"),
        )
        .exclude(milestone__recurrence=Milestone.Recurrence.ONCE)
        .values_list("pk", "milestone_id", "period")
    ):
        day = first_report.get((milestone_id, period))
        if day:
            settled.append((pk, day))
    return update_each(settled, "resolved_on")


# Telling the bureaus.


def _bureaus_of(alerts) -> dict[int, list[tuple[int, str]]]:
    """(bureau, role) of each alert: the task's bureaus, or for a plan goal the bureaus
    leading the plan's key tasks."""
    by_task: dict[int, list[tuple[int, str]]] = {}
    for task_id, bureau_id, role in TaskBureau.objects.filter(
        task__in=Alert.objects.filter(notified_at__isnull=True).values("task_id")
    ).values_list("task_id", "bureau_id", "role"):
        by_task.setdefault(task_id, []).append((bureau_id, role))
    by_plan = {
        plan_id: [
            (pk, AlertBureau.Role.LEAD)
            for pk in plan_goal_bureaus(plan_id).values_list("pk", flat=True)
        ]
        for plan_id in {alert["plan_id"] for alert in alerts if not alert["task_id"]}
    }
    return {
        alert["pk"]: by_task.get(alert["task_id"], [])
        if alert["task_id"]
        else by_plan[alert["plan_id"]]
        for alert in alerts
    }


def alert_title(alert: dict) -> str:
    """The notification's text for an item (from ``values()``, to build thousands fast)."""
    subject = item_text(
        alert["plan__short_name"],
        alert["task__number"],
        alert["milestone__description"],
        alert["target__indicator"],
    )
    if alert["kind"] == Alert.Kind.MILESTONE_OVERDUE:
        return _("Overdue since %(due)s: %(subject)s") % {
            "due": alert["due_date"].isoformat(),
            "subject": subject,
        }
    return _("Target behind in %(year)s: %(subject)s") % {
        "year": alert["period"],
        "subject": subject,
    }


def notify_new_alerts(now) -> int:
    """Record the bureaus of the alerts not yet told, and notify their staff (the lead
    bureau is asked for an explanation)."""
    alerts = list(
        Alert.objects.filter(notified_at__isnull=True).values(
            "pk",
            "kind",
            "task_id",
            "plan_id",
            "period",
            "due_date",
            "plan__short_name",
            "task__number",
            "milestone__description",
            "target__indicator",
        )
    )
    if not alerts:
        return 0
    bureaus = _bureaus_of(alerts)
    AlertBureau.objects.bulk_create(
        [
            AlertBureau(alert_id=pk, bureau_id=bureau_id, role=role)
            for pk, links in bureaus.items()
            for bureau_id, role in links
        ],
        ignore_conflicts=True,
    )
    staff = staff_by_bureau(bureau_id for links in bureaus.values() for bureau_id, _role in links)
    notifications = []
    for alert in alerts:
        kind = (
            Notification.Kind.OVERDUE
            if alert["kind"] == Alert.Kind.MILESTONE_OVERDUE
            else Notification.Kind.TARGET_BEHIND
        )
        title = alert_title(alert)
        url = alert_url(alert["pk"])
        for bureau_id, role in bureaus[alert["pk"]]:
            text = title
            if role == AlertBureau.Role.LEAD:
                text = _("%(title)s (explanation requested)") % {"title": title}
            notifications += [
                Notification(
                    recipient_id=user_id,
                    kind=kind,
                    key=f"alert:{alert['pk']}",
                    title=text[:300],
                    url=url,
                    created_at=now,
                )
                for user_id in staff.get(bureau_id, [])
            ]
    Notification.objects.bulk_create(notifications, ignore_conflicts=True)
    for chunk in chunks([alert["pk"] for alert in alerts]):
        Alert.objects.filter(pk__in=chunk).update(notified_at=now)
    return len(notifications)


# The ladder.


def _histories(alerts):
    """Steps taken, the last answering explanation and the accepted new date of ``alerts``
    (a queryset)."""
    taken: dict[int, list[ladder.TakenStep]] = {}
    for alert_id, step, taken_at in (
        EscalationStep.objects.filter(alert__in=alerts)
        .order_by("taken_at", "pk")
        .values_list("alert_id", "step", "taken_at")
    ):
        taken.setdefault(alert_id, []).append(ladder.TakenStep(step, timezone.localdate(taken_at)))
    # A rejected explanation does not answer: the ladder goes on as if none had come.
    explained = dict(
        Explanation.objects.filter(alert__in=alerts)
        .exclude(decision=Explanation.Decision.REJECTED)
        .values("alert_id")
        .annotate(last=Max("submitted_at"))
        .values_list("alert_id", "last")
    )
    accepted = dict(
        Explanation.objects.filter(alert__in=alerts, decision=Explanation.Decision.ACCEPTED)
        .values("alert_id")
        .annotate(until=Max("expected_on"))
        .values_list("alert_id", "until")
    )
    return taken, explained, accepted


def escalate(on, now) -> dict[str, int]:
    """Take the rung each active item calls for, and tell its recipients."""
    active = Alert.objects.active()
    alerts = list(active.values_list("pk", "due_date"))
    taken, explained, accepted = _histories(active.values("pk"))
    steps = []
    for pk, due_date in alerts:
        last = explained.get(pk)
        rung = ladder.next_step(
            (on - due_date).days,
            taken.get(pk, []),
            timezone.localdate(last) if last else None,
            accepted.get(pk),
            on,
        )
        if rung:
            steps.append(
                EscalationStep(
                    alert_id=pk,
                    step=rung.step,
                    number=rung.number,
                    reason=rung.reason,
                    taken_at=now,
                )
            )
    EscalationStep.objects.bulk_create(steps, ignore_conflicts=True)
    refresh_planner_statistics(EscalationStep)
    # What this run wrote (a concurrent scan's rows carry its own time).
    return record_steps(EscalationStep.objects.filter(taken_at=now, taken_by__isnull=True))


def record_steps(steps) -> dict[str, int]:
    """Set each item's current step, choose the recipients of each new step (a queryset),
    and notify them."""
    rows = list(
        steps.values(
            "pk",
            "alert_id",
            "step",
            "reason",
            "taken_at",
            "alert__plan__short_name",
            "alert__task__number",
            "alert__milestone__description",
            "alert__target__indicator",
        )
    )
    if not rows:
        return {}
    update_each([(row["alert_id"], row["step"]) for row in rows], "step")
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["step"]] = counts.get(row["step"], 0) + 1
    links = {}
    for alert_id, bureau_id, role in AlertBureau.objects.filter(
        alert__in=steps.values("alert_id")
    ).values_list("alert_id", "bureau_id", "role"):
        links.setdefault(alert_id, []).append((bureau_id, role))
    staff = staff_by_bureau(bureau_id for rows_ in links.values() for bureau_id, _role in rows_)
    supervisors = supervisor_ids()
    through = EscalationStep.recipients.through
    recipients, notifications = [], []
    for row in rows:
        bureau_ids = [
            bureau_id
            for bureau_id, role in links.get(row["alert_id"], [])
            if row["step"] == Step.BULLETIN or role == AlertBureau.Role.LEAD
        ]
        users = {user for bureau_id in bureau_ids for user in staff.get(bureau_id, [])}
        if row["step"] != Step.URGE:
            users.update(supervisors)
        item = item_text(
            row["alert__plan__short_name"],
            row["alert__task__number"],
            row["alert__milestone__description"],
            row["alert__target__indicator"],
        )
        title = _("%(step)s: %(item)s") % {"step": Step(row["step"]).label, "item": item}
        url = alert_url(row["alert_id"])
        for user_id in users:
            recipients.append(through(escalationstep_id=row["pk"], user_id=user_id))
            notifications.append(
                Notification(
                    recipient_id=user_id,
                    kind=Notification.Kind.ESCALATION,
                    key=f"step:{row['pk']}",
                    title=f"{title} · {row['reason']}"[:300],
                    url=url,
                    created_at=row["taken_at"],
                )
            )
    through.objects.bulk_create(recipients, ignore_conflicts=True)
    Notification.objects.bulk_create(notifications, ignore_conflicts=True)
    return counts


def alert_url(pk: int) -> str:
    """An item's address; reversed once, not once per row of a scan that writes a hundred
    thousand notifications."""
    return _alert_url_pattern().replace(str(_URL_SENTINEL), str(pk))


_URL_SENTINEL = 987654321


@functools.cache
def _alert_url_pattern() -> str:
    return reverse("alerts:alert_detail", args=[_URL_SENTINEL])
