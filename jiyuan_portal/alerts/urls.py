from django.urls import path

from . import views

app_name = "alerts"
urlpatterns = [
    path("notifications/", views.NotificationListView.as_view(), name="notification_list"),
    path(
        "notifications/<int:pk>/open/",
        views.NotificationOpenView.as_view(),
        name="notification_open",
    ),
    path(
        "notifications/<int:pk>/read/",
        views.NotificationReadView.as_view(),
        name="notification_read",
    ),
    path(
        "notifications/read-all/",
        views.NotificationReadView.as_view(),
        name="notification_read_all",
    ),
    path(
        "notifications/preference/",
        views.NotificationPreferenceView.as_view(),
        name="notification_preference",
    ),
    path("supervision/", views.AlertListView.as_view(), name="alert_list"),
    path("supervision/bulletin/", views.BulletinView.as_view(), name="bulletin"),
    path("supervision/<int:pk>/", views.AlertDetailView.as_view(), name="alert_detail"),
    path("supervision/<int:pk>/explain/", views.AlertExplainView.as_view(), name="alert_explain"),
    path(
        "supervision/<int:pk>/escalate/", views.AlertEscalateView.as_view(), name="alert_escalate"
    ),
    path("supervision/<int:pk>/close/", views.AlertCloseView.as_view(), name="alert_close"),
    path(
        "supervision/explanations/<int:pk>/decide/",
        views.ExplanationDecideView.as_view(),
        name="explanation_decide",
    ),
]
