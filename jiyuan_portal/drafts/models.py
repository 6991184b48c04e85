from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jiyuan_portal.tracking.models import Notice


class NoticeDraftQuerySet(models.QuerySet):
    """Drafts are the portal admins' only; a published draft is no longer changed."""

    def visible_to(self, user):
        return self.all() if user.is_authenticated and user.is_portal_admin else self.none()

    def editable_by(self, user):
        return self.visible_to(user).filter(status=NoticeDraft.Status.DRAFT)


class NoticeDraft(models.Model):
    """A notice's text and the plans drafted from it, as reviewed so far.

    ``data`` is what ``tracking.drafting.draft.draft_notice`` returned, edited on the review
    pages: ``{"notice": {…}, "plans": [{…}, …], "units": {name as written: decision}}``.
    Nothing in it is tracked until the draft is published.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("being reviewed")
        PUBLISHED = "published", _("published")

    source_name = models.CharField(_("source"), max_length=200, blank=True)
    text = models.TextField(_("text of the notice"))
    data = models.JSONField(_("draft"), default=dict, encoder=DjangoJSONEncoder)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    # Raised by each save of the review pages: a page saved over another admin's newer
    # change is refused (``views.DraftPartMixin.save_draft``).
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("drafted by"),
    )
    created_at = models.DateTimeField(_("drafted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    notice = models.ForeignKey(
        Notice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="drafts",
        verbose_name=_("notice"),
    )

    objects = NoticeDraftQuerySet.as_manager()
    # Who drafted, changed and published it, and when; not the text nor the draft itself
    # (a notice's draft is some 100 KB, saved at every edit).
    history = HistoricalRecords(excluded_fields=["text", "data"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notice draft")
        verbose_name_plural = _("notice drafts")

    def __str__(self):
        return self.data.get("notice", {}).get("number") or self.source_name or f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("drafts:draft_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def plans(self) -> list[dict]:
        return self.data.get("plans", [])

    @property
    def task_count(self) -> int:
        return sum(len(plan.get("tasks", [])) for plan in self.plans)
