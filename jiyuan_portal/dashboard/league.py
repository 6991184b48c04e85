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
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, NullIf

from jiyuan_portal.alerts.models import AlertBureau, Explanation
from jiyuan_portal.reporting.models import Report, ReviewStatus
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Bureau, Milestone, TaskBureau


def _count(model, outer_field, *conditions, **lookups):
    """A correlated ``COUNT(*)`` of ``model`` rows meeting the conditions whose
    ``outer_field`` is the bureau. One ``filter()`` call: across a multi-valued relation
    (a task's bureaus) conditions given in two calls would each join it anew."""
    counted = (
        model.objects.filter(*conditions, **lookups, **{outer_field: OuterRef("pk")})
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
    led_milestones = {
        "task__assignments__role": lead,
        "recurrence": Milestone.Recurrence.ONCE,
        "due_date__lte": on,
    }
    by_lead = "task__assignments__bureau"
    late_items = {
        "role": AlertBureau.Role.LEAD,
        "alert__resolved_on__isnull": True,
        "alert__closed_at__isnull": True,
    }
    unexplained = ~Exists(Explanation.objects.filter(alert=OuterRef("alert_id")))
    # Correlated subqueries only, no GROUP BY: the paginator's count() then drops them all.
    return Bureau.objects.annotate(
        lead_count=_count(TaskBureau, "bureau", role=lead),
        shared_count=_count(TaskBureau, "bureau", ~Q(role=lead)),
        due_count=_count(Milestone, by_lead, **led_milestones),
        on_time_count=_count(Milestone, by_lead, completed_on__lte=F("due_date"), **led_milestones),
        overdue_count=_count(AlertBureau, "bureau", **late_items),
        explanations_missing=_count(AlertBureau, "bureau", unexplained, **late_items),
        awaiting_review=_count(Report, "bureau", status=ReviewStatus.SUBMITTED),
        last_report_at=Subquery(
            Report.objects.filter(bureau=OuterRef("pk"), submitted_at__isnull=False)
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
