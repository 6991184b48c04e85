"""Generic views for every kind of report (on targets, on milestones, registry records):
create, show, edit, submit, delete, review, the review queue and evidence download.

Each view declares its rule and reaches reports only through ``visible_to`` /
``editable_by`` (``jiyuan_portal.views.generic.PermissionGate``): a report the user may not
see answers 404, one the user may see but not change answers 403, and neither changes
anything.
"""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from jiyuan_portal.tracking import history
from jiyuan_portal.utils.numbers import plain_decimal
from jiyuan_portal.views.generic import ObjectListView, PermissionGate

from . import filing, permissions, workflow
from .filtersets import ReportFilterSet
from .forms import ReviewForm, VersionField
from .kinds import get_kind
from .models import Evidence, Report, ReviewStatus
from .page_cache import CachedContentMixin
from .tables import ReportTable


def run_transition(request, transition, success_message) -> None:
    """Run a workflow step and tell the user how it went; a refused step is explained."""
    try:
        transition()
    except workflow.ConcurrentEditError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success_message)


def displayed_fields(report, names):
    """(label, value for display) of the fields a form for ``report`` edits."""
    rows = []
    units = report.field_units()
    for name in names:
        field = report._meta.get_field(name)
        value = getattr(report, f"get_{name}_display")() if field.choices else getattr(report, name)
        if isinstance(value, Decimal):
            value = plain_decimal(value)
        if value is not None and name in units:
            value = f"{value}{units[name]}"
        rows.append((field.verbose_name, value))
    return rows


class ReportMixin(PermissionGate):
    """Loads the report of the URL as its own kind, from the reports the user may see."""

    required = staticmethod(permissions.signed_in)
    queryset = Report.objects.select_related("bureau", "task__plan", "plan")

    def get_report(self):
        report = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"]).specific
        self.kind = get_kind(report.kind_slug())
        return report

    def get_changeable_report(self):
        """The report, if the user may change it: 404 when unseen, 403 when only seen."""
        report = filing.changeable_report(self.request.user, self.kwargs["pk"])
        self.kind = get_kind(report.kind_slug())
        return report


class ReportFormMixin(ReportMixin):
    template_name = "reporting/report_form.html"

    def build_form(self, parent, instance=None):
        posted = self.request.method == "POST"
        return filing.report_form(
            self.kind,
            parent,
            self.request.POST if posted else None,
            self.request.FILES if posted else None,
            instance,
        )

    def render_form(self, form, parent, report=None):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "kind": self.kind,
                "parent": parent,
                "task": parent if self.kind.parent_field == "task" else parent.task,
                "item": report,
                "evidence": report.evidence.select_related("uploaded_by") if report else [],
            },
        )


class ReportCreateView(ReportFormMixin, View):
    required = staticmethod(permissions.is_bureau_staff)

    def get_parent(self):
        self.kind = get_kind(self.kwargs["kind"])
        return filing.reportable_parent(self.request.user, self.kind, self.kwargs["parent_pk"])

    def get(self, request, *args, **kwargs):
        parent = self.get_parent()
        return self.render_form(self.build_form(parent), parent)

    def post(self, request, *args, **kwargs):
        parent = self.get_parent()
        form = self.build_form(parent)
        if not form.is_valid():
            return self.render_form(form, parent)
        report = filing.create(request.user, self.kind, parent, form, "submit" in request.POST)
        if report.status == ReviewStatus.SUBMITTED:
            messages.success(request, _("Submitted for review."))
        else:
            messages.success(request, _("Saved as a draft; submit it when it is complete."))
        return redirect(report.get_absolute_url())


