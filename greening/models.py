"""Green retrofit (工业绿色化改造): the registries that prove progress."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting.models import RegistryRecord
from jiyuan_portal.tracking.choices import Level
from jiyuan_portal.tracking.models import Town


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


class RecyclingPark(RegistryRecord):
    """An urban-mining recycling park (城市矿产类静脉产业园, 二(四)): 2017年建设, 2020年完工."""

    class Stage(models.TextChoices):
        PLANNED = "planned", _("planned")
        UNDER_CONSTRUCTION = "under_construction", _("under construction")
        COMPLETED = "completed", _("completed")

    name = models.CharField(_("park"), max_length=200)
    town = models.ForeignKey(
        Town,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("town"),
    )
    stage = models.CharField(_("stage"), max_length=30, choices=Stage)
    started_on = models.DateField(_("construction started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "name"]
        verbose_name = _("recycling park")
        verbose_name_plural = _("recycling parks")

    def __str__(self):
        return f"{self.name} ({self.get_stage_display()})"


class EnergyInspection(RegistryRecord):
    """An energy-consumption inspection (能耗监察) of an enterprise of a key industry (三(四))."""

    class Industry(models.TextChoices):
        STEEL = "steel", _("steel")
        CEMENT = "cement", _("cement")
        POWER = "power", _("power")

    enterprise = models.CharField(_("enterprise"), max_length=200)
    industry = models.CharField(_("industry"), max_length=20, choices=Industry)
    inspected_on = models.DateField(_("inspected on"))
    finding = models.TextField(_("finding"), blank=True)

    class Meta:
        ordering = ["-inspected_on", "enterprise"]
        verbose_name = _("energy inspection")
        verbose_name_plural = _("energy inspections")

    def __str__(self):
        return f"{self.enterprise} ({self.get_industry_display()})"


class GreenDemonstrationProject(RegistryRecord):
    """A major energy-saving, water-saving, cleaner-production or basic-process project of
    500万元 of new investment or more (二(一), 三(二)), eligible for a 后补助 whose share the
    text does not set."""

    class Kind(models.TextChoices):
        ENERGY_SAVING = "energy_saving", _("energy saving")
        WATER_SAVING = "water_saving", _("water saving")
        CLEANER_PRODUCTION = "cleaner_production", _("cleaner production")
        BASIC_PROCESS = "basic_process", _("greener basic processes")

    name = models.CharField(_("project"), max_length=200)
    enterprise = models.CharField(_("enterprise"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    new_investment = models.DecimalField(
        _("new investment (万元)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    energy_saved = models.DecimalField(
        _("energy saved (吨标准煤)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        ordering = ["-completed_on", "name"]
        verbose_name = _("green demonstration project")
        verbose_name_plural = _("green demonstration projects")

    def __str__(self):
        return self.name

    def field_units(self):
        return {"new_investment": "万元", "energy_saved": "吨标准煤"}
