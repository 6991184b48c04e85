from django.urls import path

from . import progress_views, views

app_name = "tracking"
urlpatterns = [
    path("plans/<slug:code>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("tasks/", views.TaskListView.as_view(), name="task_list"),
    path("tasks/<int:pk>/", views.TaskDetailView.as_view(), name="task_detail"),
    path("bureaus/", views.BureauListView.as_view(), name="bureau_list"),
    path("bureaus/<int:pk>/", views.BureauDetailView.as_view(), name="bureau_detail"),
    path("review/", progress_views.ReviewQueueView.as_view(), name="review_queue"),
    path(
        "progress/<slug:kind>/new/<int:parent_pk>/",
        progress_views.ProgressCreateView.as_view(),
        name="progress_create",
    ),
    path(
        "progress/<slug:kind>/<int:pk>/",
        progress_views.ProgressDetailView.as_view(),
        name="progress_detail",
    ),
    path(
        "progress/<slug:kind>/<int:pk>/edit/",
        progress_views.ProgressEditView.as_view(),
        name="progress_edit",
    ),
    path(
        "progress/<slug:kind>/<int:pk>/submit/",
        progress_views.ProgressSubmitView.as_view(),
        name="progress_submit",
    ),
    path(
        "progress/<slug:kind>/<int:pk>/delete/",
        progress_views.ProgressDeleteView.as_view(),
        name="progress_delete",
    ),
    path(
        "progress/<slug:kind>/<int:pk>/review/",
        progress_views.ProgressReviewView.as_view(),
        name="progress_review",
    ),
    path(
        "evidence/<int:pk>/",
        progress_views.EvidenceDownloadView.as_view(),
        name="evidence_download",
    ),
]
