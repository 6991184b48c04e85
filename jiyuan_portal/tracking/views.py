from django.apps import apps
from django.db.models import Count, Prefetch, Q

from jiyuan_portal.views.generic import ObjectDetailView, ObjectListView

from .filtersets import BureauFilterSet, TaskFilterSet
from .models import Bureau, Milestone, Plan, Target, Task, TaskBureau
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
        context["targets"] = plan.targets.select_related("task").order_by("year", "order")
        app_config = apps.get_app_config(plan.code)
        if hasattr(app_config, "plan_page_context"):
            context.update(app_config.plan_page_context(plan, self.request))
        return context


class TaskListView(ObjectListView):
    queryset = Task.objects.select_related("plan").prefetch_related(ASSIGNMENTS)
    table = TaskTable
    filterset = TaskFilterSet


class TaskDetailView(ObjectDetailView):
    """A task: its clauses, milestones with status, targets, lead and co-responsible bureaus."""

    queryset = Task.objects.select_related("plan").prefetch_related(
        ASSIGNMENTS,
        Prefetch("milestones", queryset=Milestone.objects.order_by("order")),
        Prefetch("targets", queryset=Target.objects.order_by("year", "order")),
    )


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
