"""The bureau league table (督查排名): how each bureau stands on what it leads, computed in
the database so that the table sorts, pages and exports on every column in a fixed number
of queries however many bureaus, tasks and reports there are."""

from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, NullIf

from jiyuan_portal.alerts.models import AlertBureau, Explanation
from jiyuan_portal.reporting.models import Report, ReviewStatus
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Bureau, Milestone, TaskBureau


def _count(queryset, outer_field):
    """A correlated ``COUNT(*)`` of ``queryset`` rows whose ``outer_field`` is the bureau."""
    counted = (
        queryset.filter(**{outer_field: OuterRef("pk")})
        .order_by()
        .values(outer_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def bureau_league(on=None):
    """Every bureau annotated with its standing as of ``on`` (today):

    - ``lead_count`` / ``shared_count``: tasks it leads (牵头) and shares (配合);
    - ``due_count`` / ``on_time_count`` / ``on_time_rate``: one-off milestones of the tasks it
      leads that were due by ``on``, those completed by their due date, and the share in per
      cent (None when nothing was due yet);
    - ``overdue_count``: items under supervision it leads that are still late (the red list);
    - ``explanations_missing``: of those, the ones without a 情况说明;
    - ``awaiting_review``: its reports submitted and not yet reviewed;
    - ``last_report_at``: when it last submitted a report.
    """
    on = on or status.today()
    lead = TaskBureau.Role.LEAD
    led_milestones = Milestone.objects.filter(
        task__assignments__role=lead, recurrence=Milestone.Recurrence.ONCE, due_date__lte=on
    )
    late_items = AlertBureau.objects.filter(
        role=AlertBureau.Role.LEAD, alert__resolved_on__isnull=True, alert__closed_at__isnull=True
    )
    reports = Report.objects.filter(bureau=OuterRef("pk"))
    # Correlated subqueries only, no GROUP BY: the paginator's count() then drops them all.
    return Bureau.objects.annotate(
        lead_count=_count(TaskBureau.objects.filter(role=lead), "bureau"),
        shared_count=_count(TaskBureau.objects.exclude(role=lead), "bureau"),
        due_count=_count(led_milestones, "task__assignments__bureau"),
        on_time_count=_count(
            led_milestones.filter(completed_on__lte=F("due_date")), "task__assignments__bureau"
        ),
        overdue_count=_count(late_items, "bureau"),
        explanations_missing=_count(
            late_items.filter(~Exists(Explanation.objects.filter(alert=OuterRef("alert_id")))),
            "bureau",
        ),
        awaiting_review=_count(Report.objects.filter(status=ReviewStatus.SUBMITTED), "bureau"),
        last_report_at=Subquery(
            reports.filter(submitted_at__isnull=False)
            .order_by()
            .values("bureau")
            .annotate(last=Max("submitted_at"))
            .values("last")
        ),
    ).annotate(
        on_time_rate=ExpressionWrapper(
            F("on_time_count") * Value(100.0) / NullIf(F("due_count"), Value(0)),
            output_field=FloatField(),
        )
    )
