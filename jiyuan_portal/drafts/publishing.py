"""Publishing a reviewed draft: the unit decisions, the notice and every plan enter the
tracked tables in one transaction, through the same loader as the plan files, so a draft
the loader refuses (a plan code taken by another notice, a deadline it cannot read) leaves
nothing behind."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiyuan_portal.reporting.workflow import ConcurrentEditError
from jiyuan_portal.tracking.drafting.draft import loadable_notice, loadable_plan
from jiyuan_portal.tracking.loading import (
    LoadReport,
    PlanDataError,
    load_notice_data,
    load_plan_data,
)
from jiyuan_portal.tracking.models import Plan

from . import units
from .models import NoticeDraft


class PublishError(Exception):
    """Why a draft cannot be published; the message is for the admin."""


def problems(draft: NoticeDraft) -> list[str]:
    """What stands in the way of publishing, before trying."""
    found = []
    if draft.is_published:
        found.append(_("This draft has been published already."))
    notice = draft.data.get("notice", {})
    missing = [
        label
        for key, label in (
            ("number", _("document number")),
            ("title", _("title")),
            ("issuer", _("issuer")),
            ("issued_on", _("issued on")),
        )
        if not notice.get(key)
    ]
    if missing:
        found.append(_("The notice lacks: %(fields)s.") % {"fields": "、".join(map(str, missing))})
    if not draft.plans:
        found.append(_("The draft has no plan."))
    if pending := units.undecided(draft.data):
        found.append(
            _("Decide what these unit names denote: %(names)s.") % {"names": "、".join(pending)}
        )
    for plan, task, names in units.named_twice(draft.data):
        found.append(
            _("%(plan)s, task %(task)s: %(names)s name the same bureau; keep one.")
            % {"plan": plan, "task": task, "names": "、".join(names)}
        )
    codes = [plan["code"] for plan in draft.plans]
    taken = Plan.objects.filter(code__in=codes).exclude(notice__number=notice.get("number"))
    for plan in taken:
        found.append(
            _("The plan code “%(code)s” is used by %(plan)s of another notice.")
            % {"code": plan.code, "plan": plan.title}
        )
    return found


@transaction.atomic
def publish(draft: NoticeDraft, user, version: int | None = None) -> LoadReport:
    """Publish ``draft``; with ``version``, only if it is still the draft the admin saw."""
    draft = NoticeDraft.objects.select_for_update().get(pk=draft.pk)
    if version is not None and draft.version != version:
        raise PublishError(str(ConcurrentEditError()))
    if found := problems(draft):
        raise PublishError(" ".join(found))
    report = LoadReport()
    units.apply_decisions(draft.data)
    try:
        notice = load_notice_data(loadable_notice(draft.data["notice"], draft.text), report)
        for order, plan in enumerate(draft.plans, start=1):
            where = _("plan %(order)s (%(title)s)") % {"order": order, "title": plan["title"]}
            load_plan_data(loadable_plan(plan), notice, where, report)
    except PlanDataError as error:
        transaction.set_rollback(True)
        raise PublishError(str(error)) from error
    draft.status = NoticeDraft.Status.PUBLISHED
    draft.notice = notice
    draft.published_by = user
    draft.published_at = timezone.now()
    draft.save()
    return report
