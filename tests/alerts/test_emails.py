"""Email without flooding: each notification at once, one daily digest (the default) or
none; an outbox so that a job run twice sends each email once; the supervisors' weekly
summary; reminders before a due date."""

import datetime
import smtplib

import pytest
from django.utils.translation import gettext

from jiyuan_portal.alerts import digests, emails, reminders, scan
from jiyuan_portal.alerts.models import (
    Notification,
    NotificationPreference,
    OutgoingEmail,
)
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Milestone
from tests.alerts.support import AFTER, flagged_item, late_milestone, staffed_bureau
from tests.factories import (
    BureauFactory,
    MilestoneReportFactory,
    UserFactory,
    bureau_staff,
    supervisor,
)

pytestmark = pytest.mark.usefixtures("seed")

IMMEDIATE = NotificationPreference.Email.IMMEDIATE
DIGEST = NotificationPreference.Email.DIGEST
NONE = NotificationPreference.Email.NONE


def user(email="staff@example.org", preference=None, **fields):
    person = UserFactory(email=email, **fields)
    if preference:
        NotificationPreference.objects.create(user=person, email=preference)
    return person


def notify(person, count=1, prefix="test"):
    return [
        Notification.objects.create(
            recipient=person,
            kind=Notification.Kind.OVERDUE,
            key=f"{prefix}:{person.pk}:{n}",
            title=f"逾期事项{n}",
            url="/alerts/1/",
        )
        for n in range(count)
    ]


def queue_and_send() -> int:
    emails.queue_immediate_emails()
    emails.queue_daily_digests()
    return emails.send_pending_emails()


def test_the_default_preference_is_one_daily_digest():
    person = user()

    assert NotificationPreference(user=person).email == DIGEST
    assert not NotificationPreference.objects.filter(user=person).exists()


def test_many_notifications_make_one_digest_email(mailoutbox):
    person = user()
    notified = notify(person, count=3)

    assert emails.queue_immediate_emails() == 0
    assert emails.queue_daily_digests() == 1
    assert emails.send_pending_emails() == 1

    [email] = mailoutbox
    assert email.to == ["staff@example.org"]
    assert "3" in email.subject
    for notification in notified:
        assert notification.title in email.body
        assert emails.absolute(notification.get_absolute_url()) in email.body
    assert not Notification.objects.filter(recipient=person, emailed_at__isnull=True).exists()


def test_a_bad_morning_of_the_scan_is_one_digest_email(mailoutbox):
    bureau = BureauFactory()
    person = bureau_staff(bureau, email="lead@example.org")
    for _ in range(3):
        late_milestone(bureau)
    scan.run_scan(on=AFTER)

    emails.queue_daily_digests()
    emails.send_pending_emails()

    assert Notification.objects.filter(recipient=person).count() == 6  # 3 items, 3 催办
    assert [email.to for email in mailoutbox] == [["lead@example.org"]]


def test_a_user_who_wants_each_notification_at_once_gets_one_email_each(mailoutbox):
    person = user(preference=IMMEDIATE)
    first, second = notify(person, count=2)

    assert emails.queue_daily_digests() == 0
    assert emails.queue_immediate_emails() == 2
    assert emails.send_pending_emails() == 2

    assert sorted(email.subject for email in mailoutbox) == sorted(
        gettext("[Jiyuan policy targets] %(title)s") % {"title": n.title} for n in (first, second)
    )
    assert all(email.to == ["staff@example.org"] for email in mailoutbox)


def test_a_user_who_wants_no_email_gets_none_and_nothing_waits_for_them(mailoutbox):
    person = user(preference=NONE)
    notify(person, count=2)

    assert queue_and_send() == 0

    assert mailoutbox == []
    assert not OutgoingEmail.objects.exists()
    assert not Notification.objects.filter(recipient=person, emailed_at__isnull=True).exists()


