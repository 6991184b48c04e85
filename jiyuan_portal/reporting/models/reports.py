"""The core's two kinds of report: a target's value and a milestone's outcome."""

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.tracking.models import Milestone, Target

from .report import Report


class TargetReport(Report):
    """A target's value as of a date (cumulative, in the target's unit), with a narrative."""

    target = models.ForeignKey(
        Target, on_delete=models.PROTECT, related_name="reports", verbose_name=_("target")
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    as_of = models.DateField(_("as of"))
    narrative = models.TextField(_("progress (进展情况)"))

    class Meta:
        ordering = ["-as_of", "-pk"]
        verbose_name = _("target report")
        verbose_name_plural = _("target reports")

    parent_field = "target"

    def describe(self):
        """E.g. 高新技术企业数 2017年6月30日: the date as the site writes it, in the
        language active when the report is saved."""
        return f"{self.target.indicator} {date_format(self.as_of)}"

    def field_units(self):
        return {"value": self.target.unit}


class MilestoneReport(Report):
    """A one-off milestone completed (with its date) or delayed (with the reason and a new
    date); or, for a recurring (每年) or ongoing (持续) milestone, the progress of a period,
    which leaves the milestone open."""

    class Outcome(models.TextChoices):
        COMPLETED = "completed", _("completed")
        DELAYED = "delayed", _("delayed")
        PROGRESS = "progress", _("progress this period")

    milestone = models.ForeignKey(
        Milestone, on_delete=models.PROTECT, related_name="reports", verbose_name=_("milestone")
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    delay_reason = models.TextField(_("reason for the delay (情况说明)"), blank=True)
    expected_on = models.DateField(_("new expected date"), null=True, blank=True)
    narrative = models.TextField(_("progress (进展情况)"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("milestone report")
        verbose_name_plural = _("milestone reports")

    parent_field = "milestone"

    def describe(self):
        return f"{self.milestone} · {self.get_outcome_display()}"

    def apply_to_milestone(self):
        """An approved report completes the milestone or moves its expected date."""
        milestone = self.milestone
        if self.outcome == self.Outcome.COMPLETED:
            milestone.completed_on = self.completed_on
        elif self.outcome == self.Outcome.DELAYED:
            milestone.expected_on = self.expected_on
        else:  # progress of a period: the milestone stays open
            return
        milestone.save()


class LatestTargetValue(models.Model):
    """The latest approved reported value of a target, kept by the receivers of
    ``reporting.receivers`` whenever a target report is saved or deleted (and refreshed in
    bulk by ``actuals.refresh_latest_values``), so that lists filter, sort and count targets
    by progress with a join instead of a subquery per row and mention."""

    target = models.OneToOneField(
        Target,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="latest_value",
        verbose_name=_("target"),
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    as_of = models.DateField(_("as of"))

    class Meta:
        verbose_name = _("latest approved value")
        verbose_name_plural = _("latest approved values")

    def __str__(self):
        return f"{self.target_id}: {self.value} ({self.as_of})"
