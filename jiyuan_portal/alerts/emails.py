"""Email, without flooding: each user chooses each notification at once or one daily
digest (the default). Emails are written to an outbox (``OutgoingEmail``) under a unique
key in the same transaction that marks their notifications emailed, and sent afterwards,
one row at a time; a job run twice, or killed and run again, sends each email once."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from jiyuan_portal.accounts import roles
from jiyuan_portal.tracking import status
from jiyuan_portal.utils.batches import chunks

from .digests import supervisor_summary
from .models import Notification, NotificationPreference, OutgoingEmail

logger = logging.getLogger(__name__)

# An email that failed this many times stays in the outbox for an admin to look at.
MAX_ATTEMPTS = 5


def _preference(choice):
    field = "recipient__notification_preference__email"
    if choice == NotificationPreference.Email.DIGEST:
        return Q(**{f"{field}__isnull": True}) | Q(**{field: choice})
    return Q(**{field: choice})


def absolute(url: str) -> str:
    return settings.JIYUAN_SITE_URL.rstrip("/") + url


def _claim(queryset):
    """Lock the unemailed notifications of ``queryset`` (PostgreSQL: a concurrent job
    waits, then finds them emailed) and return them."""
    return list(
        queryset.filter(emailed_at__isnull=True)
        .select_for_update(of=("self",))
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )


def mark_emailed(notifications, now) -> None:
    for chunk in chunks([notification.pk for notification in notifications]):
        Notification.objects.filter(pk__in=chunk).update(emailed_at=now)


@transaction.atomic
def queue_immediate_emails() -> int:
    """One email per notification for the users who want them at once."""
    now = timezone.now()
    notifications = _claim(
        Notification.objects.filter(_preference(NotificationPreference.Email.IMMEDIATE))
    )
    emails = [
        OutgoingEmail(
            key=f"notification:{notification.pk}",
            recipient=notification.recipient,
            address=notification.recipient.email,
            subject=(_("[Jiyuan policy targets] %(title)s") % {"title": notification.title})[:300],
            body=render_to_string(
                "alerts/email/notification.txt",
                {"notification": notification, "link": absolute(notification.get_absolute_url())},
            ),
        )
        for notification in notifications
        if notification.recipient.email
    ]
    OutgoingEmail.objects.bulk_create(emails, ignore_conflicts=True)
    mark_emailed(notifications, now)
    # Those who want no email: nothing to send, ever.
    Notification.objects.filter(
        _preference(NotificationPreference.Email.NONE), emailed_at__isnull=True
    ).update(emailed_at=now)
    return len(emails)


@transaction.atomic
def queue_daily_digests(on: datetime.date | None = None) -> int:
    """One email per user with everything not yet emailed: one bad morning is one email."""
    on = on or status.today()
    now = timezone.now()
    notifications = _claim(
        Notification.objects.filter(_preference(NotificationPreference.Email.DIGEST))
    )
    by_user: dict = {}
    for notification in notifications:
        by_user.setdefault(notification.recipient, []).append(notification)
    emails = [
        OutgoingEmail(
            key=f"digest:{user.pk}:{items[-1].pk}",
            recipient=user,
            address=user.email,
            subject=_("[Jiyuan policy targets] %(count)s new notifications, %(date)s")
            % {"count": len(items), "date": on.isoformat()},
            body=render_to_string(
                "alerts/email/digest.txt",
                {
                    "user": user,
                    "items": [(n, absolute(n.get_absolute_url())) for n in items],
                    "on": on,
                    "link": absolute("/notifications/"),
                },
            ),
        )
        for user, items in by_user.items()
        if user.email
    ]
    OutgoingEmail.objects.bulk_create(emails, ignore_conflicts=True)
    mark_emailed(notifications, now)
    return len(emails)


@transaction.atomic
def queue_weekly_digests(on: datetime.date | None = None) -> int:
    """The supervisors' weekly summary, once per supervisor and ISO week."""
    on = on or status.today()
    year, week, _weekday = on.isocalendar()
    supervisors = list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.SUPERVISOR)
        .exclude(email="")
        .distinct()
    )
    if not supervisors:
        return 0
    summary = supervisor_summary(on)
    body = render_to_string(
        "alerts/email/weekly.txt", {"summary": summary, "on": on, "link": absolute("/")}
    )
    subject = _("[Jiyuan policy targets] Weekly supervision summary, week %(week)s of %(year)s") % {
        "week": week,
        "year": year,
    }
    already = set(
        OutgoingEmail.objects.filter(
            key__startswith="weekly:", key__endswith=f":{year}-W{week:02d}"
        ).values_list("recipient_id", flat=True)
    )
    emails = [
        OutgoingEmail(
            key=f"weekly:{user.pk}:{year}-W{week:02d}",
            recipient=user,
            address=user.email,
            subject=subject,
            body=body,
        )
        for user in supervisors
        if user.pk not in already
    ]
    OutgoingEmail.objects.bulk_create(emails, ignore_conflicts=True)
    return len(emails)


def send_pending_emails(limit: int = 500) -> int:
    """Send what the outbox holds, each row in its own transaction; return how many went."""
    sent = 0
    pending = OutgoingEmail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
    for pk in list(pending.order_by("pk").values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            email = pending.select_for_update(skip_locked=True).filter(pk=pk).first()
            if email is None:
                continue  # sent meanwhile, or being sent by another worker
            try:
                send_mail(email.subject, email.body, None, [email.address])
            except Exception as error:
                email.attempts += 1
                email.last_error = str(error)[:1000]
                logger.warning("Email %s to %s failed: %s", email.key, email.address, error)
            else:
                email.sent_at = timezone.now()
                sent += 1
            email.save(update_fields=["attempts", "last_error", "sent_at"])
    return sent
