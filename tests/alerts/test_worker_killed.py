"""A worker killed (SIGKILL) in the middle of the supervision scan: once Redis has given
the unacknowledged job to a new worker, the database holds what one clean scan writes, no
item, notification or email missing or doubled.

Deterministic rather than timed: a second connection holds ``alerts_notification`` locked,
so the worker's scan stops at its first notification, after it has written the items
(in its open transaction); the test sees that wait in ``pg_stat_activity``, kills the
worker's process group (the prefork pool of production, parent and child at once), releases
the lock, and starts a second worker once the message's visibility timeout has passed.
Needs PostgreSQL (the lock, and a database that other processes can share) and Redis (the
broker that redelivers); skipped otherwise.

Why prefork and not ``--pool=solo``: a solo worker runs the job inside its event loop, which
sends even an early acknowledgement only after the job returns, so a killed solo worker
leaves its job to be redelivered whatever ``CELERY_TASK_ACKS_LATE`` says; with prefork the
test fails if the job is acknowledged before it has run.
"""

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from contextlib import suppress
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings
from django.db import connection
from kombu.utils.json import loads

from jiyuan_portal.alerts import emails, scan
from jiyuan_portal.alerts.models import (
    Alert,
    AlertBureau,
    EscalationStep,
    Notification,
    NotificationPreference,
    OutgoingEmail,
    Step,
)
from jiyuan_portal.alerts.tasks import flag_overdue
from jiyuan_portal.celery import app
from jiyuan_portal.tracking.models import Task
from tests.alerts.support import late_milestone, staffed_bureau
from tests.factories import bureau_staff

BASE_DIR = Path(settings.BASE_DIR)
# Seconds after its delivery that Redis hands an unacknowledged message to another worker.
VISIBILITY_TIMEOUT = 2
DEADLINE = 60


def _why_not_here() -> str | None:
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return "needs PostgreSQL (DATABASE_URL=postgres://…): a real worker shares the database"
    if not os.environ.get("DATABASE_URL"):
        return "needs DATABASE_URL, to point the worker at the test database"
    if not settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        return "needs Redis (CELERY_BROKER_URL=redis://…): the broker that redelivers"
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "needs a real broker, not CELERY_TASK_ALWAYS_EAGER"
    return None


pytestmark = pytest.mark.skipif(_why_not_here() is not None, reason=str(_why_not_here()))


class Broker:
    """The test's corner of Redis: its queue, under a key prefix of its own (see
    ``tests/alerts/worker_settings.py``), read the way kombu's Redis transport writes it."""

    def __init__(self):
        import redis

        name = f"jiyuan-kill-{uuid.uuid4().hex[:12]}"
        self.queue, self.prefix = name, f"{name}:"
        self.redis = redis.Redis.from_url(settings.CELERY_BROKER_URL)

    def send(self, task) -> str:
        options = {"global_keyprefix": self.prefix}
        with app.connection_for_write(transport_options=options) as broker:
            return task.apply_async(queue=self.queue, connection=broker).id

    def unacked(self) -> dict[str, float]:
        """Task id → when it was delivered, of the messages delivered and not acknowledged."""
        delivered = {}
        for tag, raw in self.redis.hgetall(f"{self.prefix}unacked").items():
            message, _exchange, _routing_key = loads(raw)
            delivered[message["headers"]["id"]] = self.redis.zscore(
                f"{self.prefix}unacked_index", tag
            )
        return delivered

    def waiting(self) -> int:
        return self.redis.llen(f"{self.prefix}{self.queue}")

    def clear(self):
        for key in self.redis.scan_iter(match=f"{self.prefix}*"):
            self.redis.delete(key)
        self.redis.close()


class Worker:
    """``celery worker`` in its own process group, on the test database and queue."""

    def __init__(self, name: str, broker: Broker, log_dir: Path):
        database_url = urlsplit(os.environ["DATABASE_URL"])._replace(
            path="/" + quote(connection.settings_dict["NAME"])
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.alerts.worker_settings",
            "DATABASE_URL": database_url.geturl(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "JIYUAN_TEST_QUEUE": broker.queue,
            "JIYUAN_TEST_BROKER_PREFIX": broker.prefix,
            "PYTHONUNBUFFERED": "1",
        }
        self.log = log_dir / f"{name}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "celery", "-A", "jiyuan_portal", "worker"),
                    *("--pool=prefork", "--concurrency=1", "--loglevel=INFO"),
                    *("-Q", broker.queue, "-n", f"{name}-{broker.queue}@%h"),
                    *("--without-heartbeat", "--without-gossip", "--without-mingle"),
                ],
                cwd=BASE_DIR,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def check_alive(self):
        if self.process.poll() is not None:
            pytest.fail(f"the worker exited ({self.process.returncode}):\n{self.output()}")

    def kill(self):
        """SIGKILL to the parent and its pool child at once (while the parent is not
        reaped, its id is still its process group's)."""
        if self.process.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=15)

    def stop(self):
        """A warm shutdown (the parent stops its pool), or a kill if it takes too long."""
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()


