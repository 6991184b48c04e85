"""Evidence files (佐证材料) attached to reports; deleted with their report, files included.

They are stored outside the public media URL space (``settings.EVIDENCE_ROOT``) and only
served by a view that checks the user may see the object they belong to. On disk a file is
named by the portal (``2018/06/<uuid>.pdf``), never by the user: a long Chinese name is over
the 255 bytes a file system allows, and a name is no place for a path. The name the user gave
is kept in ``original_name``, shown on the pages and sent back on download.
"""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..uploads import stored_extension


class EvidenceStorage(FileSystemStorage):
    """Files under ``settings.EVIDENCE_ROOT``, read when a file is stored or opened rather
    than once at import, so that a changed setting (as in tests) is followed."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.EVIDENCE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def evidence_file_name(instance, filename):
    """``%Y/%m/<uuid4>.<ext>``, the extension that of the checked type (``mime_type``)."""
    month = (instance.uploaded_at or timezone.now()).strftime("%Y/%m")
    return f"{month}/{uuid.uuid4().hex}{stored_extension(filename, instance.mime_type)}"


def evidence_storage():
    # No base_url: there is no public URL for these files.
    return EvidenceStorage(base_url=None)


class Evidence(models.Model):
    report = models.ForeignKey(
        "reporting.Report",
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("report"),
    )
    file = models.FileField(_("file"), storage=evidence_storage, upload_to=evidence_file_name)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    mime_type = models.CharField(_("type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("reporting:evidence_download", args=[self.pk])
