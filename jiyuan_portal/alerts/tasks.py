"""The supervision jobs, thin: each calls a plain function that holds the logic (and can be
tested without a worker). Every job is idempotent and acknowledged only once it has run,
so a worker killed halfway leaves the job to be redelivered and run again."""

from celery import shared_task

from . import emails, reminders, scan
from .queueing import enqueue


@shared_task(name="alerts.flag_overdue")
def flag_overdue() -> str:
    result = scan.run_scan()
    emails.queue_immediate_emails()
    enqueue(send_pending_emails)
    return str(result)


@shared_task(name="alerts.send_reminders")
def send_reminders() -> int:
    sent = reminders.send_reminders()
    emails.queue_immediate_emails()
    enqueue(send_pending_emails)
    return sent


@shared_task(name="alerts.send_daily_digests")
def send_daily_digests() -> int:
    queued = emails.queue_daily_digests()
    enqueue(send_pending_emails)
    return queued


@shared_task(name="alerts.send_weekly_digests")
def send_weekly_digests() -> int:
    queued = emails.queue_weekly_digests()
    enqueue(send_pending_emails)
    return queued


@shared_task(name="alerts.send_queued_notifications")
def send_queued_notifications() -> int:
    """After a page wrote notifications: email those who want them at once."""
    emails.queue_immediate_emails()
    return emails.send_pending_emails()


@shared_task(name="alerts.send_pending_emails")
def send_pending_emails() -> int:
    return emails.send_pending_emails()
