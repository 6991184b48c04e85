"""What the notice's money rules commit to each approved registry record (奖补台账)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting import permissions
from jiyuan_portal.tracking.models import AwardRule, Bureau, Plan, Town
from jiyuan_portal.tracking.models.awards import AMOUNT


class EntitlementQuerySet(models.QuerySet):
    def visible_to(self, user):
        return permissions.restrict(self, permissions.entitlement_visibility(user))

    def in_ledger(self):
        """What the money rules commit: amounts due, due once a condition is met, or to be
        set; not the records a rule looked at and found not eligible."""
        return self.exclude(status=Entitlement.Status.NOT_ELIGIBLE)


class Entitlement(models.Model):
    """One rule applied to one approved record: the amount (万元) and how it was reached.

    Rows are rewritten by ``jiyuan_portal.funding.entitlements`` whenever a record of the
    rule's registry or the rule itself changes; nobody edits them."""

    class Status(models.TextChoices):
        DUE = "due", _("amount due")
        PENDING = "pending", _("due once the condition is met")
        TO_BE_SET = "to_be_set", _("eligible, amount to be set")
        NOT_ELIGIBLE = "not_eligible", _("not eligible")

    class Reason(models.TextChoices):
        BELOW_THRESHOLD = "below_threshold", _("below the threshold")
        BEFORE_FIRST_YEAR = "before_first_year", _("before the rule's first year")
        OUTSIDE_SUPPORT_YEARS = "outside_support_years", _("outside the years of support")
        ANNUAL_CAP_USED = "annual_cap_used", _("the year's cap is used up")
        NO_BASE = "no_base", _("the base amount is not entered")

    class Limit(models.TextChoices):
        CAP = "cap", _("cap per record")
        ANNUAL_CAP = "annual_cap", _("cap per year")

    rule = models.ForeignKey(
        AwardRule, on_delete=models.CASCADE, related_name="entitlements", verbose_name=_("rule")
    )
    record = models.ForeignKey(
        "reporting.Report",
        on_delete=models.CASCADE,
        related_name="entitlements",
        verbose_name=_("record"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="+", verbose_name=_("plan")
    )
    bureau = models.ForeignKey(
        Bureau, on_delete=models.CASCADE, related_name="+", verbose_name=_("bureau")
    )
    town = models.ForeignKey(
        Town,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("town"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status)
    reason = models.CharField(_("why not"), max_length=30, choices=Reason, blank=True)
    base = models.DecimalField(_("base (万元)"), **AMOUNT)
    threshold_value = models.DecimalField(_("amount against the threshold (万元)"), **AMOUNT)
    computed = models.DecimalField(_("computed (万元)"), **AMOUNT)
    amount = models.DecimalField(_("amount (万元)"), **AMOUNT)
    limited_by = models.CharField(_("limited by"), max_length=20, choices=Limit, blank=True)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    objects = EntitlementQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "plan__order", "rule__order", "record_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "record"], name="entitlement_unique_rule_record"
            )
        ]
        indexes = [models.Index(fields=["year", "plan", "status"], name="entitlement_ledger")]
        verbose_name = _("entitlement")
        verbose_name_plural = _("entitlements")

    def __str__(self):
        return f"{self.rule} · {self.record}"


# Bootstrap colour of each status, for its badge.
STATUS_COLOURS = {
    Entitlement.Status.DUE: "success",
    Entitlement.Status.PENDING: "info",
    Entitlement.Status.TO_BE_SET: "info",
    Entitlement.Status.NOT_ELIGIBLE: "secondary",
}
