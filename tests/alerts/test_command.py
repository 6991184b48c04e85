"""``manage.py flag_overdue``: the daily scan by hand, as the Celery job runs it."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils.translation import gettext

from jiyuan_portal.alerts import scan
from jiyuan_portal.alerts.models import (
    Alert,
    AlertBureau,
    EscalationStep,
    Notification,
    NotificationPreference,
    OutgoingEmail,
)
from tests.alerts.support import alerts_of, late_milestone
from tests.factories import BureauFactory, bureau_staff

pytestmark = pytest.mark.usefixtures("seed")

AS_OF = datetime.date(2018, 1, 10)


def flag_overdue(*args) -> str:
    out = StringIO()
    call_command("flag_overdue", *args, stdout=out)
    return out.getvalue()


def what_a_scan_would_do() -> scan.ScanResult:
    with transaction.atomic():
        result = scan.run_scan(on=AS_OF)
        transaction.set_rollback(True)
    assert result.flagged and result.notified and result.escalated
    return result


@pytest.fixture
def milestone():
    """A late milestone of a bureau whose one member wants each notification at once."""
    bureau = BureauFactory()
    staff = bureau_staff(bureau, email="staff@example.org")
    NotificationPreference.objects.create(user=staff, email=NotificationPreference.Email.IMMEDIATE)
    return late_milestone(bureau)


def nothing_saved() -> bool:
    return not any(
        model.objects.exists()
        for model in (Alert, AlertBureau, Notification, EscalationStep, OutgoingEmail)
    )


def test_a_dry_run_prints_what_it_would_do_and_saves_nothing(milestone, mailoutbox):
    expected = what_a_scan_would_do()

    output = flag_overdue("--dry-run", "--as-of", AS_OF.isoformat())

    assert gettext("Dry run, nothing was saved.") in output
    assert str(expected) in output
    assert nothing_saved()
    assert mailoutbox == []


def test_a_run_saves_what_it_prints_and_sends_the_immediate_emails(milestone, mailoutbox):
    expected = what_a_scan_would_do()

    output = flag_overdue("--as-of", AS_OF.isoformat())

    assert str(expected) in output
    assert gettext("Dry run, nothing was saved.") not in output
    assert alerts_of(milestone).count() == 1
    assert Alert.objects.count() == expected.flagged
    assert [email.to for email in mailoutbox] == [["staff@example.org"]] * 2  # item, 催办


def test_a_second_run_flags_nothing(milestone, mailoutbox):
    flag_overdue("--as-of", AS_OF.isoformat())
    written = (Alert.objects.count(), Notification.objects.count(), len(mailoutbox))

    output = flag_overdue("--as-of", AS_OF.isoformat())

    assert str(scan.ScanResult()) in output
    assert (Alert.objects.count(), Notification.objects.count(), len(mailoutbox)) == written


def test_with_digests_each_user_gets_the_digest_of_what_is_new(mailoutbox):
    bureau = BureauFactory()
    bureau_staff(bureau, email="digest@example.org")
    late_milestone(bureau)
    late_milestone(bureau)

    flag_overdue("--as-of", AS_OF.isoformat(), "--with-digests")

    assert [email.to for email in mailoutbox] == [["digest@example.org"]]


def test_a_date_that_is_not_a_date_is_refused():
    with pytest.raises(CommandError):
        flag_overdue("--as-of", "2018-13-01")

    assert nothing_saved()
