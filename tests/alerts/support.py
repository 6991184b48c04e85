"""Helpers for the supervision (督查督办) tests: late milestones and targets, the items the
scan writes for them, and who was told.

The seed (five plans, loaded once per session) has late milestones and targets of its own,
so the scan flags those too; tests look at their own milestones, targets and bureaus.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from jiyuan_portal.alerts.models import (
    Alert,
    AlertBureau,
    EscalationStep,
    Explanation,
    Notification,
)
from jiyuan_portal.tracking.models import Milestone, Plan
from tests.factories import (
    BureauFactory,
    MilestoneFactory,
    PlanFactory,
    TargetFactory,
    TargetReportFactory,
    TaskFactory,
    bureau_staff,
)

DUE = datetime.date(2017, 5, 31)
# Ten days after DUE: the one-off milestones below are overdue, and have been for a while.
AFTER = datetime.date(2017, 6, 10)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def moment(text: str) -> datetime.datetime:
    """An aware datetime at noon, Beijing time, on that day."""
    return timezone.make_aware(datetime.datetime.combine(day(text), datetime.time(12)))


def late_milestone(*bureaus, due=DUE, section=None, **fields) -> Milestone:
    """A one-off milestone of a new task of ``bureaus`` (the first leads), due ``due``; a
    ``section`` other than a key task keeps the lead from the seeded plan's general goals
    (the bureaus leading a plan's key tasks are told of its late dated goals too)."""
    bureaus = bureaus or (BureauFactory(),)
    task = TaskFactory(bureaus=list(bureaus), **({"section": section} if section else {}))
    return MilestoneFactory(task=task, due_date=due, **fields)


def recurring_milestone(*bureaus, due=None, recurrence=Milestone.Recurrence.YEARLY):
    bureaus = bureaus or (BureauFactory(),)
    return MilestoneFactory(
        task=TaskFactory(bureaus=list(bureaus)),
        due_date=due,
        due_phrase="每年",
        recurrence=recurrence,
    )


def behind_target(task=None, plan=None, year=2020, value=30):
    """A target of 30 by 2020 whose approved figure (1, as of 31 May 2018) is far behind
    the pace from 2017; ``report(target, value, as_of)`` moves it."""
    target = TargetFactory(
        plan=plan or (task.plan if task else PlanFactory()),
        task=task,
        year=year,
        value=Decimal(value),
    )
    TargetReportFactory(target=target, approved=True, value=Decimal(1), as_of=day("2018-05-31"))
    return target


def report(target, value, as_of):
    return TargetReportFactory(target=target, approved=True, value=Decimal(value), as_of=day(as_of))


def fresh_plan(code="alerts-test") -> Plan:
    """A plan of its own, so that its key tasks (and their leads) are only the test's."""
    return PlanFactory(code=code, title="督办测试方案", short_name="督办测试")


def alerts_of(subject):
    """The items written for a milestone or a target."""
    field = "milestone" if isinstance(subject, Milestone) else "target"
    return Alert.objects.filter(**{field: subject})


def the_alert(subject, period=None) -> Alert:
    alerts = alerts_of(subject)
    return alerts.get(period=period) if period is not None else alerts.get()


def roles_of(alert) -> set[tuple[int, str]]:
    return set(AlertBureau.objects.filter(alert=alert).values_list("bureau_id", "role"))


def keys_of(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("key", flat=True))


def steps_of(alert) -> list[tuple[str, int]]:
    return list(EscalationStep.objects.filter(alert=alert).values_list("step", "number"))


def staffed_bureau(**user_fields):
    """A new bureau and one active member of its staff."""
    bureau = BureauFactory()
    return bureau, bureau_staff(bureau, **user_fields)


def flagged_item(*bureaus, due=DUE) -> Alert:
    """An item written as the scan writes it (bureaus linked, already notified), without
    running the scan: for tests of what happens to an item afterwards."""
    milestone = late_milestone(*bureaus, due=due)
    alert = Alert.objects.create(
        kind=Alert.Kind.MILESTONE_OVERDUE,
        milestone=milestone,
        task=milestone.task,
        plan=milestone.task.plan,
        period=due.year,
        due_date=due,
        notified_at=timezone.now(),
    )
    for order, bureau in enumerate(bureaus):
        AlertBureau.objects.create(
            alert=alert,
            bureau=bureau,
            role=AlertBureau.Role.LEAD if order == 0 else AlertBureau.Role.COOPERATING,
        )
    return alert


def explain(alert, author, expected_on, decision=Explanation.Decision.PENDING, **fields):
    return Explanation.objects.create(
        alert=alert,
        bureau=author.bureau,
        author=author,
        reason=fields.pop("reason", "资金未到位"),
        measures=fields.pop("measures", "已协调财政局"),
        expected_on=expected_on,
        decision=decision,
        **fields,
    )