class ReportEditView(ReportFormMixin, View):
    def get(self, request, *args, **kwargs):
        report = self.get_changeable_report()
        parent = report.parent
        return self.render_form(self.build_form(parent, report), parent, report)

    def post(self, request, *args, **kwargs):
        report = self.get_changeable_report()
        parent = report.parent
        form = self.build_form(parent, report)
        if not form.is_valid():
            return self.render_form(form, parent, report)
        removed = [pk for pk in request.POST.getlist("remove_evidence") if pk.isdigit()]
        try:
            report = filing.update(request.user, form, "submit" in request.POST, removed)
        except workflow.ConcurrentEditError as error:
            form.add_error(None, str(error))
            return self.render_form(form, parent, type(report).objects.get(pk=report.pk))
        messages.success(
            request,
            _("Submitted for review.") if "submit" in request.POST else _("Changes saved."),
        )
        return redirect(report.get_absolute_url())


class ReportDetailView(ReportMixin, TemplateView):
    template_name = "reporting/report_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        user = self.request.user
        context.update(
            item=report,
            kind=self.kind,
            target=report.parent if self.kind.parent_field == "target" else None,
            task=report.task,
            fields=displayed_fields(report, self.kind.form_class._meta.fields),
            evidence=report.evidence.select_related("uploaded_by"),
            can_change=permissions.can_change_report(user, report),
            can_review=permissions.can_review(user) and report.status == ReviewStatus.SUBMITTED,
            review_form=ReviewForm(initial={"version": report.version}),
            timeline=history.timeline(
                report.history.filter(id=report.pk),
                Evidence.history.filter(report_id=report.pk),
            ),
        )
        return context


class ReportSubmitView(ReportMixin, View):
    def post(self, request, *args, **kwargs):
        report = self.get_changeable_report()
        try:
            version = int(request.POST.get("version", 0))
        except ValueError:
            messages.error(request, str(VersionField.default_error_messages["invalid"]))
            return redirect(report.get_absolute_url())
        run_transition(
            request,
            lambda: workflow.submit(report, request.user, version),
            _("Submitted for review."),
        )
        return redirect(report.get_absolute_url())


class ReportDeleteView(ReportMixin, View):
    def post(self, request, *args, **kwargs):
        report = self.get_changeable_report()
        task = report.task
        with transaction.atomic():
            report.delete()  # its evidence rows and files go with it
        messages.success(request, _("Deleted."))
        return redirect(task.get_absolute_url() if task else "dashboard:my_work")


class ReportReviewView(ReportMixin, View):
    required = staticmethod(permissions.can_review)

    def post(self, request, *args, **kwargs):
        report = self.get_report()
        form = ReviewForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect(report.get_absolute_url())
        version, comment = form.cleaned_data["version"], form.cleaned_data["comment"]
        if form.cleaned_data["decision"] == "approve":
            run_transition(
                request,
                lambda: workflow.approve(report, request.user, version),
                _("Approved: the figure now counts."),
            )
        else:
            run_transition(
                request,
                lambda: workflow.return_for_correction(report, request.user, comment, version),
                _("Returned to the bureau with your comment."),
            )
        next_url = request.POST.get("next")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = report.get_absolute_url()
        return redirect(next_url)


class EvidenceDownloadView(PermissionGate, View):
    required = staticmethod(permissions.signed_in)

    def get(self, request, pk):
        evidence = get_object_or_404(
            Evidence.objects.filter(report__in=self.restrict(Report.objects.all())), pk=pk
        )
        return FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=evidence.original_name,
            content_type=evidence.mime_type,
        )


class ReviewQueueView(CachedContentMixin, PermissionGate, ListView):
    """Everything waiting for review, across all kinds, oldest submission first: one
    query for the page and one for the count, however many kinds of report there are."""

    required = staticmethod(permissions.can_review)
    template_name = "reporting/review_queue.html"
    paginate_by = 50
    queryset = Report.objects.awaiting_review().select_related("bureau", "plan", "task")

    def paginate_queryset(self, queryset, page_size):
        """A page number out of range shows the last page (a link kept after approvals)."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class ReportListView(CachedContentMixin, ObjectListView):
    """Every report the user may read, of every kind, in one query per page."""

    required = staticmethod(permissions.signed_in)
    queryset = Report.objects.select_related("content_type", "bureau", "plan", "task")
    table = ReportTable
    filterset = ReportFilterSet
