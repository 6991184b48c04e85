"""The bureau league table (督查排名): how each bureau stands on what it leads.

The figures are counted in four grouped queries (one pass over each table, whatever the
number of bureaus) and kept in ``BureauStanding`` until the data change or the day does, so
the cockpit, the bureau list and each of their pages and orders read them from one table
(computed once per change for every user). The league is a queryset of bureaus annotated
from that table: it filters, sorts, pages and exports in the database. Counted per bureau
by correlated subqueries instead, the table took 1.8-2.8 s at 100,000 milestones.
"""

from django.conf import settings
from django.db.models import Count, ExpressionWrapper, F, FloatField, Max, Q, Value
from django.db.models.functions import Coalesce, NullIf

from jiyuan_portal.alerts.models import AlertBureau, Explanation
from jiyuan_portal.reporting.models import Report, ReviewStatus
from jiyuan_portal.tracking import data_version, status
from jiyuan_portal.tracking.models import Bureau, Milestone, TaskBureau

from .models import BureauStanding

COUNTS = (
    "lead_count",
    "shared_count",
    "due_count",
    "on_time_count",
    "overdue_count",
    "explanations_missing",
    "awaiting_review",
)


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
    refresh_standing(on)
    return Bureau.objects.annotate(
        **{name: Coalesce(F(f"standing__{name}"), Value(0)) for name in COUNTS},
        last_report_at=F("standing__last_report_at"),
    ).annotate(
        on_time_rate=ExpressionWrapper(
            F("on_time_count") * Value(100.0) / NullIf(F("due_count"), Value(0)),
            output_field=FloatField(),
        )
    )


def refresh_standing(on) -> bool:
    """Count the figures again unless they were counted as of ``on`` for the current data
    version; returns whether it counted. The version is read first: a change committed while
    counting leaves the rows a version behind, so the next request counts again. Two
    requests counting at once write the same rows (an upsert on the bureau).

    With the page cache turned off (``JIYUAN_PAGE_CACHE_SECONDS = 0``, as in tests, whose
    data are rolled back and never move the version) the figures are counted every time."""
    version = data_version.current()
    keep = settings.JIYUAN_PAGE_CACHE_SECONDS > 0
    if keep and BureauStanding.objects.filter(data_version=version, as_of=on).exists():
        return False
    figures = standing_figures(on)
    rows = [
        BureauStanding(bureau_id=pk, data_version=version, as_of=on, **figures.get(pk, {}))
        for pk in Bureau.objects.values_list("pk", flat=True)
    ]
    BureauStanding.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["bureau"],
        update_fields=["data_version", "as_of", *COUNTS, "last_report_at"],
    )
    return True


def standing_figures(on) -> dict[int, dict]:
    """Each bureau's figures (see ``bureau_league``) by bureau id, a bureau with nothing to
    count absent: four grouped queries."""
    lead = TaskBureau.Role.LEAD
    explained = Explanation.objects.values("alert_id")
    grouped = (
        TaskBureau.objects.values(of_bureau=F("bureau")).annotate(
            lead_count=Count("pk", filter=Q(role=lead)),
            shared_count=Count("pk", filter=~Q(role=lead)),
        ),
        Milestone.objects.filter(
            task__assignments__role=lead,
            recurrence=Milestone.Recurrence.ONCE,
            due_date__lte=on,
        )
        .values(of_bureau=F("task__assignments__bureau"))
        .annotate(
            due_count=Count("pk"),
            on_time_count=Count("pk", filter=Q(completed_on__lte=F("due_date"))),
        ),
        AlertBureau.objects.filter(
            role=AlertBureau.Role.LEAD,
            alert__resolved_on__isnull=True,
            alert__closed_at__isnull=True,
        )
        .values(of_bureau=F("bureau"))
        .annotate(
            overdue_count=Count("pk"),
            explanations_missing=Count("pk", filter=~Q(alert_id__in=explained)),
        ),
        Report.objects.values(of_bureau=F("bureau")).annotate(
            awaiting_review=Count("pk", filter=Q(status=ReviewStatus.SUBMITTED)),
            last_report_at=Max("submitted_at"),
        ),
    )
    figures: dict[int, dict] = {}
    for queryset in grouped:
        for row in queryset.order_by():
            figures.setdefault(row.pop("of_bureau"), {}).update(row)
    return figures
