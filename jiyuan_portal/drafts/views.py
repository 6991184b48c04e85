"""The drafting pages (方案草拟), for portal admins: the list of drafts, a new draft from a
pasted or uploaded text, the review (the text beside what was read from it, one plan at a
time), the edit pages of each part, the unit names, and publishing."""

import django_filters
import django_tables2 as tables
from django.contrib import messages
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, View

from jiyuan_portal.reporting import permissions
from jiyuan_portal.reporting.workflow import ConcurrentEditError
from jiyuan_portal.tracking.drafting.draft import draft_notice
from jiyuan_portal.views.columns import BadgeColumn
from jiyuan_portal.views.generic import ObjectListView, PermissionGate

from . import publishing, review, units
from .forms import (
    AwardRuleFormSet,
    MilestoneFormSet,
    NewDraftForm,
    NoticeForm,
    PlanForm,
    TargetFormSet,
    TaskForm,
    UnitsForm,
)
from .models import NoticeDraft

STATUS_COLOURS = {NoticeDraft.Status.DRAFT: "warning", NoticeDraft.Status.PUBLISHED: "success"}


class NoticeDraftTable(tables.Table):
    title = tables.Column(
        verbose_name=gettext_lazy("notice"),
        accessor="pk",
        linkify=lambda record: record.get_absolute_url(),
        orderable=False,
    )
    status = BadgeColumn(NoticeDraft.Status, STATUS_COLOURS)
    created_by = tables.Column(accessor="created_by__display_name", orderable=False)
    created_at = tables.DateTimeColumn(format="Y-m-d H:i")
    published_at = tables.DateTimeColumn(format="Y-m-d H:i")

    class Meta:
        model = NoticeDraft
        fields = ("title", "status", "created_by", "created_at", "published_at")
        order_by = ("-created_at",)

    def render_title(self, record):
        notice = record.data.get("notice", {})
        return f"{notice.get('number') or '—'} {notice.get('title') or record.source_name}"


class NoticeDraftFilterSet(django_filters.FilterSet):
    class Meta:
        model = NoticeDraft
        fields = ["status"]


class DraftListView(ObjectListView):
    required = staticmethod(permissions.is_portal_admin)
    queryset = NoticeDraft.objects.select_related("created_by")
    table = NoticeDraftTable
    filterset = NoticeDraftFilterSet
    title = gettext_lazy("Plan drafts")
    template_name = "drafts/draft_list.html"
    export_formats = ()


class DraftCreateView(PermissionGate, FormView):
    required = staticmethod(permissions.is_portal_admin)
    form_class = NewDraftForm
    template_name = "drafts/draft_form.html"

    def form_valid(self, form):
        text = form.cleaned_data["text"]
        data = draft_notice(text)
        if not data["plans"]:
            form.add_error(
                None,
                _(
                    "No plan was found in this text: each plan starts with its title on a line "
                    "of its own, ending in 方案 (or 实施意见, 行动计划)."
                ),
            )
            return self.form_invalid(form)
        draft = NoticeDraft.objects.create(
            text=text,
            data=data,
            source_name=form.cleaned_data["source_name"],
            created_by=self.request.user,
        )
        tasks = draft.task_count
        messages.success(
            self.request,
            _("Drafted %(plans)s plans with %(tasks)s tasks. Check them against the text.")
            % {"plans": len(draft.plans), "tasks": tasks},
        )
        return redirect(draft)


class DraftPartMixin(PermissionGate):
    """A view of one draft (``pk``), and of one of its plans (``plan``, 1-based) and one of
    that plan's tasks (``task``) where the URL names them."""

    required = staticmethod(permissions.is_portal_admin)
    action = "change"

    def get_draft(self) -> NoticeDraft:
        if not hasattr(self, "_draft"):
            self._draft = get_object_or_404(
                self.restrict(NoticeDraft.objects), pk=self.kwargs["pk"]
            )
        return self._draft

    def get_plan(self) -> dict:
        plans = self.get_draft().plans
        index = self.kwargs["plan"]
        if not 1 <= index <= len(plans):
            raise Http404
        return plans[index - 1]

    def get_task(self) -> dict:
        tasks = self.get_plan().get("tasks", [])
        index = self.kwargs["task"]
        if not 1 <= index <= len(tasks):
            raise Http404
        return tasks[index - 1]

    def review_url(self, plan: int | None = None) -> str:
        url = self.get_draft().get_absolute_url()
        return f"{url}?plan={plan}" if plan else url

    def save_draft(self, message: str) -> bool:
        """Save the draft if nobody saved it since the page was opened (the ``version`` it
        posts, as reports do); else say so and save nothing."""
        draft = self.get_draft()
        try:
            expected = int(self.request.POST.get("version", ""))
        except ValueError:
            expected = None
        with transaction.atomic():
            claimed = NoticeDraft.objects.filter(
                pk=draft.pk, version=expected, status=NoticeDraft.Status.DRAFT
            ).update(version=F("version") + 1)
            if not claimed:
                messages.error(self.request, str(ConcurrentEditError()))
                return False
            draft.version = expected + 1
            draft.save(update_fields=["data", "updated_at"])
        messages.success(self.request, message)
        return True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["draft"] = self.get_draft()
        if "plan" in self.kwargs:
            context["plan"] = self.get_plan()
            context["plan_index"] = self.kwargs["plan"]
            context["back_url"] = self.review_url(self.kwargs["plan"])
        else:
            context["back_url"] = self.review_url()
        return context


