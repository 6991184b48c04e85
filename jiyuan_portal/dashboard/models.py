"""Figures precomputed for the pages that summarise all the data (DHIS2's analytics tables
are the idea): computed in a few grouped queries when the data have changed, then read by
every page and every user until the next change."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.tracking.models import Bureau


class BureauStanding(models.Model):
    """A bureau's figures in the league table (``league.bureau_league``), as of one day and
    one data version (``tracking.data_version``)."""

    bureau = models.OneToOneField(
        Bureau,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="standing",
        verbose_name=_("bureau"),
    )
    data_version = models.BigIntegerField(_("data version"))
    as_of = models.DateField(_("as of"))
    lead_count = models.PositiveIntegerField(_("tasks led"), default=0)
    shared_count = models.PositiveIntegerField(_("tasks shared"), default=0)
    due_count = models.PositiveIntegerField(_("milestones due"), default=0)
    on_time_count = models.PositiveIntegerField(_("milestones done on time"), default=0)
    overdue_count = models.PositiveIntegerField(_("overdue"), default=0)
    explanations_missing = models.PositiveIntegerField(_("explanations missing"), default=0)
    awaiting_review = models.PositiveIntegerField(_("awaiting review"), default=0)
    last_report_at = models.DateTimeField(_("last report"), null=True, blank=True)

    class Meta:
        verbose_name = _("bureau standing")
        verbose_name_plural = _("bureau standings")

    def __str__(self):
        return f"{self.bureau} ({self.as_of}, v{self.data_version})"
