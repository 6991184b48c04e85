from django.apps import apps
from django.db.models import Count, Prefetch, Q

from jiyuan_portal.views.generic import ObjectDetailView, ObjectListView

from . import history
from .actuals import attach_progress
from .filtersets import BureauFilterSet, TaskFilterSet
from .models import (
    Bureau,
    Milestone,
    MilestoneReport,
    Plan,
    Target,
    TargetReport,
    Task,
    TaskBureau,
)
from .permissions import can_report_on, can_view_progress, visible_progress
from .progress import all_kinds, registry_kinds
from .tables import BureauTable, TaskTable

ASSIGNMENTS = Prefetch(
    "assignments", queryset=TaskBureau.objects.select_related("bureau").order_by("order")
)


class PlanDetailView(ObjectDetailView):
    """A plan: its goals and targets, and every task with its bureaus and milestones."""

    queryset = Plan.objects.select_related("notice")
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_template_names(self):
        return [f"{self.object.code}/plan_detail.html", "tracking/plan_detail.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        context["tasks"] = plan.tasks.prefetch_related(ASSIGNMENTS, "milestones").order_by("order")
        context["targets"] = attach_progress(
            plan.targets.select_related("task").order_by("year", "order")
        )
        app_config = apps.get_app_config(plan.code)
        if hasattr(app_config, "plan_page_context"):
            context.update(app_config.plan_page_context(plan, self.request))
        return context


class TaskListView(ObjectListView):
    queryset = Task.objects.select_related("plan").prefetch_related(ASSIGNMENTS)
    table = TaskTable
    filterset = TaskFilterSet


class TaskDetailView(ObjectDetailView):
    """A task: its clauses, milestones with status, targets with their actual figures, lead
    and co-responsible bureaus, the progress reported on it and its history."""

    queryset = Task.objects.select_related("plan").prefetch_related(
        ASSIGNMENTS,
        Prefetch("milestones", queryset=Milestone.objects.order_by("order")),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task, user = self.object, self.request.user
        targets = attach_progress(task.targets.order_by("year", "order"))
        reported = []
        for kind in all_kinds():
            if kind.plan_code and kind.plan_code != task.plan.code:
                continue
            items = visible_progress(
                user, kind.model.objects.filter(**{kind.task_path: task}), kind.task_path
            ).select_related("bureau")
            for item in items.order_by("-created_at"):
                item.kind = kind
                reported.append(item)
        milestone_ids = [m.pk for m in task.milestones.all()]
        target_ids = [t.pk for t in targets]
        history_sources = [
            Task.history.filter(id=task.pk),
            Milestone.history.filter(task_id=task.pk),
            Target.history.filter(task_id=task.pk),
        ]
        if can_view_progress(user, task):
            history_sources += [
                TargetReport.history.filter(target_id__in=target_ids),
                MilestoneReport.history.filter(milestone_id__in=milestone_ids),
                *(
                    kind.model.history.filter(task_id=task.pk)
                    for kind in registry_kinds(task.plan.code)
                ),
            ]
        context.update(
            targets=targets,
            reported=reported,
            can_report=can_report_on(user, task),
            registry_kinds=registry_kinds(task.plan.code),
            timeline=history.timeline(*history_sources),
        )
        return context


class BureauListView(ObjectListView):
    queryset = Bureau.objects.annotate(
        lead_count=Count("assignments", filter=Q(assignments__role=TaskBureau.Role.LEAD)),
        shared_count=Count("assignments", filter=Q(assignments__role=TaskBureau.Role.COOPERATING)),
    ).order_by("order", "name")
    table = BureauTable
    filterset = BureauFilterSet


class BureauDetailView(ObjectDetailView):
    """A bureau: what it leads and what it shares, across all five plans."""

    queryset = Bureau.objects.prefetch_related("aliases")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assignments = (
            TaskBureau.objects.filter(bureau=self.object)
            .select_related("task__plan")
            .prefetch_related(
                Prefetch(
                    "task__assignments",
                    queryset=TaskBureau.objects.select_related("bureau").order_by("order"),
                ),
                "task__milestones",
            )
            .order_by("task__plan__order", "task__order")
        )
        context["led"] = [a for a in assignments if a.role == TaskBureau.Role.LEAD]
        context["shared"] = [a for a in assignments if a.role != TaskBureau.Role.LEAD]
        return context