class DraftDetailView(PermissionGate, DetailView):
    """The review: an overview (the notice, its unit names, what stands in the way of
    publishing) or, with ``?plan=N``, one plan's drafted items beside its text."""

    required = staticmethod(permissions.is_portal_admin)
    queryset = NoticeDraft.objects.all()
    template_name = "drafts/draft_detail.html"
    context_object_name = "draft"

    def plan_index(self) -> int | None:
        try:
            index = int(self.request.GET.get("plan", ""))
        except ValueError:
            return None
        return index if 1 <= index <= len(self.object.plans) else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        draft = self.object
        unit_names = units.review(draft.data)
        unknown = [unit for unit in unit_names if not unit.known]
        can_change = not draft.is_published
        context.update(
            can_change=can_change,
            plans=[
                {
                    "index": n,
                    "plan": plan,
                    "tasks": len(plan.get("tasks", [])),
                    "unsure": review.count_unsure(plan),
                }
                for n, plan in enumerate(draft.plans, start=1)
            ],
            plan_index=self.plan_index(),
        )
        if context["plan_index"] is None:
            notice = draft.data.get("notice", {})
            notice_end = (
                review.plan_text_range(draft.plans, 1, len(draft.text))[0]
                if draft.plans
                else len(draft.text)
            )
            context.update(
                notice_rows=review.header_rows(notice, notice_end),
                notice_unsure=review.unsure_labels(notice),
                # The text before the first plan: the header, the notice, its closing.
                pieces=review.pieces(draft.text, review.header_spans(notice), 0, notice_end),
                unknown_units=unknown,
                known_unit_count=len(unit_names) - len(unknown),
                units_form=UnitsForm(unknown=unknown) if can_change and unknown else None,
                problems=publishing.problems(draft) if can_change else [],
            )
            return context
        index = context["plan_index"]
        plan = draft.plans[index - 1]
        start, end = review.plan_text_range(draft.plans, index, len(draft.text))
        known = {unit.written for unit in unit_names if unit.known or unit.decided}
        context.update(
            plan=plan,
            items=review.plan_items(plan, index, known),
            pieces=review.pieces(draft.text, review.spans_of(plan, index), start, end),
        )
        return context


class NoticeEditView(DraftPartMixin, FormView):
    form_class = NoticeForm
    template_name = "drafts/part_form.html"

    def get_initial(self):
        return self.get_draft().data.get("notice", {})

    def form_valid(self, form):
        draft = self.get_draft()
        draft.data["notice"] = {**form.entry(), "sources": draft.data["notice"].get("sources", {})}
        if not self.save_draft(_("The notice's header is saved.")):
            return redirect(self.request.path)
        return redirect(self.review_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("The notice's header"), **kwargs)


class FormsetsMixin:
    """A form with formsets of the entries under it, all valid or nothing saved."""

    formsets: dict = {}

    def formset_kwargs(self, name) -> dict:
        return {}

    def get_formsets(self):
        data = self.request.POST if self.request.method == "POST" else None
        return {
            name: formset_class(
                data,
                initial=self.entries_of(name),
                prefix=name,
                form_kwargs=self.formset_kwargs(name),
            )
            for name, formset_class in self.formsets.items()
        }

    def post(self, request, *args, **kwargs):
        form, formsets = self.get_form(), self.get_formsets()
        if form.is_valid() and all(formset.is_valid() for formset in formsets.values()):
            return self.save(form, {name: fs.entries() for name, fs in formsets.items()})
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formsets", self.get_formsets())
        return super().get_context_data(**kwargs)