@pytest.mark.parametrize("preference", [IMMEDIATE, DIGEST])
def test_a_user_without_an_email_address_gets_no_email(mailoutbox, preference):
    person = user(email="", preference=preference)
    notify(person, count=2)

    assert queue_and_send() == 0

    assert mailoutbox == []
    assert not OutgoingEmail.objects.exists()


def test_running_the_queues_and_the_sender_twice_sends_each_email_once(mailoutbox):
    at_once = user(email="now@example.org", preference=IMMEDIATE)
    daily = user(email="daily@example.org")
    notify(at_once, count=2)
    notify(daily, count=2)

    assert queue_and_send() == 3
    assert queue_and_send() == 0

    assert sorted(email.to[0] for email in mailoutbox) == [
        "daily@example.org",
        "now@example.org",
        "now@example.org",
    ]


def test_an_email_already_in_the_outbox_is_not_queued_again(mailoutbox):
    """Were the notifications' mark lost (a job killed between two steps of a change to the
    code), the outbox's unique key still keeps the second email out."""
    at_once = user(email="now@example.org", preference=IMMEDIATE)
    daily = user(email="daily@example.org")
    notify(at_once)
    notify(daily, count=2)
    emails.queue_immediate_emails()
    emails.queue_daily_digests()

    Notification.objects.update(emailed_at=None)
    emails.queue_immediate_emails()
    emails.queue_daily_digests()
    emails.send_pending_emails()

    assert OutgoingEmail.objects.count() == 2
    assert len(mailoutbox) == 2


def test_a_failed_email_stays_in_the_outbox_and_goes_on_the_next_run(monkeypatch, mailoutbox):
    notify(user(email="staff@example.org"))
    emails.queue_daily_digests()

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(emails, "send_mail", refuse)
    assert emails.send_pending_emails() == 0
    email = OutgoingEmail.objects.get()
    assert (email.attempts, email.sent_at) == (1, None)
    assert "Connection unexpectedly closed" in email.last_error

    monkeypatch.undo()
    assert emails.send_pending_emails() == 1
    assert emails.send_pending_emails() == 0

    email.refresh_from_db()
    assert email.sent_at is not None
    assert len(mailoutbox) == 1


