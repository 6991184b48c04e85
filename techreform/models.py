"""Enterprise technical reform (企业技术改造): town targets, reform projects and the
registries of the key tasks."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jiyuan_portal.reporting.models import RegistryRecord
from jiyuan_portal.tracking.choices import Level
from jiyuan_portal.tracking.models import Task, Town


class ReformTask(Task):
    """A technical-reform task. The money its clauses grant (后补助/奖补) is in the plan's
    award rules (``tracking.AwardRule``), applied to this plan's registries."""

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


# The registries of 二(二)–二(六): what the plan counts and pays for. Amounts are in 万元.

AMOUNT = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class InnovationCentre(RegistryRecord):
    """A manufacturing innovation centre (制造业创新中心) on a list (二(二))."""

    class Listing(models.TextChoices):
        CITY = "city", _("city cultivation list (市级培育名单)")
        PROVINCIAL = "provincial", _("provincial cultivation list (省级培育名单)")
        PROVINCIAL_RECOGNISED = "provincial_recognised", _("provincial innovation centre")
        NATIONAL = "national", _("national innovation centre")

    name = models.CharField(_("innovation centre"), max_length=200)
    enterprise = models.CharField(_("host enterprise"), max_length=200)
    listing = models.CharField(_("list"), max_length=30, choices=Listing)
    listed_on = models.DateField(_("listed on"))

    class Meta:
        ordering = ["-listed_on", "name"]
        verbose_name = _("manufacturing innovation centre")
        verbose_name_plural = _("manufacturing innovation centres")

    def __str__(self):
        return f"{self.name} ({self.get_listing_display()})"


class InnovationCentreSpend(RegistryRecord):
    """A centre's purchase of R&D and pilot equipment in a year (年度内购置研发、中试等设备
    投入资金), the base of its subsidy in the three years from its listing."""

    centre = models.ForeignKey(
        InnovationCentre,
        on_delete=models.PROTECT,
        related_name="spends",
        verbose_name=_("innovation centre"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    equipment_spend = models.DecimalField(_("R&D and pilot equipment bought (万元)"), **AMOUNT)

    class Meta:
        ordering = ["-year", "centre__name"]
        verbose_name = _("innovation centre equipment spend")
        verbose_name_plural = _("innovation centre equipment spends")

    def __str__(self):
        return f"{self.centre.name} {self.year}"

    def field_units(self):
        return {"equipment_spend": "万元"}


class NewProduct(RegistryRecord):
    """A product recognised as a provincial industrial new product (省工业新产品, 二(三))."""

    product = models.CharField(_("product"), max_length=200)
    enterprise = models.CharField(_("enterprise"), max_length=200)
    recognized_on = models.DateField(_("recognised on"))
    rd_spend = models.DecimalField(
        _("enterprise's R&D spend (万元)"), **AMOUNT, null=True, blank=True
    )

    class Meta:
        ordering = ["-recognized_on", "product"]
        verbose_name = _("provincial industrial new product")
        verbose_name_plural = _("provincial industrial new products")

    def __str__(self):
        return f"{self.product} ({self.enterprise})"

    def field_units(self):
        return {"rd_spend": "万元"}


class FineProduct(RegistryRecord):
    """An industrial fine product (工业精品) cultivated under 二(三)."""

    product = models.CharField(_("product"), max_length=200)
    enterprise = models.CharField(_("enterprise"), max_length=200)
    recognized_on = models.DateField(_("recognised on"))

    class Meta:
        ordering = ["-recognized_on", "product"]
        verbose_name = _("industrial fine product")
        verbose_name_plural = _("industrial fine products")

    def __str__(self):
        return f"{self.product} ({self.enterprise})"


class StrongBaseProject(RegistryRecord):
    """A project of the national industrial foundation programme (工业强基工程, 二(四))."""

    name = models.CharField(_("project"), max_length=200)
    enterprise = models.CharField(_("enterprise"), max_length=200)
    approved_on = models.DateField(_("approved on"))
    national_grant = models.DecimalField(_("national grant (万元)"), **AMOUNT)

    class Meta:
        ordering = ["-approved_on", "name"]
        verbose_name = _("industrial foundation project")
        verbose_name_plural = _("industrial foundation projects")

    def __str__(self):
        return self.name

    def field_units(self):
        return {"national_grant": "万元"}


class ReformRecognition(RegistryRecord):
    """A national or provincial recognition of 二(五), awarded 50万/30万元."""

    class Kind(models.TextChoices):
        TECH_INNOVATION_DEMO = "tech_innovation_demo", _("technology innovation demonstration")
        IP_DEMO = "ip_demo", _("intellectual property demonstration")
        QUALITY_BENCHMARK = "quality_benchmark", _("quality benchmark enterprise")
        BRAND_DEMO = "brand_demo", _("industrial brand cultivation demonstration")
        PUBLIC_RD_CENTRE = "public_rd_centre", _("industrial public R&D and design centre")
        CLUSTER_BRAND_PILOT = "cluster_brand_pilot", _("industrial cluster regional brand pilot")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    level = models.CharField(_("level"), max_length=20, choices=Level)
    enterprise = models.CharField(_("enterprise or unit"), max_length=200)
    recognized_on = models.DateField(_("recognised on"))

    class Meta:
        ordering = ["-recognized_on", "enterprise"]
        verbose_name = _("quality and brand recognition")
        verbose_name_plural = _("quality and brand recognitions")

    def __str__(self):
        return f"{self.enterprise} ({self.get_kind_display()}, {self.get_level_display()})"


class FirstSetEquipment(RegistryRecord):
    """Major equipment or a key part made in Jiyuan and recognised by the province as a
    first set (首台(套), 二(六))."""

    name = models.CharField(_("equipment"), max_length=200)
    maker = models.CharField(_("maker"), max_length=200)
    recognized_on = models.DateField(_("recognised by the province on"))

    class Meta:
        ordering = ["-recognized_on", "name"]
        verbose_name = _("first-set equipment")
        verbose_name_plural = _("first-set equipment")

    def __str__(self):
        return f"{self.name} ({self.maker})"


class FirstSetPurchase(RegistryRecord):
    """A unit that bought and uses such equipment (奖励 5% of the price)."""

    equipment = models.ForeignKey(
        FirstSetEquipment,
        on_delete=models.PROTECT,
        related_name="purchases",
        verbose_name=_("first-set equipment"),
    )
    buyer = models.CharField(_("buyer"), max_length=200)
    purchased_on = models.DateField(_("bought on"))
    price = models.DecimalField(_("price (万元)"), **AMOUNT)

    class Meta:
        ordering = ["-purchased_on", "buyer"]
        verbose_name = _("first-set equipment purchase")
        verbose_name_plural = _("first-set equipment purchases")

    def __str__(self):
        return f"{self.buyer} · {self.equipment.name}"

    def field_units(self):
        return {"price": "万元"}
