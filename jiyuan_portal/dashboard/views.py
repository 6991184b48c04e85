from django.shortcuts import redirect
from django.views import View
from django.views.generic import TemplateView

from jiyuan_portal.reporting import permissions
from jiyuan_portal.tracking.models import Milestone, Plan
from jiyuan_portal.views.generic import PermissionGate

from .my_work import bureau_work
from .summary import plan_summaries


class StartView(PermissionGate, View):
    """Where a user lands after logging in: bureau staff on their work, others on the overview."""

    required = staticmethod(permissions.signed_in)

    def get(self, request):
        if permissions.is_bureau_staff(request.user):
            return redirect("dashboard:my_work")
        return redirect("dashboard:home")


class HomeView(PermissionGate, TemplateView):
    """The overview: each plan with its tasks, targets and milestones by status."""

    required = staticmethod(permissions.signed_in)

    template_name = "dashboard/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summaries"] = plan_summaries()
        context["overdue"] = (
            Milestone.objects.overdue()
            .select_related("task__plan")
            .order_by("due_date", "task__plan__order", "task__order")[:10]
        )
        return context


class MyWorkView(PermissionGate, TemplateView):
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
