"""The daily supervision scan: flag late items, note those done, tell the bureaus, climb
the ladder. Whether a milestone is overdue and whether a target is behind is decided by
``tracking.status`` (through ``Milestone.objects.overdue`` and ``reporting.actuals``); this
module records that it has acted, so running it again adds nothing.

Set-based: the database selects and writes the rows (``INSERT … SELECT`` skipping what a
unique constraint refuses, ``UPDATE … WHERE EXISTS``), so the number of queries and the
memory do not grow with the number of milestones, and a second run the same day reads
little and writes nothing. Python sees only what it must decide row by row: the recurring
milestones' new periods, the few targets, and the items already on the ladder that may
climb today, in batches. One transaction, so a worker killed halfway leaves nothing
half-done; the database's unique constraints keep two scans running at once from writing
anything twice.
"""

import calendar
import datetime
import functools
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Concat, ExtractYear, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jiyuan_portal.complaints.models import Complaint
from jiyuan_portal.reporting.actuals import progress_by_target
from jiyuan_portal.reporting.models import MilestoneReport
from jiyuan_portal.reporting.permissions import plan_goal_bureaus
from jiyuan_portal.tracking import data_version, status
from jiyuan_portal.tracking.models import Milestone, Target
from jiyuan_portal.utils.batches import chunks

from . import ladder
from .models import Alert, AlertBureau, EscalationStep, Explanation, Notification, Step
from .recipients import active_staff, active_supervisors, staff_by_bureau
from .sql import (
    DaysBetween,
    IsoDate,
    first_characters,
    first_non_empty,
    formatted,
    insert_from,
    joined,
    text,
)

BATCH = 2000  # items judged at a time, their histories read together


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
    ANALYZE inside the transaction counts the transaction's own new rows. Called only when
    rows were written: a rerun has nothing new to count."""
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
        result.flagged = (
            flag_late_milestones(on, now)
            + flag_behind_targets(behind, on, now)
            + flag_overdue_complaints(on, now)
        )
        if result.flagged:
            refresh_planner_statistics(Alert)
        result.resolved, result.withdrawn = settle_alerts(behind, on)
        result.notified = notify_new_alerts(now)
        result.escalated = escalate(on, now)
        if result.changes_alerts:
            data_version.mark_changed()  # the rows above were written in bulk: no signals
    return result


# Flagging.


def late_candidates(on):
    """The milestones that may be late ``on``, as a subquery (never a list of ids: a
    hundred thousand parameters is more than SQLite takes)."""
    return Milestone.objects.filter(
        Q(pk__in=Milestone.objects.overdue(on).values("pk"))
        | Q(recurrence__in=Milestone.RECURRING, completed_on__isnull=True)
    ).values("pk")


def flag_late_milestones(on, now=None) -> int:
    now = now or timezone.now()
    # An item withdrawn because its due date moved (closed by no one) is late again once
    # the new date has passed: it reopens, with its history.
    Alert.objects.filter(
        milestone__in=late_candidates(on),
        closed_at__isnull=False,
        closed_by__isnull=True,
        resolved_on__isnull=True,
    ).update(closed_at=None, closing_note="")
    return flag_late_one_off_milestones(on, now) + flag_late_recurring_milestones(on, now)


def flag_late_one_off_milestones(on, now) -> int:
    """One INSERT … SELECT. A one-off milestone is late once, whatever year its (moved)
    due date falls in: one with an item already, of any period, gets no other."""
    return insert_from(
        Alert,
        reads_its_table=True,
        queryset=Milestone.objects.overdue(on).filter(
            ~Exists(Alert.objects.filter(milestone=OuterRef("pk")))
        ),
        kind=Value(Alert.Kind.MILESTONE_OVERDUE.value),
        milestone=F("pk"),
        task=F("task_id"),  # none for a plan's dated goal: told to its goal bureaus
        plan=F("plan_id"),
        period=ExtractYear("due_date"),
        due_date=F("due_date"),
        flagged_at=Value(now),
        notified_at=Value(now),  # told below, in the same transaction
        step=Value(""),
        closing_note=Value(""),
    )


def _same_day_in(year: int, date: datetime.date) -> datetime.date:
    """``date``'s day and month in ``year`` (29 February becomes the 28th in a common year)."""
    if date.month == 2 and date.day == 29 and not calendar.isleap(year):
        return datetime.date(year, 2, 28)
    return date.replace(year=year)


