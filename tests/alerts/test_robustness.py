"""With the broker (Redis) down, pages and jobs go on: a job queued after a commit is
logged as not sent, and the admin's "run selected tasks" says so instead of a 500."""

import logging

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django_celery_beat.models import PeriodicTask
from kombu.exceptions import OperationalError

from jiyuan_portal.alerts import actions, tasks
from jiyuan_portal.alerts.queueing import enqueue
from jiyuan_portal.celery import app
from tests.alerts.support import flagged_item, staffed_bureau
from tests.factories import portal_admin, supervisor


def broker_down(*args, **kwargs):
    raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def test_a_job_queued_with_the_broker_down_is_logged_and_not_raised(
    db, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tasks.send_pending_emails, "apply_async", broker_down)

    with (
        caplog.at_level(logging.ERROR, logger="jiyuan_portal.alerts.queueing"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        enqueue(tasks.send_pending_emails, 1, 2)

    assert len(callbacks) == 1
    [record] = [r for r in caplog.records if r.name == "jiyuan_portal.alerts.queueing"]
    assert record.levelno == logging.ERROR
    assert "alerts.send_pending_emails" in record.getMessage()
    assert record.exc_info[0] is OperationalError


def test_nothing_is_queued_before_the_transaction_commits(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(
        tasks.send_pending_emails, "apply_async", lambda args=(), **kw: sent.append(args)
    )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue(tasks.send_pending_emails, 7)
        assert sent == []

    callbacks[0]()
    assert sent == [(7,)]


def test_an_action_succeeds_with_the_broker_down(
    seed, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    """A supervisor's action is saved and notified; only the email job is not queued."""
    lead, lead_staff = staffed_bureau()
    alert = flagged_item(lead)
    monkeypatch.setattr(tasks.send_queued_notifications, "apply_async", broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        step = actions.escalate_by_hand(alert, supervisor(), "催办")

    assert list(step.recipients.all()) == [lead_staff]
    assert "Could not queue" in caplog.text


@pytest.fixture
def admin_client(client, db):
    client.force_login(portal_admin())
    return client


@pytest.fixture
def admin_log():
    """The admin's log records. (The action imports the task modules through Celery, whose
    Django fix-up calls ``django.setup()`` again: that reconfigures logging and drops
    pytest's ``caplog`` handler from the root logger, so listen on the logger itself.)"""
    records = []
    handler = logging.Handler(level=logging.ERROR)
    handler.emit = records.append
    logger = logging.getLogger("jiyuan_portal.alerts.admin")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def test_running_a_periodic_task_from_the_admin_with_the_broker_down_says_so(
    admin_client, monkeypatch, admin_log
):
    app.loader.import_default_modules()
    monkeypatch.setattr(app.tasks["alerts.flag_overdue"], "apply_async", broker_down)
    scan = PeriodicTask.objects.get(task="alerts.flag_overdue")
    changelist = reverse("admin:django_celery_beat_periodictask_changelist")

    response = admin_client.post(changelist, {"action": "run_tasks", "_selected_action": [scan.pk]})

    assert response.status_code == 302
    assert response["Location"].endswith(changelist)
    [message] = get_messages(response.wsgi_request)
    assert message.level_tag == "error"
    [record] = admin_log
    assert record.exc_info[0] is OperationalError
