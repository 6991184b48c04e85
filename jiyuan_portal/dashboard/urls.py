from django.urls import path

from . import lists, pages, views

app_name = "dashboard"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("start/", views.StartView.as_view(), name="start"),
    path("my/", views.MyWorkView.as_view(), name="my_work"),
    path("plans/<slug:code>/", pages.PlanDetailView.as_view(), name="plan_detail"),
    path("tasks/", pages.TaskListView.as_view(), name="task_list"),
    path("tasks/<int:pk>/", pages.TaskDetailView.as_view(), name="task_detail"),
    path("milestones/", lists.MilestoneListView.as_view(), name="milestone_list"),
    path("targets/", lists.TargetListView.as_view(), name="target_list"),
    path("bureaus/", pages.BureauListView.as_view(), name="bureau_list"),
    path("bureaus/<int:pk>/", pages.BureauDetailView.as_view(), name="bureau_detail"),
]
