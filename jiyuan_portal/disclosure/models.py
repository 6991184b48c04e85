"""What a supervisor has published (公开) on the public pages, and when.

Nothing is public by default: an approved record of a public registry (a plan app's
``public_registries``) or a target appears on ``/public/`` only once a supervisor has
marked it, and leaves it when the mark is withdrawn. The mark is its own row, so reloading
the plans or editing a record in the admin never publishes or hides anything by accident.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jiyuan_portal.reporting.models import Report
from jiyuan_portal.tracking.models import Target


class Publication(models.Model):
    report = models.OneToOneField(
        Report,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="publication",
        verbose_name=_("record"),
    )
    target = models.OneToOneField(
        Target,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="publication",
        verbose_name=_("target"),
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("published by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(report__isnull=False, target__isnull=True)
                | Q(report__isnull=True, target__isnull=False),
                name="publication_of_a_record_or_a_target",
            )
        ]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self):
        return str(self.report or self.target)
