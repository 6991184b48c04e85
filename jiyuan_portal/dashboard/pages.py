"""The pages of what the notice says: a plan, the task list, a task, the bureaus, a bureau.

They read across ``tracking`` (the plan's text and status), ``reporting`` (what bureaus
reported) and each plan app's own additions (declared on its ``PlanAppConfig``); a plan
with no app behind it is served by the same pages and the generic task kind.
"""

from django.db.models import Prefetch, Q

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
from jiyuan_portal.views.paging import paginate

from .charts import plan_target_charts
from .filtersets import BureauFilterSet, TaskFilterSet
from .league import bureau_league
from .links import list_url
from .tables import BureauTable, TaskTable

# A task's open late items and a bureau's latest escalation steps shown on their pages;
# the full lists are the supervision list's, filtered.
LATE_ITEMS_SHOWN = 20
# Rows of each list a plan or bureau page shows at a time; the full lists are the
# filterable task and target lists.
ROWS_PER_PAGE = 25
# The latest reports and changes a task page shows; the rest are in the report list.
REPORTS_SHOWN = 20
CHANGES_SHOWN = 50

ASSIGNMENTS = Prefetch(
    "assignments", queryset=TaskBureau.objects.select_related("bureau").order_by("order")
)


def mark_reportable(targets, user):
    """Set ``target.can_report`` on each target for the template."""
    for target in targets:
        target.can_report = permissions.can_report_on(user, target)
    return targets


class PlanDetailView(CachedContentMixin, ObjectDetailView):
    """A plan: its goals, its targets with a chart of each indicator's targets against its
    actuals, and its tasks with their bureaus and milestones.

    The targets and the tasks are paged (``?targets-page=``, ``?tasks-page=``), each with
    its count and a link to the full list filtered by the plan; the charts are computed
    from one grouped query (``charts.plan_target_charts``), so that the page's size and
    queries do not grow with the plan's tasks and targets."""

    required = staticmethod(permissions.signed_in)
    queryset = Plan.objects.select_related("notice")
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_template_names(self):
        return [f"{self.object.code}/plan_detail.html", "dashboard/plan_detail.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        request = self.request
        context["tasks"] = paginate(
            request,
            plan.tasks.prefetch_related(ASSIGNMENTS, "milestones").order_by("order", "pk"),
            param="tasks-page",
            per_page=ROWS_PER_PAGE,
        )
        context["task_list_url"] = list_url("dashboard:task_list", plan=plan.pk)
        targets = paginate(
            request,
            plan.targets.select_related("task").order_by("year", "order", "pk"),
            param="targets-page",
            per_page=ROWS_PER_PAGE,
        )
        targets.page.object_list = attach_progress(targets.rows)
        context["targets"] = targets
        # The plan's dated goals without a task (到2020年…), reported on like its general
        # numeric goals by the bureaus leading its key tasks.
        goal_milestones = list(plan.milestones.filter(task__isnull=True).order_by("order"))
        context["goal_milestones"] = goal_milestones
        context["can_report_goals"] = bool(goal_milestones) and permissions.can_report_on(
            request.user, goal_milestones[0]
        )
        context["target_list_url"] = list_url("dashboard:target_list", plan=plan.pk)
        context["target_charts"] = plan_target_charts(plan)
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


class TaskDetailView(CachedContentMixin, ObjectDetailView):
    """A task: its clauses, milestones with status, targets with their actual figures, lead
    and co-responsible bureaus, the latest reports on it (one query, whatever their kinds;
    all of them are in the report list, filtered by the task) and its latest changes."""

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
        reports = Report.objects.filter(task=task).visible_to(user)
        reported = list(
            reports.select_related("bureau").order_by("-created_at", "-pk")[:REPORTS_SHOWN]
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
            reported_count=reports.count(),
            report_list_url=list_url("reporting:report_list", task=task.pk),
            can_report=can_report,
            registry_kinds=registry_kinds(task.plan.code) if can_report else [],
        )
        context["timeline"], context["earlier_changes"] = history.recent_timeline(
            *history_sources, limit=CHANGES_SHOWN
        )
        return context


class BureauListView(CachedContentMixin, ObjectListView):
    """The bureau league table: what each bureau leads and shares, and how it stands."""

    required = staticmethod(permissions.signed_in)
    model = Bureau  # not the queryset's: a page served from the cache counts nothing
    table = BureauTable
    filterset = BureauFilterSet
    extra_context = {"light_rule": status.light_rule}

    @property
    def queryset(self):
        return bureau_league().order_by("order", "name")


class BureauDetailView(CachedContentMixin, ObjectDetailView):
    """A bureau: what it leads and what it shares, across all five plans, each list paged
    on its own (``?led-page=``, ``?shared-page=``) and counted in the database, with a
    link to the task list filtered by the bureau."""

    required = staticmethod(permissions.signed_in)
    template_name = "dashboard/bureau_detail.html"
    queryset = Bureau.objects.prefetch_related("aliases")

    def assignments(self, role_filter, param):
        """One page of the bureau's tasks in role ``role_filter`` (a ``Q``); what its rows
        show (their bureaus and milestones) is prefetched for that page only."""
        queryset = (
            TaskBureau.objects.filter(role_filter, bureau=self.object)
            .select_related("task__plan")
            .prefetch_related(
                Prefetch("task__assignments", queryset=ASSIGNMENTS.queryset),
                "task__milestones",
            )
            .order_by("task__plan__order", "task__order", "pk")
        )
        return paginate(self.request, queryset, param=param, per_page=ROWS_PER_PAGE)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bureau, lead = self.object, Q(role=TaskBureau.Role.LEAD)
        context["led"] = self.assignments(lead, "led-page")
        context["shared"] = self.assignments(~lead, "shared-page")
        context["led_list_url"] = list_url("dashboard:task_list", lead=bureau.pk)
        context["shared_list_url"] = list_url("dashboard:task_list", shared=bureau.pk)
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
