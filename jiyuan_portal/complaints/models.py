"""Complaints from the public (举报) and their verification (核查), as 四(三) asks: "建立举报
核查制度, 用好各单位的监督举报平台以及市长热线12345, 及时核查处理反映的问题".

A case comes from the public form or is entered by staff (12345, a visit, a letter). It
goes to a bureau by the kind of problem (``routing``), which verifies it within a number of
working days and closes it with its finding and measures: 已受理 → 核查中 → 已办结. A case
past its deadline becomes a supervised item (``alerts``), like a late milestone.

The reporter's name and telephone are seen by supervisors and the bureau the case is
assigned to, nobody else; the reporter follows the case with its number and the secret
given on filing (stored hashed, as a password).
"""

import secrets
import uuid

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jiyuan_portal.reporting import permissions
from jiyuan_portal.reporting.models.evidence import evidence_storage
from jiyuan_portal.reporting.uploads import stored_extension
from jiyuan_portal.tracking.models import Bureau, Plan, Task, Town


class ComplaintQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Supervisors and admins see every case; a bureau the cases assigned to it."""
        if permissions.can_see_everything(user):
            return self
        if permissions.is_bureau_staff(user):
            return self.filter(bureau_id=user.bureau_id)
        return self.none()

    def editable_by(self, user):
        """Supervisors (and admins) and the assigned bureau handle a case."""
        return self.visible_to(user)

    def open(self):
        return self.exclude(status=Complaint.Status.CLOSED)

    def overdue(self, on):
        """Open cases whose verification deadline has passed ``on``."""
        return self.open().filter(due_on__lt=on)


class Complaint(models.Model):
    class Kind(models.TextChoices):
        SMALL_POLLUTING = "small_polluting", _("a “small, scattered, disorderly, polluting” site")
        STEEL = "steel", _("a “地条钢” (strip-steel) furnace")
        COAL_MINE = "coal_mine", _("a closed coal mine working again")
        POWER = "power", _("a closed coal-fired power unit running")
        CEMENT = "cement", _("closed cement capacity producing")
        OTHER = "other", _("another problem of capacity reduction")

    class Source(models.TextChoices):
        WEB = "web", _("the public web form")
        HOTLINE = "hotline", _("the mayor's hotline 12345")
        VISIT = "visit", _("a visit in person")
        LETTER = "letter", _("a letter")
        OTHER = "other", _("another channel")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received (已受理)")
        VERIFYING = "verifying", _("being verified (核查中)")
        CLOSED = "closed", _("closed (已办结)")

    class Finding(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed (属实)")
        PARTLY = "partly", _("partly confirmed (部分属实)")
        UNFOUNDED = "unfounded", _("unfounded (不属实)")

    number = models.CharField(_("receipt number"), max_length=20, unique=True, editable=False)
    secret_hash = models.CharField(max_length=128, editable=False)
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("plan")
    )
    task = models.ForeignKey(
        Task,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("task"),
    )
    kind = models.CharField(_("kind of problem"), max_length=20, choices=Kind)
    source = models.CharField(_("received through"), max_length=20, choices=Source)
    town = models.ForeignKey(
        Town, on_delete=models.PROTECT, related_name="+", verbose_name=_("town")
    )
    address = models.CharField(_("address of the site"), max_length=200)
    description = models.TextField(_("what was seen"))
    contact_name = models.CharField(_("reporter's name"), max_length=50, blank=True)
    contact_phone = models.CharField(_("reporter's telephone"), max_length=30, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
        help_text=_("Empty for a case filed on the public form."),
    )
    bureau = models.ForeignKey(
        Bureau,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("responsible bureau"),
    )
    due_on = models.DateField(_("verify by"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.RECEIVED, db_index=True
    )
    finding = models.CharField(_("finding"), max_length=20, choices=Finding, blank=True)
    verification = models.TextField(_("what the verification found"), blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )

    objects = ComplaintQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["secret_hash"])

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["bureau", "status", "due_on"], name="complaint_queue")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="complaint_closed_has_a_time",
            )
        ]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self):
        return f"{self.number} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("complaints:complaint_detail", args=[self.pk])

    def set_secret(self) -> str:
        """A new secret for the reporter, shown once; only its hash is kept."""
        secret = secrets.token_urlsafe(9)  # 12 characters
        self.secret_hash = make_password(secret)
        return secret

    def check_secret(self, secret: str) -> bool:
        return bool(secret) and check_password(secret, self.secret_hash)

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


def photo_file_name(instance, filename):
    month = timezone.now().strftime("%Y/%m")
    extension = stored_extension(filename, instance.mime_type)
    return f"complaints/{month}/{uuid.uuid4().hex}{extension}"


class ComplaintPhoto(models.Model):
    """A photo sent with a complaint: checked by content and size like an evidence file,
    stored outside the public media and served only to those who see the case."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="photos", verbose_name=_("complaint")
    )
    file = models.FileField(_("file"), storage=evidence_storage, upload_to=photo_file_name)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    mime_type = models.CharField(_("type"), max_length=100)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("complaints:photo_download", args=[self.pk])
