from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("review/", views.ReviewQueueView.as_view(), name="review_queue"),
    path("reports/", views.ReportListView.as_view(), name="report_list"),
    path(
        "reports/new/<slug:kind>/<int:parent_pk>/",
        views.ReportCreateView.as_view(),
        name="report_create",
    ),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/edit/", views.ReportEditView.as_view(), name="report_edit"),
    path("reports/<int:pk>/submit/", views.ReportSubmitView.as_view(), name="report_submit"),
    path("reports/<int:pk>/delete/", views.ReportDeleteView.as_view(), name="report_delete"),
    path("reports/<int:pk>/review/", views.ReportReviewView.as_view(), name="report_review"),
    path("evidence/<int:pk>/", views.EvidenceDownloadView.as_view(), name="evidence_download"),
]
