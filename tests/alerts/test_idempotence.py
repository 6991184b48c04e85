"""Running the scan twice, or having it fail halfway, or two scans at once, writes each
item, notification and step once: one transaction, and unique constraints in the database."""

import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from jiyuan_portal.alerts import scan
from jiyuan_portal.alerts.models import (
    Alert,
    AlertBureau,
    EscalationStep,
    Notification,
    Step,
)
from tests.alerts.support import (
    AFTER,
    DUE,
    behind_target,
    day,
    late_milestone,
    staffed_bureau,
)
from tests.factories import BureauFactory, TaskFactory, bureau_staff, supervisor

pytestmark = pytest.mark.usefixtures("seed")


def late_work():
    """Two late milestones of staffed bureaus (one shared), a target behind, a supervisor."""
    lead, _ = staffed_bureau()
    other, _ = staffed_bureau()
    late_milestone(lead, other)
    late_milestone(other)
    behind_target(task=TaskFactory(bureaus=[lead]))
    supervisor()


def written() -> dict:
    """What the scans wrote, by natural keys (primary keys differ between runs)."""
    subjects = {
        pk: f"{kind}:{milestone_id or target_id}:{period}"
        for pk, kind, milestone_id, target_id, period in Alert.objects.values_list(
            "pk", "kind", "milestone_id", "target_id", "period"
        )
    }
    return {
        "alerts": sorted(
            (subjects[pk], str(due_date), step)
            for pk, due_date, step in Alert.objects.values_list("pk", "due_date", "step")
        ),
        "bureaus": sorted(
            (subjects[alert_id], bureau_id, role)
            for alert_id, bureau_id, role in AlertBureau.objects.values_list(
                "alert_id", "bureau_id", "role"
            )
        ),
        "notifications": sorted(
            (recipient, kind, subjects[int(key.removeprefix("alert:"))])
            for recipient, kind, key in Notification.objects.filter(
                key__startswith="alert:"
            ).values_list("recipient_id", "kind", "key")
        ),
        "steps": sorted(
            (subjects[step.alert_id], step.step, step.number, tuple(sorted(recipients)))
            for step in EscalationStep.objects.all()
            for recipients in [step.recipients.values_list("pk", flat=True)]
        ),
        "step_notifications": Notification.objects.filter(key__startswith="step:").count(),
    }


def nothing_written():
    return not (
        Alert.objects.exists()
        or AlertBureau.objects.exists()
        or Notification.objects.exists()
        or EscalationStep.objects.exists()
    )


ON = day("2018-06-01")


def test_two_scans_in_a_row_write_each_item_notification_and_step_once():
    late_work()
    scan.run_scan(on=ON)
    once = written()

    scan.run_scan(on=ON)

    assert written() == once
    assert once["alerts"] and once["bureaus"] and once["notifications"] and once["steps"]


def clean_run() -> dict:
    """What a scan writes from the present state, then undone."""
    with transaction.atomic():
        scan.run_scan(on=ON)
        result = written()
        transaction.set_rollback(True)
    return result


@pytest.mark.parametrize("failing", ["notify_new_alerts", "escalate", "record_steps"])
def test_a_scan_failing_halfway_leaves_nothing_and_a_rerun_does_the_whole_work(
    monkeypatch, failing
):
    late_work()
    expected = clean_run()
    assert expected["notifications"] and expected["steps"]
    real = getattr(scan, failing)

    def fails_after_working(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("worker killed")

    monkeypatch.setattr(scan, failing, fails_after_working)
    with pytest.raises(RuntimeError):
        scan.run_scan(on=ON)
    assert nothing_written()

    monkeypatch.undo()
    scan.run_scan(on=ON)

    assert written() == expected


# The database keeps duplicates out, whatever the code does.


def test_the_database_refuses_a_second_item_for_the_same_milestone_and_period():
    milestone = late_milestone()
    fields = {
        "kind": Alert.Kind.MILESTONE_OVERDUE,
        "milestone": milestone,
        "task": milestone.task,
        "plan": milestone.task.plan,
        "due_date": DUE,
    }
    Alert.objects.create(period=2017, **fields)
    Alert.objects.create(period=2018, **fields)  # another period is another item

    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.create(period=2017, **fields)


def test_the_database_refuses_a_second_item_for_the_same_target_and_year():
    target = behind_target(task=TaskFactory(bureaus=[BureauFactory()]))
    fields = {
        "kind": Alert.Kind.TARGET_BEHIND,
        "target": target,
        "task": target.task,
        "plan": target.plan,
        "period": 2018,
        "due_date": ON,
    }
    Alert.objects.create(**fields)

    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.create(**fields)


def test_the_database_refuses_an_item_about_both_a_milestone_and_a_target():
    milestone = late_milestone()
    target = behind_target(task=milestone.task)

    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.create(
            kind=Alert.Kind.MILESTONE_OVERDUE,
            milestone=milestone,
            target=target,
            plan=milestone.task.plan,
            period=2017,
            due_date=DUE,
        )


def test_the_database_refuses_the_same_notification_twice_and_the_same_rung_twice():
    bureau, staff = staffed_bureau()
    late_milestone(bureau)
    scan.run_scan(on=AFTER)
    notification = Notification.objects.filter(recipient=staff).first()
    step = EscalationStep.objects.filter(alert__bureau_links__bureau=bureau).get()

    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            recipient=staff, kind=notification.kind, key=notification.key, title="again"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        EscalationStep.objects.create(alert=step.alert, step=Step.URGE, number=1, reason="again")
    with pytest.raises(IntegrityError), transaction.atomic():
        AlertBureau.objects.create(alert=step.alert, bureau=bureau, role="lead")


# Two scans at once (PostgreSQL: SQLite serialises writers, so nothing races there).


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (DATABASE_URL=postgres://…); SQLite has a single writer",
)
@pytest.mark.django_db(transaction=True)
def test_two_scans_running_at_once_write_each_item_once(settings):
    settings.JIYUAN_NOTIFY_ONE_BY_ONE = 100  # each of the 21 items told one by one
    lead, lead_staff = staffed_bureau()
    other = BureauFactory()
    bureau_staff(other)
    milestones = [late_milestone(lead, other) for _ in range(20)]
    target = behind_target(task=TaskFactory(bureaus=[lead]))
    supervisor()
    start = threading.Barrier(2)
    errors = []

    def run():
        try:
            start.wait(timeout=10)
            scan.run_scan(on=ON)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    for milestone in milestones:
        alert = Alert.objects.get(milestone=milestone)
        assert alert.bureau_links.count() == 2
        assert Notification.objects.filter(key=f"alert:{alert.pk}").count() == 2
        assert EscalationStep.objects.filter(alert=alert).count() == 1
    assert Alert.objects.filter(target=target).count() == 1
    assert Notification.objects.filter(recipient=lead_staff, kind="escalation").count() == 20
