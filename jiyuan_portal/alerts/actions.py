"""What people do to a supervised item: the lead bureau explains (情况说明); a supervisor
decides on the explanation, takes the next rung by hand, or closes the item (销号). Each
action is one transaction and tells the people concerned."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import ladder
from .models import Alert, AlertBureau, EscalationStep, Explanation, Notification
from .queueing import enqueue
from .recipients import staff_by_bureau, supervisor_ids
from .scan import record_steps
from .tasks import send_queued_notifications


def notify(user_ids, kind, key, title, url) -> None:
    now = timezone.now()
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=user_id, kind=kind, key=key, title=title[:300], url=url, created_at=now
            )
            for user_id in set(user_ids)
        ],
        ignore_conflicts=True,
    )
    enqueue(send_queued_notifications)


def _bureau_staff(alert, lead_only=False):
    links = alert.bureau_links.all()
    bureau_ids = [
        link.bureau_id for link in links if not lead_only or link.role == AlertBureau.Role.LEAD
    ]
    return [user for users in staff_by_bureau(bureau_ids).values() for user in users]


@transaction.atomic
def submit_explanation(alert: Alert, author, **fields) -> Explanation:
    explanation = Explanation.objects.create(
        alert=alert, bureau_id=author.bureau_id, author=author, **fields
    )
    notify(
        supervisor_ids(),
        Notification.Kind.EXPLANATION,
        f"explanation:{explanation.pk}",
        _("Explanation received from %(bureau)s: %(item)s")
        % {"bureau": author.bureau, "item": alert.subject},
        alert.get_absolute_url(),
    )
    return explanation


@transaction.atomic
def decide_explanation(explanation: Explanation, supervisor, decision, note="") -> None:
    explanation.decision = decision
    explanation.decided_by = supervisor
    explanation.decided_at = timezone.now()
    explanation.decision_note = note
    explanation.save()
    alert = explanation.alert
    notify(
        _bureau_staff(alert, lead_only=True),
        Notification.Kind.EXPLANATION,
        f"explanation-decision:{explanation.pk}:{explanation.decided_at.isoformat()}",
        _("Your explanation was %(decision)s: %(item)s")
        % {"decision": explanation.get_decision_display(), "item": alert.subject},
        alert.get_absolute_url(),
    )


def taken_steps(alert) -> list[ladder.TakenStep]:
    return [
        ladder.TakenStep(step.step, timezone.localdate(step.taken_at)) for step in alert.steps.all()
    ]


@transaction.atomic
def escalate_by_hand(alert: Alert, supervisor, reason: str) -> EscalationStep:
    rung = ladder.manual_next_step(taken_steps(alert))
    if rung is None or not alert.is_active:
        raise ValidationError(_("This item cannot be escalated further."))
    step, number = rung
    escalation = EscalationStep.objects.create(
        alert=alert, step=step, number=number, taken_by=supervisor, reason=reason[:200]
    )
    record_steps(EscalationStep.objects.filter(pk=escalation.pk), escalation.taken_at)
    enqueue(send_queued_notifications)
    return escalation


def can_close(alert: Alert) -> bool:
    """An item is closed (销号) once it is done or its explanation was accepted."""
    if alert.closed_at is not None:
        return False
    if alert.resolved_on is not None:
        return True
    return alert.explanations.filter(decision=Explanation.Decision.ACCEPTED).exists()


@transaction.atomic
def close(alert: Alert, supervisor, note: str) -> None:
    if not can_close(alert):
        raise ValidationError(
            _("An item is closed only once it is done or its explanation has been accepted.")
        )
    alert.closed_at = timezone.now()
    alert.closed_by = supervisor
    alert.closing_note = note
    alert.save()
    notify(
        _bureau_staff(alert),
        Notification.Kind.CLOSED,
        f"closed:{alert.pk}",
        _("Item closed (销号): %(item)s") % {"item": alert.subject},
        alert.get_absolute_url(),
    )
