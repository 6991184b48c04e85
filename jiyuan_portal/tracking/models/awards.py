"""The notice's money rules (奖补, 后补助, 奖励, 配套支持) as data.

A rule says which approved registry records it pays for (a registry and the values some of
its fields must have), and how much: a fixed amount (国家级 50万元), a share of a base the
record states (设备、研发投入的30%), or no amount where the text sets none (按一定比例给予后
补助: eligible, the amount to be set). Thresholds (当年投资500万元以上), caps (单个项目最高
不超过1000万元), annual caps over a number of years (年度最高500万元, 连续支持3年) and a first
year (从2017年起) narrow it. ``jiyuan_portal.funding`` applies the rules to the records.

Rules are loaded from the plan files (``award_rules:``) and may be changed in the admin.
A rule drafted from a later notice's text (``jiyuan_portal.drafts``) may name no registry
yet: it records what the text states, and pays nothing until an admin names the registry.
Amounts are in 万元.
"""

import datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..plan_apps import plan_apps
from .core import Plan, Task

AMOUNT = {"max_digits": 12, "decimal_places": 2, "null": True, "blank": True}


def registry_choices() -> list[tuple[str, str]]:
    """("app_label.ModelName", its name) of every plan app's registry."""
    return [
        (model._meta.label, f"{config.verbose_name} · {model._meta.verbose_name}")
        for config in plan_apps()
        for model, _form in config.get_registries()
    ]


def resolve_path(model, path: str):
    """The field at the end of ``path`` ("centre.listed_on") starting from ``model``, or
    None when the path ends on a property; FieldDoesNotExist when it leads nowhere."""
    *links, last = path.split(".")
    for link in links:
        model = model._meta.get_field(link).related_model
    try:
        return model._meta.get_field(last)
    except FieldDoesNotExist:
        if isinstance(getattr(model, last, None), property):
            return None
        raise


