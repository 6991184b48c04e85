"""Intelligent retrofit (工业智能化改造): pilot and demonstration recognitions and their awards."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting.models import RegistryRecord
from jiyuan_portal.tracking.choices import Level


class SmartRecognition(RegistryRecord):
    """A pilot, demonstration or certification won by an enterprise, and the award it carries."""

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

    # The awards of the plan (万元) by kind and level: "分别给予50万元、30万元奖励" …
    AWARDS = {
        (Kind.INTEGRATION_CERTIFIED, Level.NATIONAL): Decimal(30),
        (Kind.SMART_FACTORY, Level.NATIONAL): Decimal(50),
        (Kind.SMART_FACTORY, Level.PROVINCIAL): Decimal(30),
        (Kind.SMART_MANUFACTURING, Level.NATIONAL): Decimal(50),
        (Kind.SMART_MANUFACTURING, Level.PROVINCIAL): Decimal(30),
        (Kind.SERVICE_MANUFACTURING, Level.NATIONAL): Decimal(50),
        (Kind.SERVICE_MANUFACTURING, Level.PROVINCIAL): Decimal(30),
        (Kind.INDUSTRIAL_CLOUD, Level.NATIONAL): Decimal(50),
        (Kind.INDUSTRIAL_CLOUD, Level.PROVINCIAL): Decimal(30),
        (Kind.INNOVATION_PLATFORM, Level.NATIONAL): Decimal(50),
        (Kind.INNOVATION_PLATFORM, Level.PROVINCIAL): Decimal(30),
        (Kind.INNOVATION_BASE, Level.NATIONAL): Decimal(80),
        (Kind.INNOVATION_BASE, Level.PROVINCIAL): Decimal(50),
    }

    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    enterprise = models.CharField(_("enterprise"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level)
    recognized_on = models.DateField(_("recognised on"))
    award = models.DecimalField(
        _("award (万元)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Left empty, the award the plan sets for this kind and level."),
    )

    class Meta:
        ordering = ["-recognized_on", "enterprise"]
        verbose_name = _("intelligent-retrofit recognition")
        verbose_name_plural = _("intelligent-retrofit recognitions")

    def __str__(self):
        return f"{self.enterprise} ({self.get_kind_display()}, {self.get_level_display()})"

    @classmethod
    def award_for(cls, kind, level):
        return cls.AWARDS.get((kind, level))

    def save(self, *args, **kwargs):
        if self.award is None:
            self.award = self.award_for(self.kind, self.level)
        super().save(*args, **kwargs)
