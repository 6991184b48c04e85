"""One table for everything a bureau reports (Wagtail's ``Page`` is the model).

A ``Report`` row holds what every kind shares: the reporting bureau, the plan and task it
concerns, its review state (草稿 → 已提交 → 已审核 / 已退回), a version against lost
updates, who did what when, and a title for lists. Each kind (a target's value, a
milestone's outcome, each plan's registry records) is a multi-table subclass; the row's
``content_type`` says which, and ``specific`` returns the row as that kind. Cross-plan
questions ("everything waiting for review", "what bureau X reported") are one query here.

State changes go through ``jiyuan_portal.reporting.workflow``, never by setting ``status``.
"""

import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jiyuan_portal.tracking.models import Plan, Task

from .. import permissions
from ..states import ReviewStatus


class ReportQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=ReviewStatus.APPROVED)

    def awaiting_review(self):
        return self.filter(status=ReviewStatus.SUBMITTED).order_by("submitted_at", "pk")

    def visible_to(self, user):
        """The reports ``user`` may read (``permissions.report_visibility``)."""
        return permissions.restrict(self, permissions.report_visibility(user))

    def editable_by(self, user):
        """The reports ``user`` may change, submit or delete."""
        return permissions.restrict(self, permissions.report_editability(user))


class Report(models.Model):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", editable=False
    )
    plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        related_name="reports",
        editable=False,
        verbose_name=_("plan"),
    )
    task = models.ForeignKey(
        Task,
        on_delete=models.PROTECT,
        related_name="reports",
        null=True,
        blank=True,
        verbose_name=_("task"),
        help_text=_("Empty for a report on a plan's general goal."),
    )
    title = models.CharField(_("title"), max_length=255, editable=False)
    bureau = models.ForeignKey(
        "tracking.Bureau",
        on_delete=models.PROTECT,
        related_name="reports",
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

    objects = ReportQuerySet.as_manager()
    # Declared once: every kind gets its own history table with all its fields.
    history = HistoricalRecords(inherit=True)

    #: The field of a kind that names what it reports on: "target", "milestone" or "task".
    parent_field = "task"

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The review queue: submitted reports, the oldest first (docs/benchmarks.md).
            models.Index(fields=["status", "submitted_at", "id"], name="report_review_queue"),
            # The report list: the latest submitted first.
            models.Index(fields=["-submitted_at"], name="report_latest_submitted"),
            # 我的任务: a bureau's drafts and returned reports, the latest changed first.
            models.Index(fields=["bureau", "status", "updated_at"]),
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.content_type_id is None:
            self.content_type = ContentType.objects.get_for_model(type(self))
        parent = getattr(self, self.parent_field)
        if self.parent_field != "task":
            self.task = parent.task
        self.plan_id = self.task.plan_id if self.task else parent.plan_id
        self.title = self.describe()[:255]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reporting:report_detail", args=[self.pk])

    @classmethod
    def kind_slug(cls) -> str:
        """The kind's name in URLs: ``CapacityExit`` → ``capacity-exit``."""
        return re.sub(r"(?<!^)(?=[A-Z])", "-", cls.__name__).lower()

    @property
    def parent(self):
        """The target, milestone or task this report is about."""
        return getattr(self.specific, self.parent_field)

    def field_units(self) -> dict:
        """{field name: unit} for the fields whose value is shown with a unit."""
        return {}

    def describe(self) -> str:
        """The report's title for lists; kinds say it their own way."""
        return str(getattr(self, self.parent_field))

    @property
    def specific_class(self):
        """The row's own kind, from the content-type cache (no query after the first)."""
        return ContentType.objects.get_for_id(self.content_type_id).model_class()

    @cached_property
    def specific(self) -> "Report":
        """This row as its own kind (a TargetReport, a CapacityExit …)."""
        model = self.specific_class
        if isinstance(self, model):
            return self
        return model.objects.get(pk=self.pk)

    @property
    def kind_name(self) -> str:
        return self.specific_class._meta.verbose_name


class RegistryRecord(Report):
    """Base of every plan registry entry: a real thing that proves progress on a task
    (an exited mine, a certified enterprise …), reported by a bureau and reviewed."""

    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        abstract = True

    def describe(self) -> str:
        return str(self)