class AwardRule(models.Model):
    class Method(models.TextChoices):
        FIXED = "fixed", _("fixed amount")
        RATE = "rate", _("share of a base")
        UNSPECIFIED = "unspecified", _("amount not set by the text")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="award_rules", verbose_name=_("plan")
    )
    task = models.ForeignKey(
        Task,
        on_delete=models.SET_NULL,
        related_name="award_rules",
        null=True,
        blank=True,
        verbose_name=_("task"),
        help_text=_("The task whose clause states the rule."),
    )
    code = models.SlugField(_("code"), max_length=80)
    order = models.PositiveIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    clause = models.TextField(_("clause"), help_text=_("The sentence of the source text."))
    registry = models.CharField(
        _("applies to"),
        max_length=100,
        blank=True,
        help_text=_(
            "The registry whose approved records the rule pays for; empty: the rule is "
            "recorded as the text states it and pays nothing yet."
        ),
    )
    conditions = models.JSONField(
        _("conditions"),
        default=dict,
        blank=True,
        help_text=_(
            'Values the record\'s fields must have, e.g. {"kind": "smart_factory", '
            '"level": "national"}; empty for every record of the registry.'
        ),
    )
    method = models.CharField(_("how much"), max_length=20, choices=Method)
    fixed_amount = models.DecimalField(_("fixed amount (万元)"), **AMOUNT)
    rate = models.DecimalField(
        _("rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    base_field = models.CharField(
        _("base"), max_length=100, blank=True, help_text=_("The record's amount the rate is of.")
    )
    base_label = models.CharField(_("base as the text names it"), max_length=100, blank=True)
    threshold_field = models.CharField(_("threshold applies to"), max_length=100, blank=True)
    threshold_label = models.CharField(
        _("threshold as the text names it"), max_length=100, blank=True
    )
    threshold = models.DecimalField(
        _("threshold (万元)"), **AMOUNT, help_text=_("The record qualifies from this amount up.")
    )
    cap = models.DecimalField(_("cap per record (万元)"), **AMOUNT)
    annual_cap = models.DecimalField(
        _("cap per year (万元)"),
        **AMOUNT,
        help_text=_("The most one subject receives in a year, over all its records."),
    )
    duration_years = models.PositiveSmallIntegerField(_("years of support"), null=True, blank=True)
    start_field = models.CharField(
        _("support starts from"),
        max_length=100,
        blank=True,
        help_text=_("The date or year the years of support count from, e.g. centre.listed_on."),
    )
    subject_field = models.CharField(
        _("subject"),
        max_length=100,
        blank=True,
        help_text=_("Who the annual cap is per, e.g. centre; empty: each record."),
    )
    first_year = models.PositiveSmallIntegerField(
        _("first year"),
        null=True,
        blank=True,
        help_text=_("从…年起: records before it get nothing."),
    )
    year_field = models.CharField(
        _("year from"),
        max_length=100,
        blank=True,
        help_text=_("The record's date or year that places it in a year of the ledger."),
    )
    payable_field = models.CharField(
        _("payable once"),
        max_length=100,
        blank=True,
        help_text=_("A date the record must have before the money is paid, e.g. completed_on."),
    )
    amount_note = models.TextField(
        _("amount as the text puts it"),
        blank=True,
        help_text=_("Where the text gives no amount: what it says instead."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="awardrule_unique_code_per_plan")
        ]
        verbose_name = _("award rule")
        verbose_name_plural = _("award rules")

    def __str__(self):
        return self.name

    def registry_model(self):
        return apps.get_model(self.registry)

    @property
    def pays(self) -> bool:
        """Whether the rule names the registry it pays for (a drafted rule may not yet)."""
        return bool(self.registry)

    def clean(self):
        if not self.registry:
            self._clean_as_stated()
            return
        errors = {}
        if self.registry not in dict(registry_choices()):
            errors["registry"] = _("Choose one of the plans' registries.")
            raise ValidationError(errors)
        if not self.year_field:
            errors["year_field"] = _("Name the record's date or year that places it in a year.")
        model = self.registry_model()
        paths = {
            "base_field": self.base_field,
            "threshold_field": self.threshold_field,
            "start_field": self.start_field,
            "subject_field": self.subject_field,
            "year_field": self.year_field,
            "payable_field": self.payable_field,
        }
        for name, path in paths.items():
            if not path:
                continue
            try:
                resolve_path(model, path)
            except (FieldDoesNotExist, AttributeError):
                errors[name] = _("%(model)s has no field “%(path)s”.") % {
                    "model": model._meta.verbose_name,
                    "path": path,
                }
        if not isinstance(self.conditions, dict):
            errors["conditions"] = _("Write the conditions as an object of field: value.")
        else:
            for path in self.conditions:
                try:
                    resolve_path(model, path.replace("__", "."))
                except (FieldDoesNotExist, AttributeError):
                    errors["conditions"] = _("%(model)s has no field “%(path)s”.") % {
                        "model": model._meta.verbose_name,
                        "path": path,
                    }
        required = {
            self.Method.FIXED: {"fixed_amount": self.fixed_amount},
            self.Method.RATE: {"rate": self.rate, "base_field": self.base_field},
            self.Method.UNSPECIFIED: {"amount_note": self.amount_note},
        }.get(self.method, {})
        for name, value in required.items():
            if value in (None, ""):
                errors.setdefault(name, _("This rule's way of paying needs this field."))
        if (self.threshold is None) != (not self.threshold_field):
            errors.setdefault(
                "threshold", _("Give both the threshold and the field it applies to, or neither.")
            )
        if bool(self.duration_years) != bool(self.start_field):
            errors.setdefault(
                "duration_years",
                _("Give both the years of support and the date they count from, or neither."),
            )
        if errors:
            raise ValidationError(errors)

    def _clean_as_stated(self):
        """A rule without a registry holds only what the text states: no field paths."""
        errors = {}
        for name in (
            "base_field",
            "threshold_field",
            "start_field",
            "subject_field",
            "year_field",
            "payable_field",
        ):
            if getattr(self, name):
                errors[name] = _("Choose the registry before naming its fields.")
        if self.conditions:
            errors["conditions"] = _("Choose the registry before naming its fields.")
        if self.method == self.Method.FIXED and self.fixed_amount is None:
            errors["fixed_amount"] = _("This rule's way of paying needs this field.")
        if self.method == self.Method.RATE and self.rate is None:
            errors["rate"] = _("This rule's way of paying needs this field.")
        if errors:
            raise ValidationError(errors)


def year_of(value) -> int | None:
    """A date's year, or a year as it is."""
    if value is None:
        return None
    return value.year if isinstance(value, datetime.date) else int(value)