def flag_late_recurring_milestones(on, now) -> int:
    """A recurring milestone is judged per calendar year, from its first year (its due
    date's, or the plans' first) to the plans' last, once its yearly due day (or, ongoing,
    the year's end) has passed: late for a year without an approved report submitted in
    it. One query a year reads the milestones late for it and not flagged yet (none on a
    rerun); their due dates of the year are computed here."""
    recurring = (
        Milestone.objects.filter(recurrence__in=Milestone.RECURRING)
        .filter(completed_on__isnull=True)
        .order_by()
    )
    earliest = recurring.aggregate(year=Min(ExtractYear("due_date")))["year"]
    first = min(earliest or status.PLAN_START.year, status.PLAN_START.year)
    flagged = 0
    for year in range(first, min(status.PLAN_LAST_DEADLINE.year, on.year) + 1):
        judged = Q(due_date__year__lte=year)
        if year >= status.PLAN_START.year:
            judged |= Q(due_date__isnull=True)
        if year == on.year:  # only once the day has passed (never the year's end)
            judged &= Q(due_date__month__lt=on.month) | Q(
                due_date__month=on.month, due_date__day__lt=on.day
            )
        late = (
            recurring.filter(judged)
            .exclude(Exists(Alert.objects.filter(milestone=OuterRef("pk"), period=year)))
            .exclude(
                Exists(
                    MilestoneReport.objects.approved().filter(
                        milestone=OuterRef("pk"), submitted_at__year=year
                    )
                )
            )
            .values_list("pk", "task_id", "plan_id", "due_date")
        )
        new = []
        for pk, task_id, plan_id, due_date in late:
            due = _same_day_in(year, due_date) if due_date else datetime.date(year, 12, 31)
            if due < on:
                new.append(
                    Alert(
                        kind=Alert.Kind.MILESTONE_OVERDUE,
                        milestone_id=pk,
                        task_id=task_id,
                        plan_id=plan_id,
                        period=year,
                        due_date=due,
                        flagged_at=now,
                        notified_at=now,
                    )
                )
        Alert.objects.bulk_create(new, batch_size=BATCH, ignore_conflicts=True)
        flagged += len(new)
    return flagged


def behind_targets(on) -> dict[tuple[int, int], Target]:
    """Targets judged behind ``on``, by (target, year judged)."""
    targets = list(Target.objects.all())
    progress = progress_by_target(targets, on)
    return {
        (target.pk, min(on, target.deadline).year): target
        for target in targets
        if progress[target.pk].status == status.TargetStatus.BEHIND
    }


def flag_behind_targets(behind, on, now) -> int:
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
            flagged_at=now,
            notified_at=now,
        )
        for (pk, year), target in behind.items()
        if (pk, year) not in existing
    ]
    Alert.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def flag_overdue_complaints(on, now) -> int:
    """One INSERT … SELECT: an open complaint past its verification deadline, once. The
    item concerns the bureau verifying it, not the task the complaint is about: a task's
    light stays the light of its own milestones and targets."""
    return insert_from(
        Alert,
        reads_its_table=True,
        queryset=Complaint.objects.overdue(on).filter(
            ~Exists(Alert.objects.filter(complaint=OuterRef("pk")))
        ),
        kind=Value(Alert.Kind.COMPLAINT_OVERDUE.value),
        complaint=F("pk"),
        plan=F("plan_id"),
        period=ExtractYear("due_on"),
        due_date=F("due_on"),
        flagged_at=Value(now),
        notified_at=Value(now),  # told below, in the same transaction
        step=Value(""),
        closing_note=Value(""),
    )


# Settling: items done late keep their record; items no longer due are withdrawn.


