"""The pages of what the notice says: a plan, the task list, a task, the bureaus, a bureau.

They read across ``tracking`` (the plan's text and status), ``reporting`` (what bureaus
reported) and each plan app's own additions (declared on its ``PlanAppConfig``); a plan
with no app behind it is served by the same pages and the generic task kind.
"""

from django.db.models import Prefetch

from jiyuan_portal.alerts.lights import bureau_light, task_light
from jiyuan_portal.alerts.models import Alert, EscalationStep
from jiyuan_portal.reporting import permissions
from jiyuan_portal.reporting.actuals import attach_progress
from jiyuan_portal.reporting.kinds import kinds_of_plan, registry_kinds
from jiyuan_portal.reporting.models import Report
from jiyuan_portal.reporting.page_cache import CachedContentMixin
from jiyuan_portal.tracking import history, status
from jiyuan_portal.tracking.models import Bureau, Milestone, Plan, Target, Task, TaskBureau
from jiyuan_portal.tracking.plan_apps import plan_app
from jiyuan_portal.views.generic import ObjectDetailView, ObjectListView

from .charts import target_charts
from .filtersets import BureauFilterSet, TaskFilterSet
from .league import bureau_league
from .tables import BureauTable, TaskTable

# A task's open late items and a bureau's latest escalation steps shown on their pages;
# the full lists are the supervision list's, filtered.
LATE_ITEMS_SHOWN = 20

ASSIGNMENTS = Prefetch(
    "assignments", queryset=TaskBureau.objects.select_related("bureau").order_by("order")
)


def mark_reportable(targets, user):
    """Set ``target.can_report`` on each target for the template."""
    for target in targets:
        target.can_report = permissions.can_report_on(user, target)
    return targets


class PlanDetailView(ObjectDetailView):
    """A plan: its goals, its targets with a chart of each indicator's targets against its
    actuals, and every task with its bureaus and milestones."""

    required = staticmethod(permissions.signed_in)
    queryset = Plan.objects.select_related("notice")
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_template_names(self):
        return [f"{self.object.code}/plan_detail.html", "dashboard/plan_detail.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        context["tasks"] = plan.tasks.prefetch_related(ASSIGNMENTS, "milestones").order_by("order")
        context["targets"] = attach_progress(
            plan.targets.select_related("task").order_by("year", "order")
        )
        context["target_charts"] = target_charts(context["targets"])
        context["goal_bureaus"] = permissions.plan_goal_bureaus(plan.pk).order_by("order")
        config = plan_app(plan.code)
        if config is not None:
            context.update(config.plan_page_context(plan, self.request))
        return context


class TaskListView(CachedContentMixin, ObjectListView):
    required = staticmethod(permissions.signed_in)
    queryset = Task.objects.select_related("plan").prefetch_related(ASSIGNMENTS)
    table = TaskTable
    filterset = TaskFilterSet
    extra_context = {"light_rule": status.light_rule}


class TaskDetailView(ObjectDetailView):
    """A task: its clauses, milestones with status, targets with their actual figures, lead
    and co-responsible bureaus, the reports on it (one query, whatever their kinds) and
    its history."""

    required = staticmethod(permissions.signed_in)
    template_name = "dashboard/task_detail.html"
    queryset = Task.objects.select_related("plan").prefetch_related(
        ASSIGNMENTS,
        Prefetch("milestones", queryset=Milestone.objects.order_by("order")),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task, user = self.object, self.request.user
        targets = list(task.targets.order_by("year", "order"))
        for target in targets:
            target.task = task  # its prefetched bureaus decide who may report
        attach_progress(targets)
        reported = list(
            Report.objects.filter(task=task)
            .visible_to(user)
            .select_related("bureau")
            .order_by("-created_at", "-pk")
        )
        history_sources = [
            Task.history.filter(id=task.pk),
            Milestone.history.filter(task_id=task.pk),
            Target.history.filter(task_id=task.pk),
        ]
        if permissions.can_view_reports_on(user, task):
            # Each kind keeps its own history table: one query per kind this plan has.
            history_sources += [
                kind.model.history.filter(task_id=task.pk) for kind in kinds_of_plan(task.plan.code)
            ]
        can_report = permissions.can_report_on(user, task)
        context.update(
            light=task_light(task),
            light_rule=status.light_rule(),
            late_items=list(
                Alert.objects.filter(task=task)
                .open()
                .with_explanation_state()
                .select_related("plan", "task", "milestone", "target")
                .order_by("due_date", "pk")[:LATE_ITEMS_SHOWN]
            ),
            targets=mark_reportable(targets, user),
            reported=reported,
            can_report=can_report,
            registry_kinds=registry_kinds(task.plan.code) if can_report else [],
            timeline=history.timeline(*history_sources),
        )
        return context


class BureauListView(CachedContentMixin, ObjectListView):
    """The bureau league table: what each bureau leads and shares, and how it stands."""

    required = staticmethod(permissions.signed_in)
    table = BureauTable
    filterset = BureauFilterSet
    extra_context = {"light_rule": status.light_rule}

    @property
    def queryset(self):
        return bureau_league().order_by("order", "name")


class BureauDetailView(ObjectDetailView):
    """A bureau: what it leads and what it shares, across all five plans."""

    required = staticmethod(permissions.signed_in)
    template_name = "dashboard/bureau_detail.html"
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
        context["light"] = bureau_light(self.object)
        context["light_rule"] = status.light_rule()
        context["steps"] = list(
            EscalationStep.objects.filter(alert__in=Alert.objects.for_bureau(self.object))
            .select_related("taken_by", "alert__plan", "alert__task", "alert__milestone")
            .select_related("alert__target")
            .prefetch_related("recipients")
            .order_by("-taken_at", "-pk")[:LATE_ITEMS_SHOWN]
        )
        return context
