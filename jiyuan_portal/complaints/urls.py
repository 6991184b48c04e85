from django.urls import path

from . import views

app_name = "complaints"
urlpatterns = [
    # Public, without sign-in.
    path("public/report/", views.PublicComplaintCreateView.as_view(), name="public_create"),
    path("public/report/status/", views.PublicComplaintStatusView.as_view(), name="public_status"),
    # Staff.
    path("complaints/", views.ComplaintListView.as_view(), name="complaint_list"),
    path("complaints/new/", views.ComplaintCreateView.as_view(), name="complaint_create"),
    path("complaints/<int:pk>/", views.ComplaintDetailView.as_view(), name="complaint_detail"),
    path("complaints/<int:pk>/start/", views.ComplaintStartView.as_view(), name="complaint_start"),
    path("complaints/<int:pk>/close/", views.ComplaintCloseView.as_view(), name="complaint_close"),
    path(
        "complaints/<int:pk>/reassign/",
        views.ComplaintReassignView.as_view(),
        name="complaint_reassign",
    ),
    path(
        "complaints/photos/<int:pk>/",
        views.ComplaintPhotoDownloadView.as_view(),
        name="photo_download",
    ),
]
