"""What supervisors read each week, by bureau: newly overdue items, milestones due within
30 days, targets at risk or behind, reports waiting for review, explanations missing."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count

from jiyuan_portal.reporting.actuals import attach_progress
from jiyuan_portal.reporting.models import Report
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Bureau, Milestone, Target, TaskBureau

from .models import Alert, AlertBureau

WEEK = datetime.timedelta(days=7)
DUE_WITHIN = datetime.timedelta(days=30)


@dataclass
class BureauLine:
    bureau: Bureau
    newly_overdue: int = 0
    explanations_missing: int = 0
    awaiting_review: int = 0
    due_within_30_days: int = 0

    @property
    def is_empty(self) -> bool:
        return not (
            self.newly_overdue
            or self.explanations_missing
            or self.awaiting_review
            or self.due_within_30_days
        )


@dataclass
class SupervisorSummary:
    on: datetime.date
    newly_overdue: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)
    targets_at_risk: list = field(default_factory=list)
    awaiting_review: int = 0
    explanations_missing: int = 0
    bureaus: list = field(default_factory=list)


def _count_by_lead(alerts) -> dict[int, int]:
    return dict(
        AlertBureau.objects.filter(alert__in=alerts, role=AlertBureau.Role.LEAD)
        .values("bureau_id")
        .annotate(n=Count("pk"))
        .values_list("bureau_id", "n")
    )


def supervisor_summary(on: datetime.date | None = None) -> SupervisorSummary:
    on = on or status.today()
    week_start = datetime.datetime.combine(on - WEEK, datetime.time.min).astimezone()
    newly = Alert.objects.active().filter(flagged_at__gte=week_start)
    missing = Alert.objects.explanation_missing()
    due_soon = Milestone.objects.filter(
        recurrence=Milestone.Recurrence.ONCE,
        completed_on__isnull=True,
        due_date__gte=on,
        due_date__lte=on + DUE_WITHIN,
    ).select_related("task__plan")
    waiting = Report.objects.awaiting_review()
    targets = attach_progress(Target.objects.select_related("plan", "task"), on)

    newly_by_bureau = _count_by_lead(newly)
    missing_by_bureau = _count_by_lead(missing)
    waiting_by_bureau = dict(
        waiting.order_by().values("bureau_id").annotate(n=Count("pk")).values_list("bureau_id", "n")
    )
    due_by_bureau = dict(
        TaskBureau.objects.filter(role=TaskBureau.Role.LEAD, task__milestones__in=due_soon)
        .values("bureau_id")
        .annotate(n=Count("task__milestones"))
        .values_list("bureau_id", "n")
    )
    lines = [
        BureauLine(
            bureau,
            newly_by_bureau.get(bureau.pk, 0),
            missing_by_bureau.get(bureau.pk, 0),
            waiting_by_bureau.get(bureau.pk, 0),
            due_by_bureau.get(bureau.pk, 0),
        )
        for bureau in Bureau.objects.all()
    ]
    return SupervisorSummary(
        on=on,
        newly_overdue=list(newly.select_related("plan", "task", "milestone", "target")[:50]),
        due_soon=list(due_soon.order_by("due_date")[:50]),
        targets_at_risk=[
            target
            for target in targets
            if target.progress.status in (status.TargetStatus.AT_RISK, status.TargetStatus.BEHIND)
        ],
        awaiting_review=waiting.count(),
        explanations_missing=missing.count(),
        bureaus=[line for line in lines if not line.is_empty],
    )
