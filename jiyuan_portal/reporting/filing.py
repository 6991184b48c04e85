"""Filing a report: the steps the web pages and the API share, so that neither can allow
what the other refuses. Each raises ``Http404`` for what the user may not see,
``PermissionDenied`` for what they see but may not do, ``workflow.ConcurrentEditError``
for a stale version; the form says what is wrong with the data."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404

from . import permissions, workflow
from .models import Evidence, Report


def reportable_parent(user, kind, parent_pk):
    """The target, milestone or task ``user`` reports on with a report of ``kind``."""
    parent = get_object_or_404(kind.parent_model.objects.visible_to(user), pk=parent_pk)
    if kind.plan_code:
        task = parent if kind.parent_field == "task" else parent.task
        if task.plan.code != kind.plan_code:
            raise Http404
    if not permissions.can_report_on(user, parent):
        raise PermissionDenied
    return parent


def changeable_report(user, pk):
    """The report ``pk`` as its own kind, if ``user`` may change it: 404 when unseen, 403
    when only seen."""
    report = get_object_or_404(Report.objects.visible_to(user), pk=pk).specific
    if not permissions.can_change_report(user, report):
        raise PermissionDenied
    return report


def report_form(kind, parent, data=None, files=None, instance=None):
    return kind.form_class(data, files, instance=instance, **kind.form_kwargs(parent))


def save_evidence(report, checked_files, user) -> None:
    for upload, file_type in checked_files:
        Evidence.objects.create(
            report=report,
            file=upload,
            original_name=upload.name[:255],
            size=upload.size,
            mime_type=file_type.mime_type,
            uploaded_by=user,
        )


@transaction.atomic
def create(user, kind, parent, form, submit: bool) -> Report:
    """A new report of ``user``'s bureau from a valid ``form``, a draft or submitted."""
    report = form.save(commit=False)
    setattr(report, kind.parent_field, parent)
    report.bureau = user.bureau
    report.created_by = user
    if submit:
        workflow.mark_submitted(report)
    report.save()
    save_evidence(report, form.cleaned_data["evidence"], user)
    return report


@transaction.atomic
def update(user, form, submit: bool, remove_evidence=()) -> Report:
    """Save a valid ``form`` of a changeable report at the version it was loaded at."""
    report = form.save(commit=False)
    if submit:
        workflow.mark_submitted(report)
    workflow.save_versioned(report, form.cleaned_data.get("version") or 0)
    save_evidence(report, form.cleaned_data["evidence"], user)
    for evidence in report.evidence.filter(pk__in=list(remove_evidence)):
        evidence.delete()
    return report
