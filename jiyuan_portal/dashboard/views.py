from django.shortcuts import redirect
from django.views import View
from django.views.generic import TemplateView
from django_tables2 import RequestConfig

from jiyuan_portal.alerts.tables import AlertTable
from jiyuan_portal.reporting import permissions
from jiyuan_portal.reporting.page_cache import CachedContentMixin
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Plan
from jiyuan_portal.tracking.plan_apps import plan_apps
from jiyuan_portal.views.generic import PermissionGate

from . import cockpit
from .charts import plan_status_chart
from .league import bureau_league
from .my_work import bureau_work
from .tables import BureauTable


class StartView(PermissionGate, View):
    """Where a user lands after logging in: bureau staff on their work, others on the overview."""

    required = staticmethod(permissions.signed_in)

    def get(self, request):
        if permissions.is_bureau_staff(request.user):
            return redirect("dashboard:my_work")
        return redirect("dashboard:home")


class HomeView(CachedContentMixin, PermissionGate, TemplateView):
    """The supervisors' cockpit: every plan, bureau and town at a glance, each figure a
    link to the list behind it. Bureau staff landing here go to 我的任务."""

    required = staticmethod(permissions.signed_in)
    template_name = "dashboard/home.html"

    def get(self, request, *args, **kwargs):
        if permissions.is_bureau_staff(request.user):
            return redirect("dashboard:my_work")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        on = status.today()
        blocks = cockpit.plan_blocks(on)
        overdue = AlertTable(cockpit.overdue_items(), prefix="overdue-")
        league = BureauTable(bureau_league(on), prefix="bureaus-")
        config = RequestConfig(self.request)
        config.configure(overdue)
        overdue.paginate(page=self.request.GET.get("overdue-page", 1), per_page=10)
        config.configure(league)
        league.paginate(page=self.request.GET.get("bureaus-page", 1), per_page=10)
        context.update(
            on=on,
            notice=blocks[0].plan.notice if blocks else None,
            blocks=blocks,
            status_charts=plan_status_chart(blocks),
            overdue=overdue,
            off_pace=cockpit.targets_off_pace(on),
            off_pace_counts=cockpit.off_pace_counts(blocks),
            league=league,
            plan_app_blocks=[
                (config.cockpit_template, config.cockpit_context(self.request))
                for config in plan_apps()
                if config.cockpit_template
            ],
            light_rule=status.light_rule(),
            target_rule=status.target_rule_sentence(),
        )
        return context


class MyWorkView(CachedContentMixin, PermissionGate, TemplateView):
    """我的任务: everything the user's bureau leads or shares, with what is due and returned."""

    required = staticmethod(permissions.is_bureau_staff)
    template_name = "dashboard/my_work.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan_code = self.request.GET.get("plan", "")
        context["work"] = bureau_work(
            self.request.user.bureau, self.request.GET.get("page"), plan_code
        )
        context["plans"] = Plan.objects.order_by("order")
        context["plan_code"] = plan_code
        return context
