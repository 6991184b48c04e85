from django.urls import path

from . import views

app_name = "tracking"
urlpatterns = [
    path("plans/<slug:code>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("tasks/", views.TaskListView.as_view(), name="task_list"),
    path("tasks/<int:pk>/", views.TaskDetailView.as_view(), name="task_detail"),
    path("bureaus/", views.BureauListView.as_view(), name="bureau_list"),
    path("bureaus/<int:pk>/", views.BureauDetailView.as_view(), name="bureau_detail"),
]