class PlanEditView(DraftPartMixin, FormsetsMixin, FormView):
    form_class = PlanForm
    template_name = "drafts/part_form.html"
    formsets = {
        "milestones": MilestoneFormSet,
        "targets": TargetFormSet,
        "award_rules": AwardRuleFormSet,
    }

    def entries_of(self, name):
        return self.get_plan().get(name, [])

    def formset_kwargs(self, name):
        if name == "award_rules":
            return {"task_numbers": [task["number"] for task in self.get_plan().get("tasks", [])]}
        return {}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        plans = self.get_draft().plans
        kwargs["other_codes"] = [
            plan["code"] for n, plan in enumerate(plans, start=1) if n != self.kwargs["plan"]
        ]
        return kwargs

    def get_initial(self):
        return self.get_plan()

    def save(self, form, entries):
        plan = self.get_plan()
        plan.update(form.cleaned_data)
        plan.update(entries)
        if not self.save_draft(_("The plan is saved.")):
            return redirect(self.request.path)
        return redirect(self.review_url(self.kwargs["plan"]))

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.get_plan()["title"], **kwargs)


class TaskEditView(DraftPartMixin, FormsetsMixin, FormView):
    form_class = TaskForm
    template_name = "drafts/part_form.html"
    formsets = {"milestones": MilestoneFormSet, "targets": TargetFormSet}

    def entries_of(self, name):
        return self.get_task().get(name, [])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        tasks = self.get_plan().get("tasks", [])
        kwargs["other_numbers"] = [
            task["number"] for n, task in enumerate(tasks, start=1) if n != self.kwargs["task"]
        ]
        return kwargs

    def get_initial(self):
        return self.get_task()

    def save(self, form, entries):
        task = self.get_task()
        for rule in self.get_plan().get("award_rules", []):  # they name their task
            if rule.get("task") == task["number"]:
                rule["task"] = form.cleaned_data["number"]
        task.update(form.cleaned_data)
        task.update(entries)
        task["responsible"] = task["responsible"] or None
        task["unsure"] = []  # reviewed: what the drafter was unsure of has been checked
        if not self.save_draft(_("Task %(number)s is saved.") % {"number": task["number"]}):
            return redirect(self.request.path)
        return redirect(
            f"{self.review_url(self.kwargs['plan'])}#item-p{self.kwargs['plan']}-t{self.kwargs['task']}"
        )

    def get_context_data(self, **kwargs):
        task = self.get_task()
        return super().get_context_data(title=f"{task['number']} {task['title']}", **kwargs)


class UnitsView(DraftPartMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        draft = self.get_draft()
        unknown = [unit for unit in units.review(draft.data) if not unit.known]
        form = UnitsForm(request.POST, unknown=unknown)
        if not form.is_valid():
            messages.error(request, _("Choose what each unit name denotes."))
            return redirect(self.review_url())
        draft.data["units"] = {**draft.data.get("units", {}), **form.decisions()}
        new = sum(1 for d in form.decisions().values() if d["action"] == units.NEW)
        self.save_draft(
            _("Saved: %(aliases)s names as aliases, %(new)s as new bureaus.")
            % {"aliases": len(unknown) - new, "new": new}
        )
        return redirect(self.review_url())


class PublishView(DraftPartMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        draft = self.get_draft()
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = 0  # no draft is at version 0: refused as changed
        try:
            report = publishing.publish(draft, request.user, version)
        except publishing.PublishError as error:
            messages.error(request, _("Nothing was published: %(reason)s") % {"reason": error})
            return redirect(self.review_url())
        draft.refresh_from_db()
        messages.success(
            request,
            _(
                "Published %(notice)s: %(plans)s plans, %(tasks)s tasks, %(milestones)s "
                "milestones, %(targets)s targets."
            )
            % {
                "notice": draft.notice.number,
                "plans": report.created.get("Plan", 0)
                + report.updated.get("Plan", 0)
                + report.unchanged.get("Plan", 0),
                "tasks": report.created.get("Task", 0),
                "milestones": report.created.get("Milestone", 0),
                "targets": report.created.get("Target", 0),
            },
        )
        first = draft.notice.plans.order_by("order").first()
        return redirect(first.get_absolute_url() if first else draft.get_absolute_url())


class DraftDeleteView(DraftPartMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        draft = self.get_draft()
        draft.delete()
        messages.success(request, _("The draft is deleted."))
        return redirect(reverse("drafts:draft_list"))
