"""The denominators of share targets (完成全市僵尸企业总户数的70%, 大中型工业企业建有研发机构
比例60%): how many there are to count against. The notice names them but gives no figure:
the plan files define them, and an admin enters each value with its date and source (the
statistics bureau's count, the 排查 list); the numerator is counted from a registry
(``tracking.measures.Measure.denominator``)."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .core import Plan


class Denominator(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="denominators", verbose_name=_("plan")
    )
    code = models.SlugField(_("code"), max_length=80, unique=True)
    description = models.CharField(_("what is counted"), max_length=200)
    unit = models.CharField(_("unit"), max_length=20, default="家")
    value = models.DecimalField(
        _("value"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty until the figure is known: the share targets show no actual."),
    )
    as_of = models.DateField(_("as of"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Where the figure comes from.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan__order", "code"]
        verbose_name = _("denominator")
        verbose_name_plural = _("denominators")

    def __str__(self):
        return self.description
