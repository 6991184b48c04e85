"""The overdue job run by a real Celery worker (not eager mode), against the real broker
of the settings when it is Redis, else an in-memory broker."""

import datetime
import time

import pytest
from django.conf import settings

from jiyuan_portal.alerts.models import Alert
from jiyuan_portal.alerts.tasks import alert_overdue_milestones_task
from tests.factories import BureauFactory, MilestoneFactory, TaskFactory


@pytest.fixture(scope="session")
def celery_config():
    broker = settings.CELERY_BROKER_URL
    return {
        "broker_url": broker if broker.startswith("redis://") else "memory://",
        "result_backend": "cache+memory://",
        "task_always_eager": False,
    }


@pytest.fixture(scope="session")
def celery_worker_parameters():
    return {"perform_ping_check": False}


@pytest.fixture
def celery_app(celery_config):
    from jiyuan_portal.celery import app

    previous = {key: app.conf.get(key) for key in celery_config}
    app.conf.update(celery_config)
    yield app
    app.conf.update(previous)


@pytest.mark.django_db(transaction=True)
def test_a_worker_alerts_the_bureaus_of_an_overdue_milestone(celery_app, celery_worker, seed):
    bureau = BureauFactory()
    milestone = MilestoneFactory(
        task=TaskFactory(bureaus=[bureau]), due_date=datetime.date(2017, 5, 31)
    )

    alert_overdue_milestones_task.delay()

    alerts = Alert.objects.filter(milestone=milestone, bureau=bureau)
    deadline = time.monotonic() + 30
    while not alerts.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert alerts.count() == 1


def test_the_embedded_broker_has_its_folders(tmp_path):
    from jiyuan_portal.celery import ensure_filesystem_broker_folders

    folder = tmp_path / "broker" / "out"
    options = {"data_folder_in": str(folder), "data_folder_out": str(folder)}

    ensure_filesystem_broker_folders("redis://127.0.0.1:6379/0", options)
    assert not folder.exists()

    ensure_filesystem_broker_folders("filesystem://", options)
    assert folder.is_dir()


def test_the_embedded_broker_keeps_its_control_files_under_var(settings):
    """kombu's filesystem transport writes its exchange tables to ``control_folder``, which
    defaults to a ``control/`` folder in the working directory (the checkout)."""
    options = (
        settings.CELERY_BROKER_TRANSPORT_OPTIONS
        if settings.CELERY_BROKER_URL == ("filesystem://")
        else None
    )
    if options is None:
        pytest.skip("the broker is not the embedded one")
    assert options["control_folder"].startswith(str(settings.VAR_DIR))
