"""Green retrofit (工业绿色化改造): the registry of recognitions that prove progress."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting.models import RegistryRecord
from jiyuan_portal.tracking.choices import Level


class GreenRecognition(RegistryRecord):
    """An enterprise, product or park recognised under the green-retrofit plan."""

    class Kind(models.TextChoices):
        LEADER_LIST = "leader_list", _("energy/water efficiency leader list entry")
        GREEN_FACTORY = "green_factory", _("green demonstration factory")
        GREEN_PARK = "green_park", _("green park")
        ENERGY_CENTRE = "energy_centre", _("enterprise energy management centre")
        ENVIRONMENTAL_ENTERPRISE = (
            "environmental_enterprise",
            _("energy-saving and environmental enterprise above designated size"),
        )
        CLEANER_PRODUCTION_AUDIT = (
            "cleaner_production_audit",
            _("mandatory cleaner production audit"),
        )

    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    name = models.CharField(_("enterprise, product or park"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level, blank=True)
    recognized_on = models.DateField(_("recognised on"))

    class Meta:
        ordering = ["-recognized_on", "name"]
        verbose_name = _("green recognition")
        verbose_name_plural = _("green recognitions")

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"
