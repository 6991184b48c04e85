"""Intelligent retrofit (工业智能化改造): pilot and demonstration recognitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting.models import RegistryRecord
from jiyuan_portal.tracking.choices import Level


class SmartRecognition(RegistryRecord):
    """A pilot, demonstration or certification won by an enterprise; the awards it carries
    are the plan's award rules (``award_rules:`` of fixtures/plans/smart.yaml)."""

    class Kind(models.TextChoices):
        INTEGRATION_PILOT = (
            "integration_pilot",
            _("IT-industrialisation integration pilot (贯标试点)"),
        )
        INTEGRATION_CERTIFIED = (
            "integration_certified",
            _("IT-industrialisation integration management system certified (通过评定)"),
        )
        SELF_ASSESSMENT = "self_assessment", _("integration self-assessment (自评估)")
        SMART_FACTORY = "smart_factory", _("smart factory or workshop")
        SMART_MANUFACTURING = "smart_manufacturing", _("intelligent manufacturing pilot")
        SERVICE_MANUFACTURING = "service_manufacturing", _("service-oriented manufacturing")
        INDUSTRIAL_CLOUD = "industrial_cloud", _("industrial cloud or big data")
        INNOVATION_PLATFORM = "innovation_platform", _("manufacturing 双创 platform")
        INNOVATION_BASE = "innovation_base", _("manufacturing and internet 双创 base")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    enterprise = models.CharField(_("enterprise"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level)
    recognized_on = models.DateField(_("recognised on"))

    class Meta:
        ordering = ["-recognized_on", "enterprise"]
        verbose_name = _("intelligent-retrofit recognition")
        verbose_name_plural = _("intelligent-retrofit recognitions")

    def __str__(self):
        return f"{self.enterprise} ({self.get_kind_display()}, {self.get_level_display()})"
