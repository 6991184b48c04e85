"""Technical innovation (技术创新): registries of enterprises, R&D platforms and teams."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting.models import RegistryRecord
from jiyuan_portal.tracking.choices import Level


class InnovationEnterprise(RegistryRecord):
    """An enterprise recognised as high-tech, 科技小巨人, innovation leader or tech SME."""

    class Kind(models.TextChoices):
        HIGH_TECH = "high_tech", _("high-tech enterprise")
        LITTLE_GIANT = "little_giant", _("科技小巨人 enterprise")
        INNOVATION_LEADER = "innovation_leader", _("innovation-leading enterprise")
        TECH_SME = "tech_sme", _("science and technology SME")

    name = models.CharField(_("enterprise"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    certified_on = models.DateField(_("certified on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    # 市级 / 省级 / 国家级: the level an innovation-leading enterprise was named at.
    level = models.CharField(_("level"), max_length=20, choices=Level, blank=True)

    class Meta:
        ordering = ["-certified_on", "name"]
        verbose_name = _("innovation enterprise")
        verbose_name_plural = _("innovation enterprises")

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"


class ResearchPlatform(RegistryRecord):
    """An R&D platform or institute: new-type R&D institution, engineering centre, lab …"""

    class Kind(models.TextChoices):
        NEW_RD_INSTITUTE = "new_rd_institute", _("new-type R&D institution")
        ENGINEERING_CENTRE = "engineering_centre", _("engineering (technology) research centre")
        ENTERPRISE_TECH_CENTRE = "enterprise_tech_centre", _("enterprise technology centre")
        KEY_LABORATORY = "key_laboratory", _("key (engineering) laboratory")
        COLLABORATIVE_INNOVATION_CENTRE = (
            "collaborative_innovation_centre",
            _("collaborative innovation centre"),
        )
        INDUSTRIAL_DESIGN_CENTRE = "industrial_design_centre", _("industrial design centre")
        MANUFACTURING_INNOVATION_CENTRE = (
            "manufacturing_innovation_centre",
            _("manufacturing innovation centre"),
        )
        INCUBATOR = "incubator", _("incubator")
        MAKER_SPACE = "maker_space", _("maker space")
        OTHER = "other", _("other platform")

    # The kinds that are research and development platforms (研发平台), unlike the 双创
    # carriers (incubators and maker spaces).
    RD_KINDS = (
        Kind.NEW_RD_INSTITUTE,
        Kind.ENGINEERING_CENTRE,
        Kind.ENTERPRISE_TECH_CENTRE,
        Kind.KEY_LABORATORY,
        Kind.COLLABORATIVE_INNOVATION_CENTRE,
        Kind.INDUSTRIAL_DESIGN_CENTRE,
        Kind.MANUFACTURING_INNOVATION_CENTRE,
        Kind.OTHER,
    )

    name = models.CharField(_("platform"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, choices=Kind)
    level = models.CharField(_("level"), max_length=20, choices=Level)
    host = models.CharField(_("host enterprise or institution"), max_length=200, blank=True)
    recognized_on = models.DateField(_("recognised on"))
    # 引进国家级创新平台载体及其分支机构: brought to Jiyuan from outside, not built here.
    is_introduced = models.BooleanField(_("brought in from outside"), default=False)

    class Meta:
        ordering = ["-recognized_on", "name"]
        verbose_name = _("R&D platform")
        verbose_name_plural = _("R&D platforms")

    def __str__(self):
        return self.name


class InnovationTeam(RegistryRecord):
    """An innovation team brought in or grown; high-level teams count separately."""

    name = models.CharField(_("team"), max_length=200)
    leader = models.CharField(_("leader"), max_length=100, blank=True)
    host = models.CharField(_("host enterprise or institution"), max_length=200, blank=True)
    is_high_level = models.BooleanField(_("high-level team"), default=False)
    recognized_on = models.DateField(_("recognised on"))

    class Meta:
        ordering = ["-recognized_on", "name"]
        verbose_name = _("innovation team")
        verbose_name_plural = _("innovation teams")

    def __str__(self):
        return self.name


class MajorScienceProject(RegistryRecord):
    """A major science and technology project (重大科技专项, 三(二)) carried by an enterprise."""

    name = models.CharField(_("project"), max_length=200)
    enterprise = models.CharField(_("enterprise"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level)
    approved_on = models.DateField(_("approved on"))
    funding = models.DecimalField(
        _("funding (万元)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        ordering = ["-approved_on", "name"]
        verbose_name = _("major science and technology project")
        verbose_name_plural = _("major science and technology projects")

    def __str__(self):
        return self.name

    def field_units(self):
        return {"funding": "万元"}