def settle_alerts(behind, on) -> tuple[int, int]:
    """UPDATEs of the items concerned, each selected by EXISTS on the milestone (or the
    report) of the item: no read of the items, and a lookup by key per item, never a join
    of the items with themselves."""
    active = Alert.objects.active()
    milestone_items = active.filter(kind=Alert.Kind.MILESTONE_OVERDUE)
    milestone = Milestone.objects.filter(pk=OuterRef("milestone_id")).order_by()

    completed = milestone.filter(completed_on__isnull=False)
    resolved = milestone_items.filter(Exists(completed)).update(
        resolved_on=Subquery(completed.values("completed_on")[:1])
    )

    # Recurring periods reported since: done on the day of the year's first approved report.
    reported = (
        MilestoneReport.objects.approved()
        .filter(milestone=OuterRef("milestone_id"), submitted_at__year=OuterRef("period"))
        .filter(milestone__recurrence__in=Milestone.RECURRING)
        .order_by("submitted_at")
    )
    resolved += milestone_items.filter(Exists(reported)).update(
        resolved_on=Subquery(reported.values(day=TruncDate("submitted_at"))[:1])
    )

    resolved += settle_complaint_alerts(on)

    still_behind = {target_id for target_id, _year in behind}
    caught_up = [
        pk
        for pk, target_id in active.filter(kind=Alert.Kind.TARGET_BEHIND).values_list(
            "pk", "target_id"
        )
        if target_id not in still_behind
    ]
    for chunk in chunks(caught_up):
        Alert.objects.filter(pk__in=chunk).update(resolved_on=on)
    resolved += len(caught_up)

    # A one-off milestone whose due date was moved later is no longer overdue; an overdue
    # one keeps its alert with the due date it has now. (One EXISTS each, by the
    # milestone's key.)
    once = milestone.filter(recurrence=Milestone.Recurrence.ONCE)
    no_longer_due = once.with_status(on).exclude(status_code=status.MilestoneStatus.OVERDUE)
    withdrawn = milestone_items.filter(Exists(no_longer_due)).update(
        closed_at=timezone.now(), closing_note=_("No longer due: the due date was moved.")
    )
    moved = once.filter(due_date__isnull=False).exclude(due_date=OuterRef("due_date"))
    milestone_items.filter(Exists(moved)).update(due_date=Subquery(moved.values("due_date")[:1]))
    return resolved, withdrawn


def settle_complaint_alerts(on) -> int:
    """A complaint closed late is done on the day it was closed; one whose deadline a
    supervisor moved past today is withdrawn, and reopened if the new deadline passes too,
    with the deadline it has now. Returns how many were done."""
    complaint = Complaint.objects.filter(pk=OuterRef("complaint_id")).order_by()
    Alert.objects.filter(
        complaint__in=Complaint.objects.overdue(on),
        closed_at__isnull=False,
        closed_by__isnull=True,
        resolved_on__isnull=True,
    ).update(closed_at=None, closing_note="")
    items = Alert.objects.active().filter(kind=Alert.Kind.COMPLAINT_OVERDUE)
    closed = complaint.filter(status=Complaint.Status.CLOSED)
    resolved = items.filter(Exists(closed)).update(
        resolved_on=Subquery(closed.values(day=TruncDate("closed_at"))[:1])
    )
    items.filter(Exists(complaint.filter(due_on__gte=on))).update(
        closed_at=timezone.now(), closing_note=_("No longer due: the deadline was moved.")
    )
    moved = complaint.exclude(due_on=OuterRef("due_date"))
    items.filter(Exists(moved)).update(due_date=Subquery(moved.values("due_on")[:1]))
    return resolved


# Telling the bureaus.


def item_expression(prefix: str = ""):
    """``models.item_text`` of an item (through ``prefix``, e.g. ``alert__``), in the
    database."""
    return joined(
        F(f"{prefix}plan__short_name"),
        F(f"{prefix}task__number"),
        first_characters(
            first_non_empty(
                F(f"{prefix}milestone__description"),
                F(f"{prefix}target__indicator"),
                F(f"{prefix}complaint__number"),
            ),
            120,
        ),
    )


def url_expression(alert_id):
    """``alert_url`` of the item ``alert_id`` (an expression), in the database."""
    before, after = _alert_url_pattern().split(str(_URL_SENTINEL))
    return Concat(Value(before), text(alert_id), Value(after), output_field=CharField())


