"""What every piece of reported progress shares: the bureau that reported it, its review
state (草稿 → 已提交 → 已审核 / 已退回) and a version number against lost updates.

State changes go through ``jiyuan_portal.tracking.workflow``, never by setting ``status``.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned")


# States in which the reporting bureau may still change or delete what it reported.
EDITABLE_STATUSES = (ReviewStatus.DRAFT, ReviewStatus.RETURNED)


class ReviewableQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=ReviewStatus.APPROVED)

    def awaiting_review(self):
        return self.filter(status=ReviewStatus.SUBMITTED).order_by("submitted_at", "pk")


class Reviewable(models.Model):
    bureau = models.ForeignKey(
        "tracking.Bureau",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reporting bureau"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus, default=ReviewStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)

    objects = ReviewableQuerySet.as_manager()

    class Meta:
        abstract = True

    def get_absolute_url(self):
        from ..progress import kind_of

        return reverse("tracking:progress_detail", args=[kind_of(self).slug, self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_approved(self) -> bool:
        return self.status == ReviewStatus.APPROVED

    def get_task(self):
        """The task this progress belongs to (for permissions and evidence access)."""
        raise NotImplementedError
