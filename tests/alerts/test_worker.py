"""The supervision scan run by a real Celery worker (not eager mode), against the real
broker of the settings when it is Redis, else an in-memory broker."""

import pytest
from django.conf import settings

from jiyuan_portal.alerts.models import Alert, Notification
from jiyuan_portal.alerts.scan import ScanResult
from jiyuan_portal.alerts.tasks import flag_overdue
from tests.alerts.support import late_milestone, staffed_bureau


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
    forget_result_backend(app)
    yield app
    app.conf.update(previous)
    forget_result_backend(app)


def forget_result_backend(app) -> None:
    """The app keeps the result backend and the broker connections it made first: a task
    queued earlier in this process (a page's ``enqueue`` in a browser test), under the
    settings' broker and "no results", would leave the worker tests sending to a broker
    their worker does not read, and without a result backend."""
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


def run_on_the_worker() -> str:
    """Queue the job and wait for the worker's answer (the settings ignore results)."""
    return flag_overdue.apply_async(ignore_result=False).get(timeout=30)


@pytest.mark.django_db(transaction=True)
def test_a_worker_flags_an_overdue_milestone_and_tells_its_bureau_once(
    celery_app, celery_worker, seed
):
    bureau, staff = staffed_bureau()
    milestone = late_milestone(bureau)

    first = run_on_the_worker()
    second = run_on_the_worker()

    alert = Alert.objects.get(milestone=milestone)
    assert Notification.objects.filter(recipient=staff, key=f"alert:{alert.pk}").count() == 1
    assert first != str(ScanResult())
    assert second == str(ScanResult())  # nothing new the second time
    assert alert.bureau_links.get().bureau == bureau


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
