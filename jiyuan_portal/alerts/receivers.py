"""Notifications from the review workflow and the complaints: a bureau hears when its
report is returned and when a complaint is assigned to it."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from jiyuan_portal.complaints.signals import complaint_assigned
from jiyuan_portal.reporting.signals import report_returned

from .actions import notify
from .models import AlertBureau, Notification
from .recipients import staff_by_bureau


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


@receiver(complaint_assigned)
def tell_the_bureau_of_a_complaint(sender, complaint, **kwargs):
    """The bureau's staff are told; a supervised item already raised for the case follows
    it to its new bureau."""
    AlertBureau.objects.filter(alert__complaint=complaint).exclude(
        bureau_id=complaint.bureau_id
    ).update(bureau_id=complaint.bureau_id)
    notify(
        staff_by_bureau([complaint.bureau_id]).get(complaint.bureau_id, []),
        Notification.Kind.COMPLAINT,
        f"complaint:{complaint.pk}:{complaint.bureau_id}",
        _("Complaint %(number)s to verify by %(date)s: %(kind)s, %(town)s")
        % {
            "number": complaint.number,
            "date": complaint.due_on.isoformat(),
            "kind": complaint.get_kind_display(),
            "town": complaint.town,
        },
        complaint.get_absolute_url(),
    )
