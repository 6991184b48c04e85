"""Progress that bureaus report on targets and milestones."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .core import Milestone, Target
from .review import Reviewable


class TargetReport(Reviewable):
    """A target's value as of a date (cumulative, in the target's unit), with a narrative."""

    target = models.ForeignKey(
        Target, on_delete=models.PROTECT, related_name="reports", verbose_name=_("target")
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    as_of = models.DateField(_("as of"))
    narrative = models.TextField(_("progress (进展情况)"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-as_of", "-pk"]
        verbose_name = _("target report")
        verbose_name_plural = _("target reports")

    def __str__(self):
        return f"{self.target.indicator} {self.as_of}"

    def get_task(self):
        return self.target.task


class MilestoneReport(Reviewable):
    """A milestone completed (with its date) or delayed (with the reason and a new date)."""

    class Outcome(models.TextChoices):
        COMPLETED = "completed", _("completed")
        DELAYED = "delayed", _("delayed")

    milestone = models.ForeignKey(
        Milestone, on_delete=models.PROTECT, related_name="reports", verbose_name=_("milestone")
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    delay_reason = models.TextField(_("reason for the delay (情况说明)"), blank=True)
    expected_on = models.DateField(_("new expected date"), null=True, blank=True)
    narrative = models.TextField(_("progress (进展情况)"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("milestone report")
        verbose_name_plural = _("milestone reports")

    def __str__(self):
        return f"{self.milestone} · {self.get_outcome_display()}"

    def get_task(self):
        return self.milestone.task

    def on_approved(self):
        """An approved report completes the milestone or moves its expected date."""
        milestone = self.milestone
        if self.outcome == self.Outcome.COMPLETED:
            milestone.completed_on = self.completed_on
        else:
            milestone.expected_on = self.expected_on
        milestone.save()
