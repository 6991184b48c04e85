from django.views.generic import TemplateView

from jiyuan_portal.tracking.models import Milestone

from .summary import plan_summaries


class HomeView(TemplateView):
    """The start page: each plan with its tasks, targets and milestones by status."""

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