def untold(now, via=""):
    """The items whose bureaus are still to be told: those this run flagged, which carry its
    time from their INSERT (no UPDATE of a hundred thousand rows), and any written by other
    means without it (none so far). ``via``: the path to the item, e.g. ``alert__``."""
    return Q(**{f"{via}notified_at": now}) | Q(**{f"{via}notified_at__isnull": True})


def notify_new_alerts(now) -> int:
    """Record the bureaus of the alerts not yet told, and notify their staff (the lead
    bureau is asked for an explanation). INSERT … SELECT: the bureaus from the tasks'
    assignments (a plan goal's from the bureaus leading the plan's key tasks), then one
    notification per item and member of the staff of a bureau concerned, or one summary per
    member where a bureau has more than ``JIYUAN_NOTIFY_ONE_BY_ONE`` new items."""
    new = Alert.objects.filter(untold(now))
    if not new.exists():
        return 0
    to_tell = AlertBureau.objects.filter(untold(now, "alert__"))
    # A complaint: the bureau it is assigned to verifies it and answers for it.
    links = insert_from(
        AlertBureau,
        new.filter(complaint__isnull=False),
        alert=F("pk"),
        bureau=F("complaint__bureau_id"),
        role=Value(AlertBureau.Role.LEAD.value),
    )
    new_items = new.filter(complaint__isnull=True)
    links += insert_from(
        AlertBureau,
        new_items.filter(task__assignments__isnull=False),
        alert=F("pk"),
        bureau=F("task__assignments__bureau_id"),
        role=F("task__assignments__role"),
    )
    # The plans' general goals (targets and dated goals without a task; a few dozen at most):
    # their plans' key-task leads, who report on them.
    goals = list(new_items.filter(task__isnull=True).values_list("pk", "plan_id"))
    leads = {
        plan_id: list(plan_goal_bureaus(plan_id).values_list("pk", flat=True))
        for plan_id in {plan_id for _pk, plan_id in goals}
    }
    goal_links = [
        AlertBureau(alert_id=pk, bureau_id=bureau_id, role=AlertBureau.Role.LEAD)
        for pk, plan_id in goals
        for bureau_id in leads[plan_id]
    ]
    AlertBureau.objects.bulk_create(goal_links, ignore_conflicts=True)
    links += len(goal_links)
    subject = item_expression("alert__")
    title = Case(
        When(
            alert__kind=Alert.Kind.MILESTONE_OVERDUE,
            then=formatted(
                _("Overdue since %(due)s: %(subject)s"),
                due=IsoDate("alert__due_date"),
                subject=subject,
            ),
        ),
        When(
            alert__kind=Alert.Kind.COMPLAINT_OVERDUE,
            then=formatted(
                _("Complaint not verified by %(due)s: %(subject)s"),
                due=IsoDate("alert__due_date"),
                subject=subject,
            ),
        ),
        default=formatted(
            _("Target behind in %(year)s: %(subject)s"), year=F("alert__period"), subject=subject
        ),
    )
    # Every member of a bureau's staff is told of the same items: a bureau with more new
    # items than are told one by one gets one summary per member instead.
    crowded = {
        bureau_id: (items, leading)
        for bureau_id, items, leading in to_tell.values("bureau_id")
        .annotate(items=Count("pk"), leading=Count("pk", filter=Q(role=AlertBureau.Role.LEAD)))
        .filter(items__gt=settings.JIYUAN_NOTIFY_ONE_BY_ONE)
        .values_list("bureau_id", "items", "leading")
    }
    notified = insert_from(
        Notification,
        to_tell.filter(bureau__staff__in=active_staff()).exclude(bureau_id__in=list(crowded)),
        recipient=F("bureau__staff__id"),
        kind=Case(
            When(
                alert__kind=Alert.Kind.TARGET_BEHIND,
                then=Value(Notification.Kind.TARGET_BEHIND.value),
            ),
            default=Value(Notification.Kind.OVERDUE.value),
        ),
        key=formatted("alert:%(pk)s", pk=F("alert_id")),
        title=first_characters(
            Case(
                When(
                    role=AlertBureau.Role.LEAD,
                    then=formatted(_("%(title)s (explanation requested)"), title=title),
                ),
                default=title,
            ),
            300,
        ),
        url=url_expression(F("alert_id")),
        created_at=Value(now),
    )
    notified += summarise_new_alerts(crowded, now)
    new.filter(notified_at__isnull=True).update(notified_at=now)
    if links or notified:
        refresh_planner_statistics(AlertBureau, Notification)
    return notified


