"""The data version moves when the plan data change, once a transaction, on commit; not for
what the summaries do not show; and after the writes made in bulk (the scan, a refresh)."""

import datetime

import pytest
from django.db import transaction

from jiyuan_portal.alerts.models import Notification
from jiyuan_portal.alerts.scan import run_scan
from jiyuan_portal.funding import entitlements
from jiyuan_portal.reporting.actuals import refresh_latest_values
from jiyuan_portal.tracking import data_version
from tests.factories import (
    MilestoneFactory,
    TargetReportFactory,
    TaskFactory,
    complaint,
    supervisor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what is deferred to the commit as if the test's transaction committed."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_saved_task_moves_the_version_when_its_transaction_commits(seed, committed):
    before = data_version.current()
    with committed():
        TaskFactory()
        assert data_version.current() == before  # not before the commit
    assert data_version.current() == before + 1


def test_many_writes_in_one_transaction_move_the_version_once(seed, committed):
    before = data_version.current()
    with committed(), transaction.atomic():
        task = TaskFactory()
        MilestoneFactory(task=task)
        TargetReportFactory(target__task=task).delete()
    assert data_version.current() == before + 1


def test_a_rolled_back_change_does_not_move_the_version(seed, committed):
    before = data_version.current()
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        TaskFactory()
        raise RuntimeError("refused")
    assert data_version.current() == before


def test_a_notification_does_not_move_the_version(seed, committed):
    user = supervisor()
    before = data_version.current()
    with committed():
        Notification.objects.create(
            recipient=user, kind=Notification.Kind.REMINDER, key="test", title="提醒"
        )
    assert data_version.current() == before


def test_the_scan_moves_the_version_when_it_raises_alerts_and_not_when_nothing_changed(
    seed, committed
):
    MilestoneFactory(due_date=datetime.date(2017, 6, 30))
    on = datetime.date(2017, 9, 30)
    with committed():
        run_scan(on)
    flagged = data_version.current()
    with committed():
        result = run_scan(on)
    assert not result.changes_alerts
    assert data_version.current() == flagged


def test_refreshing_the_latest_values_moves_the_version(seed, committed):
    before = data_version.current()
    with committed():
        refresh_latest_values()
    assert data_version.current() == before + 1


def test_a_complaint_filed_moves_the_version(seed, committed):
    """The complaint list is served from the page cache: a new case must show at once."""
    before = data_version.current()
    with committed():
        complaint()
    assert data_version.current() == before + 1


def test_rewriting_the_award_ledger_moves_the_version(seed, committed):
    before = data_version.current()
    with committed():
        entitlements.refresh_all()
    assert data_version.current() == before + 1
