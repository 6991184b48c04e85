"""The supervision jobs' schedules, written by migration 0004 into django-celery-beat's
tables (so admins change them in the admin), name tasks the worker knows."""

import importlib

import pytest
from django.apps import apps
from django_celery_beat.models import PeriodicTask

from jiyuan_portal.celery import app

schedules = importlib.import_module("jiyuan_portal.alerts.migrations.0004_supervision_schedules")

JOBS = {
    "alerts.flag_overdue",
    "alerts.send_reminders",
    "alerts.send_daily_digests",
    "alerts.send_weekly_digests",
    "alerts.send_pending_emails",
}


@pytest.fixture
def scheduled(db):
    return {task.task: task for task in PeriodicTask.objects.select_related("crontab")}


def test_the_migrations_schedule_each_supervision_job(scheduled):
    assert set(scheduled) >= JOBS
    for name in JOBS:
        task = scheduled[name]
        assert task.enabled
        assert task.crontab is not None
        assert str(task.crontab.timezone) == "Asia/Shanghai"


def test_the_weekly_summary_goes_out_on_mondays_and_the_others_every_day(scheduled):
    assert scheduled["alerts.send_weekly_digests"].crontab.day_of_week == "1"
    for name in JOBS - {"alerts.send_weekly_digests"}:
        assert scheduled[name].crontab.day_of_week == "*"
    scan = scheduled["alerts.flag_overdue"].crontab
    reminders = scheduled["alerts.send_reminders"].crontab
    assert (scan.hour, scan.minute) == ("7", "0")
    assert (reminders.hour, reminders.minute) == ("7", "10")  # after the scan


def test_every_scheduled_task_is_a_task_the_worker_knows(scheduled):
    app.loader.import_default_modules()

    assert set(scheduled) <= set(app.tasks)


def test_the_retired_overdue_job_is_no_longer_scheduled(db):
    assert not PeriodicTask.objects.filter(name__in=schedules.RETIRED).exists()


def test_running_the_schedule_migration_again_keeps_an_admins_changes(scheduled):
    scan = scheduled["alerts.flag_overdue"]
    scan.enabled = False
    scan.description = "暂停"
    scan.save()

    schedules.create_schedules(apps, schema_editor=None)

    assert PeriodicTask.objects.filter(task="alerts.flag_overdue").count() == 1
    scan.refresh_from_db()
    assert (scan.enabled, scan.description) == (False, "暂停")