def summarise_new_alerts(crowded, now) -> int:
    """One notification to each member of the staff of each bureau in ``crowded``
    (bureau → its new items, and how many of them it leads), linking to the items flagged
    today."""
    link = f"{reverse('alerts:alert_list')}?state=active&flagged={timezone.localdate(now)}"
    title = _(
        "%(items)s new supervised items for your bureau, %(leading)s of them led by it "
        "(explanation requested)"
    )
    return send_summaries(
        summary(
            user_id,
            Notification.Kind.OVERDUE,
            "alerts",
            now,
            link,
            title % {"items": items, "leading": leading},
        )
        for bureau_id, user_ids in staff_by_bureau(crowded).items()
        for items, leading in [crowded[bureau_id]]
        for user_id in user_ids
    )


def summary(user_id, kind, what, now, url, title) -> Notification:
    """A notification of many things at once; ``what`` they are makes its key, one per run
    (a run's time is its own)."""
    return Notification(
        recipient_id=user_id,
        kind=kind,
        key=f"summary:{what}:{now.isoformat()}",
        title=title,
        url=url,
        created_at=now,
    )


def send_summaries(summaries) -> int:
    return len(Notification.objects.bulk_create(list(summaries), ignore_conflicts=True))


# The ladder.


def _histories(alerts):
    """Steps taken, the last answering explanation and the accepted new date of ``alerts``
    (primary keys)."""
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
    """Take the rung each active item calls for, and tell its recipients.

    ``ladder.next_step`` decides. Its first rung, a 催办 for an item with no step yet once
    it is ``urge_after_days`` overdue (and no accepted explanation's new date still to
    come), is taken for all such items by one INSERT … SELECT. The items already on the
    ladder that may climb today (no step today, none at 约谈 yet, no accepted new date to
    come) are read in batches with their histories and judged in Python."""
    active = Alert.objects.active()
    steps = EscalationStep.objects.filter(alert=OuterRef("pk"))
    waiting = active.exclude(
        Exists(
            Explanation.objects.filter(
                alert=OuterRef("pk"),
                decision=Explanation.Decision.ACCEPTED,
                expected_on__gte=on,
            )
        )
    )
    insert_from(
        EscalationStep,
        reads_its_table=True,
        queryset=waiting.filter(
            ~Exists(steps),
            due_date__lte=on - datetime.timedelta(days=ladder.urge_after_days()),
        ),
        alert=F("pk"),
        step=Value(Step.URGE.value),
        number=Value(1),
        reason=formatted(_(ladder.DAYS_OVERDUE), days=DaysBetween(F("due_date"), Value(on))),
        taken_at=Value(now),
    )
    start_of_day = timezone.make_aware(datetime.datetime.combine(on, datetime.time.min))
    climbing = (
        waiting.filter(Exists(steps))
        .exclude(Exists(steps.filter(taken_at__gte=start_of_day)))  # one rung a day
        .exclude(Exists(steps.filter(step=Step.INTERVIEW)))  # the top
        .order_by("pk")
        .values_list("pk", "due_date")
    )
    # Read once: asked again for each batch, the query is planned anew against the steps
    # the batches before have just written (13 s a batch for 100,000 items on PostgreSQL).
    # Two small values an item: some 10 MB for 100,000.
    candidates = list(climbing)
    for start in range(0, len(candidates), BATCH):
        batch = candidates[start : start + BATCH]
        taken, explained, accepted = _histories([pk for pk, _due in batch])
        new = []
        for pk, due_date in batch:
            explained_at = explained.get(pk)
            rung = ladder.next_step(
                (on - due_date).days,
                taken.get(pk, []),
                timezone.localdate(explained_at) if explained_at else None,
                accepted.get(pk),
                on,
            )
            if rung:
                new.append(
                    EscalationStep(
                        alert_id=pk,
                        step=rung.step,
                        number=rung.number,
                        reason=rung.reason,
                        taken_at=now,
                    )
                )
        EscalationStep.objects.bulk_create(new, ignore_conflicts=True)
    # What this run wrote (a concurrent scan's rows carry its own time).
    taken_now = EscalationStep.objects.filter(taken_at=now, taken_by__isnull=True)
    return record_steps(taken_now, now)


