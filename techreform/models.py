"""Enterprise technical reform (企业技术改造): subsidy rules, town targets, reform projects."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jiyuan_portal.reporting.models import RegistryRecord
from jiyuan_portal.tracking.models import Task, Town


class ReformTask(Task):
    """A technical-reform task with the subsidy rule (后补助/奖补) its clauses set."""

    subsidy_rule = models.TextField(_("subsidy rule"), blank=True)

    class Meta:
        verbose_name = _("technical-reform task")
        verbose_name_plural = _("technical-reform tasks")


class TownTarget(models.Model):
    """A town's row of 技术改造{year}年攻坚目标任务分解表."""

    town = models.ForeignKey(
        Town, on_delete=models.PROTECT, related_name="reform_targets", verbose_name=_("town")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    industrial_investment = models.DecimalField(
        _("industrial investment (亿元)"),
        max_digits=10,
        decimal_places=4,
        validators=[MinValueValidator(0)],
    )
    reform_investment = models.DecimalField(
        _("technical-reform investment (亿元)"),
        max_digits=10,
        decimal_places=4,
        validators=[MinValueValidator(0)],
    )
    reform_enterprises = models.PositiveIntegerField(
        _("enterprises above designated size carrying out reforms (家)")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "town__order"]
        constraints = [
            models.UniqueConstraint(fields=["town", "year"], name="towntarget_unique_town_year")
        ]
        verbose_name = _("town target")
        verbose_name_plural = _("town targets")

    def __str__(self):
        return f"{self.year} {self.town}"


class ReformProject(RegistryRecord):
    """A technical-reform project of an enterprise, with its investment, in a town."""

    name = models.CharField(_("project"), max_length=200)
    enterprise = models.CharField(_("enterprise"), max_length=200)
    town = models.ForeignKey(
        Town, on_delete=models.PROTECT, related_name="reform_projects", verbose_name=_("town")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    investment = models.DecimalField(
        _("investment (亿元)"), max_digits=10, decimal_places=4, validators=[MinValueValidator(0)]
    )
    # 按照项目的设备、研发投入的30%给予后补助: the base of the project's subsidy.
    equipment_spend = models.DecimalField(
        _("equipment spend (万元)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    rd_spend = models.DecimalField(
        _("R&D spend (万元)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    is_demonstration = models.BooleanField(_("demonstration project"), default=False)
    completed_on = models.DateField(
        _("in production on"),
        null=True,
        blank=True,
        help_text=_("The subsidy is paid after the project goes into production (投产后)."),
    )

    class Meta:
        ordering = ["-year", "town__order", "name"]
        verbose_name = _("reform project")
        verbose_name_plural = _("reform projects")

    def __str__(self):
        return self.name

    def field_units(self):
        return {"investment": "亿元", "equipment_spend": "万元", "rd_spend": "万元"}

    @property
    def equipment_and_rd_spend(self):
        """设备、研发投入: the sum of what is entered, None when neither is."""
        spends = [spend for spend in (self.equipment_spend, self.rd_spend) if spend is not None]
        return sum(spends) if spends else None


class TownTargetImport(models.Model):
    """One import of the town target table: who loaded which file when, and what changed.

    ``changes`` holds one entry per town that was created or updated, with the values
    before (``null`` for a new town) and after, as text so that Decimals stay exact:
    ``{"town": "虎岭", "action": "update", "before": {...}, "after": {...}}``.
    Towns the file left unchanged are only counted.
    """

    class Source(models.TextChoices):
        ADMIN = "admin", _("admin upload")
        COMMAND = "command", _("command line")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    source = models.CharField(_("source"), max_length=20, choices=Source, default=Source.ADMIN)
    file_name = models.CharField(_("file name"), max_length=255)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    year = models.PositiveSmallIntegerField(_("year"))
    created_count = models.PositiveIntegerField(_("new"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    changes = models.JSONField(_("changes"), default=list, blank=True)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("town target import")
        verbose_name_plural = _("town target imports")

    def __str__(self):
        return f"{self.file_name} ({self.year})"
