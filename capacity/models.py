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

    # What the public pages and feeds show of an approved, published exit (四(三): 公告产能退出
    # 企业名单、设备(生产线)和产能情况), grouped by industry.
    public_fields = (
        "name",
        "industry",
        "town",
        "equipment_removed",
        "capacity_removed",
        "capacity_unit",
        "exited_on",
    )
    public_group_by = "industry"
    public_date_field = "exited_on"

    class Meta:
        ordering = ["-exited_on", "name"]
        verbose_name = _("capacity exit")
        verbose_name_plural = _("capacity exits")

    def __str__(self):
        return self.name


class MissedExit(RegistryRecord):
    """An enterprise that did not exit by its deadline (三(五) 强化惩戒约束: 对未按期完成产能
    退出任务的企业, 将有关信息在“信用济源”网站等平台公布), with the sanctions taken."""

    name = models.CharField(_("name"), max_length=200)
    industry = models.CharField(_("industry"), max_length=20, choices=CapacityExit.Industry)
    town = models.ForeignKey(
        Town,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("town"),
    )
    capacity_due = models.DecimalField(
        _("capacity due to exit"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    capacity_unit = models.CharField(
        _("capacity unit"), max_length=20, blank=True, help_text=_("e.g. 万吨, 万千瓦")
    )
    due_on = models.DateField(_("exit deadline"))
    sanctions = models.TextField(
        _("sanctions"),
        blank=True,
        help_text=_("The joint sanctions and credit restrictions applied (联合惩戒)."),
    )
    exited_on = models.DateField(
        _("exited on"), null=True, blank=True, help_text=_("Empty while it has not exited.")
    )

    public_fields = (
        "name",
        "industry",
        "town",
        "capacity_due",
        "capacity_unit",
        "due_on",
        "sanctions",
        "exited_on",
    )
    public_group_by = ""
    public_date_field = "due_on"

    class Meta:
        ordering = ["-due_on", "name"]
        verbose_name = _("enterprise that missed its exit deadline")
        verbose_name_plural = _("enterprises that missed their exit deadline")

    def __str__(self):
        return self.name