def record_steps(steps, now) -> dict[str, int]:
    """Set each item's current step, choose the recipients of each new step (a queryset,
    taken at ``now``): the lead bureau's staff for a 催办, every bureau concerned for a
    通报, and the supervisors for all but a 催办; and notify them. Counts the steps by
    kind."""
    counts = dict(
        steps.order_by().values("step").annotate(count=Count("pk")).values_list("step", "count")
    )
    if not counts:
        return {}
    refresh_planner_statistics(EscalationStep)
    for step in counts:
        Alert.objects.filter(Exists(steps.filter(alert=OuterRef("pk"), step=step))).update(
            step=step
        )
    through = EscalationStep.recipients.through
    insert_from(
        through,
        steps.filter(
            Q(step=Step.BULLETIN) | Q(alert__bureau_links__role=AlertBureau.Role.LEAD),
            alert__bureau_links__bureau__staff__in=active_staff(),
        ),
        escalationstep=F("pk"),
        user=F("alert__bureau_links__bureau__staff__id"),
    )
    for supervisor in active_supervisors().values_list("pk", flat=True).distinct():
        insert_from(
            through,
            steps.exclude(step=Step.URGE),
            escalationstep=F("pk"),
            user=Value(supervisor),
        )
    title = formatted(
        _("%(step)s: %(item)s"),
        step=Case(
            *(When(escalationstep__step=step, then=Value(str(step.label))) for step in Step),
            default=F("escalationstep__step"),
        ),
        item=item_expression("escalationstep__alert__"),
    )
    recipients = through.objects.filter(escalationstep__in=steps.values("pk"))
    # A person told of more rungs of one kind than one by one gets one summary of them.
    crowded: dict[str, dict[int, int]] = {}
    for user_id, step, items in (
        recipients.values("user_id", "escalationstep__step")
        .annotate(items=Count("pk"))
        .filter(items__gt=settings.JIYUAN_NOTIFY_ONE_BY_ONE)
        .values_list("user_id", "escalationstep__step", "items")
    ):
        crowded.setdefault(step, {})[user_id] = items
    for step, users in crowded.items():
        recipients = recipients.exclude(escalationstep__step=step, user_id__in=list(users))
    insert_from(
        Notification,
        recipients,
        recipient=F("user_id"),
        kind=Value(Notification.Kind.ESCALATION.value),
        key=formatted("step:%(pk)s", pk=F("escalationstep_id")),
        title=first_characters(
            Concat(title, Value(" · "), F("escalationstep__reason"), output_field=CharField()),
            300,
        ),
        url=url_expression(F("escalationstep__alert_id")),
        created_at=F("escalationstep__taken_at"),
    )
    summarise_steps(crowded, now)
    return {step: counts[step] for step in Step if step in counts}


def summarise_steps(crowded, now) -> None:
    """One notification to each person in ``crowded`` (step → person → rungs of that kind
    taken), linking to the items at that step."""
    link = f"{reverse('alerts:alert_list')}?state=active&step="
    send_summaries(
        summary(
            user_id,
            Notification.Kind.ESCALATION,
            step,
            now,
            link + step,
            _("%(step)s: %(items)s supervised items") % {"step": Step(step).label, "items": items},
        )
        for step, users in crowded.items()
        for user_id, items in users.items()
    )


def alert_url(pk: int) -> str:
    """An item's address; reversed once, not once per row of a scan that writes a hundred
    thousand notifications."""
    return _alert_url_pattern().replace(str(_URL_SENTINEL), str(pk))


_URL_SENTINEL = 987654321


@functools.cache
def _alert_url_pattern() -> str:
    return reverse("alerts:alert_detail", args=[_URL_SENTINEL])
