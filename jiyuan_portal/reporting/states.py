"""The review states of a report (草稿 → 已提交 → 已审核 / 已退回)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned")


# States in which the reporting bureau may still change or delete what it reported.
EDITABLE_STATUSES = (ReviewStatus.DRAFT, ReviewStatus.RETURNED)
