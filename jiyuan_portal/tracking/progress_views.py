"""Generic views for reported progress of every kind (reports on targets and milestones,
plan registry records): create, show, edit, submit, delete, review, and evidence download.

Every view checks permissions itself (``permissions``); a URL guessed by hand gets 403 or
404 and changes nothing.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from jiyuan_portal.utils.numbers import plain_decimal

from . import history, workflow
from .forms import ReviewForm
from .models import Evidence, ReviewStatus
from .permissions import can_change_progress, can_report_on, can_review, can_view_progress
from .progress import all_kinds, get_kind


def save_evidence(item, checked_files, user) -> None:
    content_type = ContentType.objects.get_for_model(item)
    for upload, file_type in checked_files:
        Evidence.objects.create(
            content_type=content_type,
            object_id=item.pk,
            file=upload,
            original_name=upload.name[:255],
            size=upload.size,
            mime_type=file_type.mime_type,
            uploaded_by=user,
        )


def evidence_of(item):
    return Evidence.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).select_related("uploaded_by")


def displayed_fields(item, names):
    """(label, value for display) of the fields a form for ``item`` edits."""
    rows = []
    for name in names:
        field = item._meta.get_field(name)
        value = getattr(item, f"get_{name}_display")() if field.choices else getattr(item, name)
        if isinstance(value, Decimal):
            value = plain_decimal(value)
        rows.append((field.verbose_name, value))
    return rows


class ProgressMixin:
    """Resolves ``kind`` from the URL and loads the item the user may see."""

    def dispatch(self, request, *args, **kwargs):
        self.kind = get_kind(kwargs["kind"])
        return super().dispatch(request, *args, **kwargs)

    def get_item(self):
        item = get_object_or_404(
            self.kind.model.objects.select_related("bureau"), pk=self.kwargs["pk"]
        )
        if not can_view_progress(self.request.user, item):
            raise Http404
        return item


class ProgressFormMixin(ProgressMixin):
    template_name = "tracking/progress_form.html"

    def build_form(self, parent, instance=None):
        form_class = self.kind.get_form_class()
        data = self.request.POST if self.request.method == "POST" else None
        files = self.request.FILES if self.request.method == "POST" else None
        return form_class(data, files, instance=instance, **self.kind.form_kwargs(parent))

    def render_form(self, form, parent, item=None):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "kind": self.kind,
                "parent": parent,
                "task": self.kind.get_task(parent),
                "item": item,
                "evidence": evidence_of(item) if item else [],
            },
        )


class ProgressCreateView(ProgressFormMixin, View):
    def get_parent(self):
        parent = get_object_or_404(self.kind.parent_model, pk=self.kwargs["parent_pk"])
        if self.kind.plan_code and self.kind.get_task(parent).plan.code != self.kind.plan_code:
            raise Http404
        if not can_report_on(self.request.user, parent):
            raise PermissionDenied
        return parent

    def get(self, request, *args, **kwargs):
        parent = self.get_parent()
        return self.render_form(self.build_form(parent), parent)

    def post(self, request, *args, **kwargs):
        parent = self.get_parent()
        form = self.build_form(parent)
        if not form.is_valid():
            return self.render_form(form, parent)
        with transaction.atomic():
            item = form.save(commit=False)
            setattr(item, self.kind.parent_field, parent)
            item.bureau = request.user.bureau
            item.created_by = request.user
            if "submit" in request.POST:
                workflow.mark_submitted(item)
            item.save()
            save_evidence(item, form.cleaned_data["evidence"], request.user)
        if item.status == ReviewStatus.SUBMITTED:
            messages.success(request, _("Submitted for review."))
        else:
            messages.success(request, _("Saved as a draft; submit it when it is complete."))
        return redirect(item.get_absolute_url())


class ProgressEditView(ProgressFormMixin, View):
    def get_editable_item(self):
        item = self.get_item()
        if not can_change_progress(self.request.user, item):
            raise PermissionDenied
        return item

    def parent_of(self, item):
        return getattr(item, self.kind.parent_field)

    def get(self, request, *args, **kwargs):
        item = self.get_editable_item()
        return self.render_form(
            self.build_form(self.parent_of(item), item), self.parent_of(item), item
        )

    def post(self, request, *args, **kwargs):
        item = self.get_editable_item()
        parent = self.parent_of(item)
        form = self.build_form(parent, item)
        if not form.is_valid():
            return self.render_form(form, parent, item)
        expected = form.cleaned_data.get("version") or 0
        try:
            with transaction.atomic():
                item = form.save(commit=False)
                if "submit" in request.POST:
                    workflow.mark_submitted(item)
                workflow.save_versioned(item, expected)
                save_evidence(item, form.cleaned_data["evidence"], request.user)
                removed = [pk for pk in request.POST.getlist("remove_evidence") if pk.isdigit()]
                if removed:
                    for evidence in evidence_of(item).filter(pk__in=removed):
                        evidence.file.delete(save=False)
                        evidence.delete()
        except workflow.ConcurrentEditError as error:
            form.add_error(None, str(error))
            return self.render_form(form, parent, type(item).objects.get(pk=item.pk))
        messages.success(
            request,
            _("Submitted for review.") if "submit" in request.POST else _("Changes saved."),
        )
        return redirect(item.get_absolute_url())


class ProgressDetailView(ProgressMixin, TemplateView):
    template_name = "tracking/progress_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.get_item()
        user = self.request.user
        task = item.get_task()
        context.update(
            item=item,
            kind=self.kind,
            task=task,
            fields=displayed_fields(item, self.kind.get_form_class()._meta.fields),
            evidence=evidence_of(item),
            can_change=can_change_progress(user, item),
            can_review=can_review(user) and item.status == ReviewStatus.SUBMITTED,
            review_form=ReviewForm(initial={"version": item.version}),
            timeline=history.timeline(
                item.history.filter(id=item.pk),
                Evidence.history.filter(
                    content_type=ContentType.objects.get_for_model(item), object_id=item.pk
                ),
            ),
        )
        return context


class ProgressSubmitView(ProgressMixin, View):
    def post(self, request, *args, **kwargs):
        item = self.get_item()
        try:
            version = int(request.POST.get("version", 0))
        except ValueError:
            return HttpResponseBadRequest()
        try:
            workflow.submit(item, request.user, version)
        except workflow.ConcurrentEditError as error:
            messages.error(request, str(error))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Submitted for review."))
        return redirect(item.get_absolute_url())


class ProgressDeleteView(ProgressMixin, View):
    def post(self, request, *args, **kwargs):
        item = self.get_item()
        if not can_change_progress(request.user, item):
            raise PermissionDenied
        task = item.get_task()
        with transaction.atomic():
            for evidence in evidence_of(item):
                evidence.file.delete(save=False)
                evidence.delete()
            item.delete()
        messages.success(request, _("Deleted."))
        return redirect(task.get_absolute_url() if task else "dashboard:my_work")


class ProgressReviewView(ProgressMixin, View):
    def post(self, request, *args, **kwargs):
        if not can_review(request.user):
            raise PermissionDenied
        item = self.get_item()
        form = ReviewForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect(item.get_absolute_url())
        version = form.cleaned_data["version"]
        try:
            if form.cleaned_data["decision"] == "approve":
                workflow.approve(item, request.user, version)
                messages.success(request, _("Approved: the figure now counts."))
            else:
                workflow.return_for_correction(
                    item, request.user, form.cleaned_data["comment"], version
                )
                messages.success(request, _("Returned to the bureau with your comment."))
        except workflow.ConcurrentEditError as error:
            messages.error(request, str(error))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        next_url = request.POST.get("next")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = item.get_absolute_url()
        return redirect(next_url)


class EvidenceDownloadView(View):
    def get(self, request, pk):
        evidence = get_object_or_404(Evidence, pk=pk)
        item = evidence.content_object
        if item is None or not can_view_progress(request.user, item):
            raise Http404
        return FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=evidence.original_name,
            content_type=evidence.mime_type,
        )


class ReviewQueueView(TemplateView):
    """Everything waiting for review, across all kinds, oldest submission first."""

    template_name = "tracking/review_queue.html"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not can_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = {kind: kind.model.objects.awaiting_review().count() for kind in all_kinds()}
        paginator = Paginator(range(sum(counts.values())), self.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))
        # The oldest ``page.end_index()`` of each kind hold the page's items: merge those.
        waiting = []
        for kind, count in counts.items():
            if not count:
                continue
            related = (f"{kind.task_path}__plan", "bureau")
            queryset = kind.model.objects.awaiting_review().select_related(*related)
            for item in queryset[: page.end_index()]:
                item.kind = kind
                waiting.append(item)
        waiting.sort(key=lambda item: (item.submitted_at or item.created_at, item.pk))
        page.object_list = waiting[page.start_index() - 1 : page.end_index()]
        context["page_obj"] = page
        return context
