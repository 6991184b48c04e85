from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """One row whose number goes up whenever the plan data change (``tracking.data_version``):
    pages that summarise all of it are cached under that number."""

    number = models.BigIntegerField(_("version number"), default=0)
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self):
        return str(self.number)
