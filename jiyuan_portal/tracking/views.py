from django.views.generic import DetailView, ListView

from .models import Bureau, Plan, Task


class PlanDetailView(DetailView):
    model = Plan
    slug_field = "code"
    slug_url_kwarg = "code"


class TaskDetailView(DetailView):
    model = Task


class BureauListView(ListView):
    model = Bureau


class BureauDetailView(DetailView):
    model = Bureau