def test_an_email_failing_again_and_again_is_left_for_an_admin(monkeypatch, mailoutbox):
    notify(user())
    emails.queue_daily_digests()
    OutgoingEmail.objects.update(attempts=emails.MAX_ATTEMPTS - 1)

    def refuse(*args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({})

    monkeypatch.setattr(emails, "send_mail", refuse)
    emails.send_pending_emails()
    monkeypatch.undo()

    assert emails.send_pending_emails() == 0
    assert OutgoingEmail.objects.get().attempts == emails.MAX_ATTEMPTS
    assert mailoutbox == []


# The supervisors' weekly summary.


def monday(weeks_later=0) -> datetime.date:
    today = status.today()
    return today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(weeks=weeks_later)


def test_the_weekly_summary_goes_to_each_supervisor_once_an_iso_week(mailoutbox):
    boss = supervisor(email="boss@example.org")
    deputy = supervisor(email="deputy@example.org")
    supervisor(email="")  # no address
    supervisor(email="gone@example.org", is_active=False)
    user(email="staff@example.org")  # not a supervisor

    emails.queue_weekly_digests(on=monday())
    emails.queue_weekly_digests(on=monday() + datetime.timedelta(days=6))  # Sunday
    emails.send_pending_emails()
    assert sorted(email.to[0] for email in mailoutbox) == [boss.email, deputy.email]

    emails.queue_weekly_digests(on=monday(weeks_later=1))
    emails.send_pending_emails()
    assert len(mailoutbox) == 4


def test_a_second_weekly_run_in_the_same_week_reports_nothing_queued():
    supervisor(email="boss@example.org")
    emails.queue_weekly_digests(on=monday())

    assert emails.queue_weekly_digests(on=monday() + datetime.timedelta(days=1)) == 0


def test_the_weekly_summary_has_a_line_for_each_bureau_with_something_to_do(mailoutbox):
    on = status.today()
    busy, _staff = staffed_bureau()
    helper = BureauFactory()
    idle = BureauFactory()
    flagged_item(busy, helper, due=on - datetime.timedelta(days=3))
    late_milestone(busy, due=on + datetime.timedelta(days=10))  # due within 30 days
    MilestoneReportFactory(milestone=late_milestone(busy), bureau=busy, submitted=True)
    supervisor(email="boss@example.org")

    summary = digests.supervisor_summary(on)
    lines = {line.bureau: line for line in summary.bureaus}
    line = lines[busy]
    assert (
        line.newly_overdue,
        line.explanations_missing,
        line.awaiting_review,
        line.due_within_30_days,
    ) == (1, 1, 1, 1)
    assert helper not in lines  # co-responsible: counted for the lead only
    assert idle not in lines

    emails.queue_weekly_digests(on=on)
    emails.send_pending_emails()
    [email] = mailoutbox
    assert f"{busy}: 1 / 1 / 1 / 1" in email.body
    assert str(idle) not in email.body


# Reminders before a one-off due date.


@pytest.mark.parametrize(
    ("days_left", "threshold"),
    [(8, None), (7, 7), (5, 7), (2, 7), (1, 1), (0, 1), (-1, None)],
)
def test_the_reminder_a_day_calls_for(days_left, threshold):
    assert reminders.reminder_threshold(days_left) == threshold


def reminded(person) -> list[str]:
    return sorted(
        Notification.objects.filter(recipient=person, kind=Notification.Kind.REMINDER).values_list(
            "key", flat=True
        )
    )


def test_the_bureaus_are_reminded_7_days_and_1_day_before_the_due_date_each_once():
    lead, lead_staff = staffed_bureau()
    other, other_staff = staffed_bureau()
    due = datetime.date(2018, 3, 10)
    milestone = late_milestone(lead, other, due=due)

    for days_before in (9, 8, 7, 6, 5, 2, 1, 0):
        reminders.send_reminders(on=due - datetime.timedelta(days=days_before))

    expected = [
        f"reminder:{milestone.pk}:2018-03-10:1",
        f"reminder:{milestone.pk}:2018-03-10:7",
    ]
    assert reminded(lead_staff) == expected
    assert reminded(other_staff) == expected


def test_a_reminder_missed_on_day_7_comes_once_before_day_1():
    bureau, staff = staffed_bureau()
    due = datetime.date(2018, 3, 10)
    milestone = late_milestone(bureau, due=due)

    reminders.send_reminders(on=due - datetime.timedelta(days=4))
    reminders.send_reminders(on=due - datetime.timedelta(days=3))

    assert reminded(staff) == [f"reminder:{milestone.pk}:2018-03-10:7"]


def test_no_reminder_for_a_completed_or_recurring_milestone():
    bureau, staff = staffed_bureau()
    due = datetime.date(2018, 3, 10)
    late_milestone(bureau, due=due, completed_on=datetime.date(2018, 3, 1))
    late_milestone(bureau, due=due, recurrence=Milestone.Recurrence.YEARLY)

    for days_before in (7, 1):
        reminders.send_reminders(on=due - datetime.timedelta(days=days_before))

    assert reminded(staff) == []


def test_a_due_date_moved_later_is_reminded_again():
    bureau, staff = staffed_bureau()
    milestone = late_milestone(bureau, due=datetime.date(2018, 3, 10))
    reminders.send_reminders(on=datetime.date(2018, 3, 9))
    milestone.due_date = datetime.date(2018, 4, 10)
    milestone.save()

    reminders.send_reminders(on=datetime.date(2018, 4, 9))

    assert reminded(staff) == [
        f"reminder:{milestone.pk}:2018-03-10:1",
        f"reminder:{milestone.pk}:2018-04-10:1",
    ]
