"""Notifications from the review workflow: a bureau hears when its report is returned."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from jiyuan_portal.reporting.signals import report_returned

from .actions import notify
from .models import Notification


@receiver(report_returned)
def notify_author_of_return(sender, report, **kwargs):
    if report.created_by_id is None:
        return
    notify(
        [report.created_by_id],
        Notification.Kind.REPORT_RETURNED,
        f"returned:{report.pk}:{report.version}",
        _("Report returned for changes: %(report)s") % {"report": report.title},
        report.get_absolute_url(),
    )
