"""How a case is filed, routed, verified and closed: the one place these rules live.

- Routing: a kind of problem goes to the lead bureau of the plan's task on it
  (``settings.JIYUAN_COMPLAINTS["tasks_by_kind"]``: 小散乱污 → 二(五), led by 市环境保护局);
  any other problem to ``other_bureau``. Supervisors may reassign a case.
- Deadline: ``working_days`` working days (Monday to Friday) after the day received.
- States: 已受理 → 核查中 → 已办结; closing needs the finding, what the verification found
  and the measures taken.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiyuan_portal.reporting import permissions
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Bureau, Plan, Task, TaskBureau

from .models import Complaint, ComplaintPhoto
from .signals import complaint_assigned


def config() -> dict:
    return settings.JIYUAN_COMPLAINTS


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The working day (Monday to Friday) ``count`` working days after ``day``."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def complaint_plan() -> Plan:
    return Plan.objects.get(code=config()["plan"])


def route(kind: str, plan: Plan) -> tuple[Task | None, Bureau]:
    """The task a kind of problem concerns and the bureau that verifies it."""
    number = config()["tasks_by_kind"].get(kind)
    task = Task.objects.filter(plan=plan, number=number).first() if number else None
    lead = (
        TaskBureau.objects.filter(task=task, role=TaskBureau.Role.LEAD)
        .select_related("bureau")
        .first()
        if task
        else None
    )
    if lead is not None:
        return task, lead.bureau
    return task, Bureau.objects.get(name=config()["other_bureau"])


def file_complaint(*, photos=(), entered_by=None, **fields) -> tuple[Complaint, str]:
    """Record a case with its photos (all or nothing) and return it with the reporter's
    secret, shown once. ``fields``: the form's (kind, source, town, address, …)."""
    plan = complaint_plan()
    task, bureau = route(fields["kind"], plan)
    # Received now, on the portal's today (the demo's day when ``JIYUAN_AS_OF`` is set).
    received_at = fields.pop("received_at", None) or timezone.make_aware(
        datetime.datetime.combine(status.today(), timezone.localtime().time())
    )
    complaint = Complaint(
        plan=plan,
        task=task,
        bureau=bureau,
        received_at=received_at,
        due_on=add_working_days(timezone.localtime(received_at).date(), config()["working_days"]),
        entered_by=entered_by,
        **fields,
    )
    secret = complaint.set_secret()
    with transaction.atomic():
        save_with_a_new_number(complaint)
        for upload, file_type in photos:
            ComplaintPhoto.objects.create(
                complaint=complaint,
                file=upload,
                original_name=upload.name[:255],
                size=upload.size,
                mime_type=file_type.mime_type,
            )
        complaint_assigned.send(sender=Complaint, complaint=complaint)
    return complaint, secret


def save_with_a_new_number(complaint, tries=10) -> None:
    """``JB`` + the day received + six random digits: a receipt number that says nothing of
    how many cases there are. The database's unique constraint decides; a number drawn
    twice is drawn again."""
    day = timezone.localtime(complaint.received_at).date()
    for _attempt in range(tries):
        complaint.number = f"JB{day:%Y%m%d}{secrets.randbelow(10**6):06d}"
        try:
            with transaction.atomic():
                complaint.save()
            return
        except IntegrityError:
            if Complaint.objects.filter(number=complaint.number).exists():
                continue
            raise
    raise IntegrityError("No free receipt number was drawn.")


def _check_may_handle(user, complaint) -> None:
    if not Complaint.objects.editable_by(user).filter(pk=complaint.pk).exists():
        raise PermissionDenied


def start_verification(complaint, user) -> None:
    _check_may_handle(user, complaint)
    if complaint.status != Complaint.Status.RECEIVED:
        raise ValidationError(_("Only a case just received can be taken up for verification."))
    complaint.status = Complaint.Status.VERIFYING
    complaint.save(update_fields=["status"])


def close(complaint, user, *, finding, verification, measures) -> None:
    _check_may_handle(user, complaint)
    if complaint.status == Complaint.Status.CLOSED:
        raise ValidationError(_("This case is already closed."))
    complaint.status = Complaint.Status.CLOSED
    complaint.finding = finding
    complaint.verification = verification
    complaint.measures = measures
    complaint.closed_at = timezone.now()
    complaint.closed_by = user
    complaint.save()


def reassign(complaint, user, *, bureau, due_on) -> None:
    """Supervisors only: another bureau, or another deadline."""
    if not permissions.can_review(user):
        raise PermissionDenied
    if complaint.status == Complaint.Status.CLOSED:
        raise ValidationError(_("A closed case is not reassigned."))
    reassigned = bureau != complaint.bureau
    with transaction.atomic():
        complaint.bureau = bureau
        complaint.due_on = due_on
        complaint.save(update_fields=["bureau", "due_on"])
        if reassigned:
            complaint_assigned.send(sender=Complaint, complaint=complaint)
