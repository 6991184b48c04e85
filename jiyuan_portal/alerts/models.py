"""What the portal tells people, and how it presses late units (督查督办).

- ``Alert``: one supervised item (督办事项), a milestone overdue for a period, a target
  behind for a year or a complaint not verified by its deadline, with the bureaus it
  concerns. Written once (database constraints), it
  keeps the record that the item was late after it is done, until a supervisor closes it
  (销号).
- ``Explanation``: the lead bureau's written explanation (情况说明) of a late item.
- ``EscalationStep``: a rung of the ladder 催办 → 通报 → 约谈, with its time and recipients.
- ``Notification``: what a user reads in the portal (and by email, now or in a digest).
- ``OutgoingEmail``: an outbox, so that a job run twice sends each email once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from jiyuan_portal.complaints.models import Complaint
from jiyuan_portal.reporting import permissions
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Bureau, Milestone, Plan, Target, Task, TaskBureau


class Step(models.TextChoices):
    """The rungs of the supervision ladder, in order."""

    URGE = "urge", _("催办 (urged)")
    BULLETIN = "bulletin", _("通报 (named in a bulletin)")
    INTERVIEW = "interview", _("约谈 (head called in)")


class AlertQuerySet(models.QuerySet):
    def active(self):
        """Still late: neither done nor closed (the red list)."""
        return self.filter(resolved_on__isnull=True, closed_at__isnull=True)

    def open(self):
        """Not closed (销号) yet, late or done."""
        return self.filter(closed_at__isnull=True)

    def in_state(self, state):
        return {
            Alert.State.ACTIVE: self.active(),
            Alert.State.DONE: self.filter(resolved_on__isnull=False, closed_at__isnull=True),
            Alert.State.CLOSED: self.filter(closed_at__isnull=False),
        }[state]

    def for_bureau(self, bureau):
        return self.filter(Exists(AlertBureau.objects.filter(alert=OuterRef("pk"), bureau=bureau)))

    def explanation_missing(self):
        submitted = Explanation.objects.filter(alert=OuterRef("pk"))
        return self.active().filter(~Exists(submitted))

    def with_explanation_state(self):
        explanations = Explanation.objects.filter(alert=OuterRef("pk"))
        return self.annotate(
            has_explanation=Exists(explanations),
            explanation_accepted=Exists(
                explanations.filter(decision=Explanation.Decision.ACCEPTED)
            ),
        )

    def with_details(self):
        """What lists and pages show of each item, in a fixed number of queries."""
        return self.select_related(
            "plan", "task", "milestone", "target", "complaint"
        ).prefetch_related(
            models.Prefetch("bureau_links", queryset=AlertBureau.objects.select_related("bureau"))
        )

    def visible_to(self, user):
        if permissions.can_see_everything(user):
            return self
        if not permissions.is_bureau_staff(user):
            return self.none()
        return self.for_bureau(user.bureau_id)

    def editable_by(self, user):
        """Supervisors act on items (escalate, decide explanations, close)."""
        return self if permissions.can_review(user) else self.none()


def item_text(plan, task_number, milestone_description, target_indicator, complaint="") -> str:
    """How an item is named in lists, notifications and emails (a complaint by its
    receipt number)."""
    what = (milestone_description or target_indicator or complaint or "")[:120]
    return " ".join(part for part in (str(plan), task_number or "", what) if part)


class Alert(models.Model):
    """A supervised late item: written once per milestone (or target) and period."""

    class Kind(models.TextChoices):
        MILESTONE_OVERDUE = "milestone_overdue", _("milestone overdue")
        TARGET_BEHIND = "target_behind", _("target behind")
        COMPLAINT_OVERDUE = "complaint_overdue", _("complaint not verified in time")

    class State(models.TextChoices):
        ACTIVE = "active", _("late (red list)")
        DONE = "done", _("done, awaiting closing")
        CLOSED = "closed", _("closed (销号)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="+", verbose_name=_("plan")
    )
    task = models.ForeignKey(
        Task,
        on_delete=models.CASCADE,
        related_name="alerts",
        null=True,
        blank=True,
        verbose_name=_("task"),
    )
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.CASCADE,
        related_name="alerts",
        null=True,
        blank=True,
        verbose_name=_("milestone"),
    )
    target = models.ForeignKey(
        Target,
        on_delete=models.CASCADE,
        related_name="alerts",
        null=True,
        blank=True,
        verbose_name=_("target"),
    )
    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.CASCADE,
        related_name="alerts",
        null=True,
        blank=True,
        verbose_name=_("complaint"),
    )
    period = models.PositiveSmallIntegerField(
        _("period"),
        help_text=_("The year judged: a recurring milestone and a target are judged per year."),
    )
    due_date = models.DateField(_("due date"), help_text=_("Days late are counted from here."))
    bureaus = models.ManyToManyField(
        Bureau, through="AlertBureau", related_name="alerts", verbose_name=_("bureaus")
    )
    flagged_at = models.DateTimeField(_("flagged at"), default=timezone.now, db_index=True)
    notified_at = models.DateTimeField(_("bureaus notified at"), null=True, blank=True)
    resolved_on = models.DateField(
        _("done on"),
        null=True,
        blank=True,
        help_text=_("When the milestone was completed (late) or the target caught up."),
    )
    # Not indexed: three values, filtered on only beside other conditions; without an index
    # the scan's UPDATE of the step of every item it urges is a HOT update.
    step = models.CharField(_("escalation step"), max_length=20, choices=Step, blank=True)
    closed_at = models.DateTimeField(_("closed (销号) at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closing_note = models.TextField(_("closing note"), blank=True)

    objects = AlertQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "period"],
                condition=Q(milestone__isnull=False),
                name="alert_once_per_milestone_period",
            ),
            models.UniqueConstraint(
                fields=["target", "period"],
                condition=Q(target__isnull=False),
                name="alert_once_per_target_period",
            ),
            # A complaint is supervised once: past its (possibly moved) deadline.
            models.UniqueConstraint(
                fields=["complaint"],
                condition=Q(complaint__isnull=False),
                name="alert_once_per_complaint",
            ),
            models.CheckConstraint(
                condition=Q(
                    kind="milestone_overdue",
                    milestone__isnull=False,
                    target__isnull=True,
                    complaint__isnull=True,
                )
                | Q(
                    kind="target_behind",
                    target__isnull=False,
                    milestone__isnull=True,
                    complaint__isnull=True,
                )
                | Q(
                    kind="complaint_overdue",
                    complaint__isnull=False,
                    milestone__isnull=True,
                    target__isnull=True,
                ),
                name="alert_concerns_one_item",
            ),
        ]
        indexes = [
            models.Index(fields=["closed_at", "resolved_on"], name="alert_state"),
            # The supervised items' list and the cockpit's red list: the most overdue first.
            models.Index(fields=["due_date", "id"], name="alert_due"),
        ]
        verbose_name = _("supervised item")
        verbose_name_plural = _("supervised items")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    def get_absolute_url(self):
        return reverse("alerts:alert_detail", args=[self.pk])

    @property
    def subject(self):
        if self.complaint_id:
            return self.complaint
        return self.milestone if self.milestone_id else self.target

    def describe(self) -> str:
        return item_text(
            self.plan.short_name,
            self.task.number if self.task_id else "",
            self.milestone.description if self.milestone_id else "",
            self.target.indicator if self.target_id else "",
            self.complaint.number if self.complaint_id else "",
        )

    @property
    def state(self) -> "Alert.State":
        if self.closed_at is not None:
            return self.State.CLOSED
        if self.resolved_on is not None:
            return self.State.DONE
        return self.State.ACTIVE

    @property
    def state_colour(self) -> str:
        return {self.State.ACTIVE: "danger", self.State.DONE: "warning"}.get(self.state, "success")

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE

    def days_late(self, on=None) -> int:
        """Days from the due date to when it was done or closed, or to ``on`` (today)."""
        ends = [on or status.today(), self.resolved_on]
        if self.closed_at:
            ends.append(timezone.localdate(self.closed_at))
        return max(0, (min(end for end in ends if end) - self.due_date).days)

    @cached_property
    def lead_bureau(self):
        for link in self.bureau_links.all():
            if link.role == AlertBureau.Role.LEAD:
                return link.bureau
        return None


class AlertBureau(models.Model):
    """A bureau an item concerns, in its role on the task: the lead answers it,
    co-responsible bureaus are told."""

    Role = TaskBureau.Role

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="bureau_links")
    bureau = models.ForeignKey(Bureau, on_delete=models.CASCADE, related_name="alert_links")
    role = models.CharField(_("role"), max_length=20, choices=Role)

    class Meta:
        # The lead first ("lead" sorts after "cooperating").
        ordering = ["alert", "-role", "bureau__order"]
        constraints = [
            models.UniqueConstraint(fields=["alert", "bureau"], name="alertbureau_unique"),
        ]
        verbose_name = _("bureau concerned")
        verbose_name_plural = _("bureaus concerned")

    def __str__(self):
        return f"{self.bureau} ({self.get_role_display()})"


class Explanation(models.Model):
    """情况说明: why an item is late, what is being done, and when it will be done."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("awaiting a decision")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("not accepted")

    alert = models.ForeignKey(
        Alert, on_delete=models.CASCADE, related_name="explanations", verbose_name=_("item")
    )
    bureau = models.ForeignKey(
        Bureau, on_delete=models.PROTECT, related_name="+", verbose_name=_("bureau")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    reason = models.TextField(_("reason for the delay"))
    measures = models.TextField(_("measures taken"))
    expected_on = models.DateField(_("new expected date"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("supervisor's comment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("explanation (情况说明)")
        verbose_name_plural = _("explanations (情况说明)")

    def __str__(self):
        return f"{self.alert} · {self.get_decision_display()}"

    @property
    def is_pending(self) -> bool:
        return self.decision == self.Decision.PENDING

    @property
    def decision_colour(self) -> str:
        return {self.Decision.ACCEPTED: "success", self.Decision.REJECTED: "danger"}.get(
            self.decision, "info"
        )


class EscalationStep(models.Model):
    """One rung taken on the ladder for an item; ``number`` counts steps of the same kind,
    so two scans racing each other cannot take the same rung twice."""

    alert = models.ForeignKey(
        Alert, on_delete=models.CASCADE, related_name="steps", verbose_name=_("item")
    )
    step = models.CharField(_("step"), max_length=20, choices=Step)
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    taken_at = models.DateTimeField(_("taken at"), default=timezone.now)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken by"),
        help_text=_("Empty when the daily job took the step by the rules."),
    )
    reason = models.CharField(_("reason"), max_length=200)
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("recipients")
    )

    class Meta:
        ordering = ["taken_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "step", "number"], name="escalation_step_once"
            ),
        ]
        indexes = [
            # A bureau's page lists its latest steps (newest first, ten); a scan reads the
            # steps it has just taken (taken_at = its time).
            models.Index(fields=["taken_at", "id"], name="escalation_step_taken"),
        ]
        verbose_name = _("escalation step")
        verbose_name_plural = _("escalation steps")

    def __str__(self):
        return f"{self.get_step_display()} #{self.number}: {self.alert}"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def visible_to(self, user):
        return self.filter(recipient=user) if user.is_authenticated else self.none()

    editable_by = visible_to


class Notification(models.Model):
    """A message to one user, written once per ``key`` (e.g. ``overdue:12``)."""

    class Kind(models.TextChoices):
        OVERDUE = "overdue", _("item overdue")
        TARGET_BEHIND = "target_behind", _("target behind")
        REMINDER = "reminder", _("deadline reminder")
        ESCALATION = "escalation", _("escalation")
        EXPLANATION = "explanation", _("explanation")
        CLOSED = "closed", _("item closed")
        REPORT_RETURNED = "report_returned", _("report returned")
        COMPLAINT = "complaint", _("complaint assigned")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    key = models.CharField(_("key"), max_length=120)
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once"),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["emailed_at"], name="notification_unemailed"),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("alerts:notification_open", args=[self.pk])


class NotificationPreference(models.Model):
    """How a user wants email: each notification at once, one digest a day, or none."""

    class Email(models.TextChoices):
        IMMEDIATE = "immediate", _("each notification at once")
        DIGEST = "digest", _("one daily digest")
        NONE = "none", _("no email")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("user"),
    )
    email = models.CharField(_("email"), max_length=20, choices=Email, default=Email.DIGEST)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.user}: {self.get_email_display()}"


class OutgoingEmail(models.Model):
    """The outbox: written in the job's transaction under a unique key, sent afterwards."""

    key = models.CharField(_("key"), max_length=120, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    address = models.EmailField(_("address"))
    subject = models.CharField(pgettext_lazy("email", "subject"), max_length=300)
    body = models.TextField(_("body"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")

    def __str__(self):
        return f"{self.address}: {self.subject}"
