"""What the portal tells people: alerts to responsible bureaus."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.tracking.models import Bureau, Milestone


class Alert(models.Model):
    """A reminder sent to a responsible bureau; written once per milestone, bureau and kind."""

    class Kind(models.TextChoices):
        OVERDUE = "overdue", _("milestone overdue")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("milestone")
    )
    bureau = models.ForeignKey(
        Bureau, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("bureau")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "milestone", "bureau"], name="alert_once_per_milestone_bureau"
            )
        ]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.milestone} → {self.bureau}"
