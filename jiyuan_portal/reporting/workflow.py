"""The review workflow: 草稿 (draft) → 已提交 (submitted) → 已审核 (approved) or
已退回 (returned, with a comment) → corrected and submitted again.

Every change compares the version the user saw with the stored one in a single UPDATE, so
of two people saving the same item at once the second is refused instead of silently
overwriting the first. Saves go through ``save()`` so the change log records them.
Each transition sends its signal (``signals``) inside the transaction, with the specific
report, so what follows from an approval happens with it or not at all.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import EDITABLE_STATUSES, Report, ReviewStatus
from .permissions import can_change_report, can_review
from .signals import report_approved, report_returned, report_submitted


class ConcurrentEditError(Exception):
    """Someone else changed the item since it was loaded."""

    def __str__(self):
        return _(
            "Someone else changed this item after you opened it. Reload the page to see "
            "their changes, then make yours again."
        )


def save_versioned(item, expected_version: int) -> None:
    """Save ``item`` if it is still at ``expected_version``; else raise ConcurrentEditError.

    The claim is one UPDATE of the ``Report`` row (where ``version`` lives): through a
    subclass's manager Django would select the row first and update it apart, letting two
    concurrent saves both pass."""
    with transaction.atomic():
        if item.pk is not None:
            claimed = Report.objects.filter(pk=item.pk, version=expected_version).update(
                version=expected_version + 1
            )
            if not claimed:
                raise ConcurrentEditError
            item.version = expected_version + 1
        item.save()


def _transition(item, expected_version, allowed_from, to, signal, signal_kwargs, **fields):
    if item.status not in allowed_from:
        raise ValidationError(
            _("This item is %(status)s and cannot be changed that way."),
            params={"status": item.get_status_display()},
        )
    item.status = to
    for name, value in fields.items():
        setattr(item, name, value)
    save_versioned(item, expected_version)
    signal.send(sender=type(item), report=item, **signal_kwargs)


def mark_submitted(item) -> None:
    """Put an item its bureau is saving into the review queue (the caller saves it)."""
    item.status = ReviewStatus.SUBMITTED
    item.submitted_at = timezone.now()


@transaction.atomic
def submit(item, user, expected_version: int) -> None:
    item = item.specific
    if not can_change_report(user, item):
        raise PermissionDenied
    _transition(
        item,
        expected_version,
        EDITABLE_STATUSES,
        ReviewStatus.SUBMITTED,
        report_submitted,
        {"user": user},
        submitted_at=timezone.now(),
    )


@transaction.atomic
def approve(item, reviewer, expected_version: int) -> None:
    if not can_review(reviewer):
        raise PermissionDenied
    item = item.specific
    _transition(
        item,
        expected_version,
        (ReviewStatus.SUBMITTED,),
        ReviewStatus.APPROVED,
        report_approved,
        {"reviewer": reviewer},
        reviewed_by=reviewer,
        reviewed_at=timezone.now(),
        review_comment="",
    )


@transaction.atomic
def return_for_correction(item, reviewer, comment: str, expected_version: int) -> None:
    if not can_review(reviewer):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(_("Say what the bureau should correct."), code="comment_required")
    item = item.specific
    _transition(
        item,
        expected_version,
        (ReviewStatus.SUBMITTED,),
        ReviewStatus.RETURNED,
        report_returned,
        {"reviewer": reviewer, "comment": comment.strip()},
        reviewed_by=reviewer,
        reviewed_at=timezone.now(),
        review_comment=comment.strip(),
    )
