"""Overcapacity reduction (化解过剩产能): exit standards and quotas, and the registry of exits."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting.models import RegistryRecord
from jiyuan_portal.tracking.models import Task, Town


class CapacityTask(Task):
    """A capacity task: what must exit (退出标准) and how much (退出任务)."""

    exit_standard = models.TextField(_("exit standard"), blank=True)
    exit_quota = models.TextField(_("exit quota"), blank=True)

    class Meta:
        verbose_name = _("capacity task")
        verbose_name_plural = _("capacity tasks")


class CapacityExit(RegistryRecord):
    """An enterprise or mine that exited, with the capacity and equipment removed."""

    class Subject(models.TextChoices):
        ENTERPRISE = "enterprise", _("enterprise")
        MINE = "mine", _("mine")

    class Industry(models.TextChoices):
        COAL = "coal", _("coal")
        STEEL = "steel", _("steel (地条钢)")
        POWER = "power", _("coal-fired power")
        CEMENT = "cement", _("cement")
        SMALL_POLLUTING = "small_polluting", _("small, scattered, disorderly and polluting")
        ZOMBIE = "zombie", _("zombie enterprise")

    class CoalCompany(models.TextChoices):
        """The coal companies whose share of the exit the notice sets (退出任务: 其中济源煤业
        公司压减产能45万吨;鹤济公司压减产能156万吨)."""

        JIYUAN_COAL = "jiyuan_coal", "济源煤业公司"
        HEJI = "heji", "鹤济公司"

    name = models.CharField(_("name"), max_length=200)
    subject = models.CharField(_("subject"), max_length=20, choices=Subject)
    industry = models.CharField(_("industry"), max_length=20, choices=Industry)
    capacity_removed = models.DecimalField(
        _("capacity removed"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    capacity_unit = models.CharField(
        _("capacity unit"), max_length=20, blank=True, help_text=_("e.g. 万吨, 万千瓦")
    )
    company = models.CharField(_("coal company"), max_length=20, choices=CoalCompany, blank=True)
    exited_on = models.DateField(_("exited on"))
    equipment_removed = models.TextField(_("equipment removed"), blank=True)
    town = models.ForeignKey(
        Town,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("town"),
    )

    class Meta:
        ordering = ["-exited_on", "name"]
        verbose_name = _("capacity exit")
        verbose_name_plural = _("capacity exits")

    def __str__(self):
        return self.name