def wait_for(what: str, check, worker: Worker, deadline: float = DEADLINE, alive=True):
    """Poll ``check`` until it answers, failing (with the worker's log) after ``deadline``
    seconds or, if it is to be ``alive``, as soon as the worker has exited."""
    end = time.monotonic() + deadline
    while True:
        if alive:
            worker.check_alive()
        found = check()
        if found:
            return found
        if time.monotonic() > end:
            pytest.fail(f"no {what} after {deadline} s; the worker's log:\n{worker.output()}")
        time.sleep(0.1)


def blocked_scan(locker_pid: int):
    """(pid, statement) of the backend waiting for the test's lock, if one is."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, query FROM pg_stat_activity"
            " WHERE wait_event_type = 'Lock' AND %s = ANY(pg_blocking_pids(pid))",
            [locker_pid],
        )
        return cursor.fetchone()


def tables_written_by(pid: int) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relation::regclass::text FROM pg_locks"
            " WHERE pid = %s AND granted AND mode = 'RowExclusiveLock'",
            [pid],
        )
        return {table for (table,) in cursor.fetchall()}


def backend_gone(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone()[0] == 0


def scan_output() -> dict[str, Counter]:
    """Everything the scan and the email queueing wrote, named by what it stands for
    (the milestone or target, the rung, the recipient) rather than by primary keys."""
    items = {
        alert.pk: (alert.kind, alert.milestone_id, alert.target_id, alert.period)
        for alert in Alert.objects.all()
    }
    steps = {
        step.pk: (items[step.alert_id], step.step, step.number)
        for step in EscalationStep.objects.all()
    }

    def meaning(key: str):
        kind, _colon, pk = key.partition(":")
        return {"alert": items, "step": steps}.get(kind, {}).get(int(pk or 0), key)

    notifications = {n.pk: (n.recipient_id, meaning(n.key)) for n in Notification.objects.all()}

    def email_meaning(key: str):
        kind, _colon, pk = key.partition(":")
        return notifications[int(pk)] if kind == "notification" else key

    return {
        "items": Counter(
            (
                items[alert.pk],
                alert.task_id,
                alert.plan_id,
                alert.due_date,
                alert.step,
                alert.notified_at is not None,
                alert.resolved_on,
                alert.closed_at is not None,
                alert.closing_note,
            )
            for alert in Alert.objects.all()
        ),
        "bureaus": Counter(
            (items[link.alert_id], link.bureau_id, link.role) for link in AlertBureau.objects.all()
        ),
        "steps": Counter(
            (steps[step.pk], step.reason, frozenset(step.recipients.values_list("pk", flat=True)))
            for step in EscalationStep.objects.prefetch_related("recipients")
        ),
        "notifications": Counter(
            (*notifications[n.pk], n.kind, n.title, n.emailed_at is not None)
            for n in Notification.objects.all()
        ),
        "emails": Counter(
            (email.recipient_id, email.address, email.subject, email_meaning(email.key))
            for email in OutgoingEmail.objects.all()
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_scan_leaves_after_redelivery_one_of_everything(seed, tmp_path):
    first_bureau, first = staffed_bureau(email="first@example.org")
    second_of_first = bureau_staff(first_bureau, email="second@example.org")
    other_bureau, other = staffed_bureau(email="other@example.org")
    NotificationPreference.objects.create(user=first, email=NotificationPreference.Email.IMMEDIATE)
    milestones = [
        late_milestone(first_bureau, section=Task.Section.SAFEGUARD),
        late_milestone(first_bureau, other_bureau, section=Task.Section.SAFEGUARD),
        late_milestone(other_bureau, section=Task.Section.SAFEGUARD),
    ]
    staff = {first_bureau.pk: {first.pk, second_of_first.pk}, other_bureau.pk: {other.pk}}
    people = {first.pk, second_of_first.pk, other.pk}

    broker = Broker()
    locker = connection.get_new_connection(connection.get_connection_params())
    workers = []
    try:
        locker.autocommit = False
        with locker.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            (locker_pid,) = cursor.fetchone()
            cursor.execute("LOCK TABLE alerts_notification IN ACCESS EXCLUSIVE MODE")

        task_id = broker.send(flag_overdue)
        killed = Worker("killed", broker, tmp_path)
        workers.append(killed)

        # The scan has written its items and waits to write their notifications.
        pid, statement = wait_for(
            "scan waiting for the lock", lambda: blocked_scan(locker_pid), killed
        )
        assert statement.startswith('INSERT INTO "alerts_notification"'), statement
        assert {"alerts_alert", "alerts_alertbureau"} <= tables_written_by(pid)
        assert task_id in broker.unacked()  # delivered, not acknowledged (acks_late)

        killed.kill()
        assert killed.process.returncode == -signal.SIGKILL
        locker.rollback()
        # PostgreSQL ends the dead worker's session (rolling its transaction back) when
        # it next talks to the client, once the lock is released.
        wait_for(
            "end of the killed worker's session",
            lambda: backend_gone(pid),
            killed,
            deadline=15,
            alive=False,
        )

        assert not Alert.objects.exists()
        assert not AlertBureau.objects.exists()
        assert not Notification.objects.exists()
        assert not OutgoingEmail.objects.exists()
        delivered_at = broker.unacked()[task_id]  # still there, for another worker
        assert broker.waiting() == 0
        assert f"alerts.flag_overdue[{task_id}] received" in killed.output()

        # A worker restores the messages whose visibility timeout has passed when it starts
        # (and then only every ~100 s: kombu's 10 s sweep scans one time in ten).
        time.sleep(max(0.0, delivered_at + VISIBILITY_TIMEOUT + 0.5 - time.time()))
        redelivered = Worker("redelivered", broker, tmp_path)
        workers.append(redelivered)

        def all_done():
            sent = OutgoingEmail.objects.filter(recipient=first)
            return (
                Alert.objects.filter(milestone__in=milestones).exists()
                and sent.exists()
                and not sent.filter(sent_at__isnull=True).exists()
                and not broker.unacked()
                and broker.waiting() == 0
            )

        wait_for("redelivered scan, emails sent and acknowledged", all_done, redelivered)
        redelivered.stop()
        log = redelivered.output()
        assert log.count(f"alerts.flag_overdue[{task_id}] succeeded") == 1, log
        assert len(re.findall(r"alerts\.flag_overdue\[[^]]+\] succeeded", log)) == 1, log
        assert len(re.findall(r"alerts\.send_pending_emails\[[^]]+\] succeeded", log)) == 1

        # One item per milestone, its bureaus told once, one 催办 to its lead bureau.
        expected = set()
        for milestone in milestones:
            alert = Alert.objects.get(milestone=milestone)
            bureaus = list(milestone.task.assignments.values_list("bureau_id", "role"))
            assert set(alert.bureau_links.values_list("bureau_id", "role")) == set(bureaus)
            step = alert.steps.get()
            assert (step.step, step.number) == (Step.URGE, 1)
            lead = next(bureau for bureau, role in bureaus if role == AlertBureau.Role.LEAD)
            assert set(step.recipients.values_list("pk", flat=True)) == staff[lead]
            expected |= {(user, f"alert:{alert.pk}") for b, _r in bureaus for user in staff[b]}
            expected |= {(user, f"step:{step.pk}") for user in staff[lead]}
        told = list(
            Notification.objects.filter(recipient__in=people).values_list("recipient", "key")
        )
        assert sorted(told) == sorted(expected)
        assert len(told) == 11

        # The user who wants email at once: one email per notification, sent once.
        outbox = OutgoingEmail.objects.filter(recipient=first)
        assert sorted(outbox.values_list("key", flat=True)) == sorted(
            f"notification:{pk}"
            for pk in Notification.objects.filter(recipient=first).values_list("pk", flat=True)
        )
        assert outbox.count() == 4
        assert not outbox.exclude(attempts=0).exists()
        assert len(re.findall(r"^To: first@example\.org$", log, re.MULTILINE)) == 4, log
        assert not OutgoingEmail.objects.exclude(recipient=first).exists()

        # And all of it (the seed's late items included) is what one clean scan writes.
        after_the_kill = scan_output()
        assert all(after_the_kill.values())
        OutgoingEmail.objects.all().delete()
        Notification.objects.all().delete()
        Alert.objects.all().delete()
        scan.run_scan()
        emails.queue_immediate_emails()
        assert scan_output() == after_the_kill
    finally:
        for worker in workers:
            worker.kill()
        with suppress(Exception):
            locker.rollback()
        locker.close()
        broker.clear()
