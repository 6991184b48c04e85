from django.urls import path

from . import views

app_name = "drafts"
urlpatterns = [
    path("drafts/", views.DraftListView.as_view(), name="draft_list"),
    path("drafts/new/", views.DraftCreateView.as_view(), name="draft_create"),
    path("drafts/<int:pk>/", views.DraftDetailView.as_view(), name="draft_detail"),
    path("drafts/<int:pk>/notice/", views.NoticeEditView.as_view(), name="notice_edit"),
    path("drafts/<int:pk>/units/", views.UnitsView.as_view(), name="units"),
    path("drafts/<int:pk>/publish/", views.PublishView.as_view(), name="publish"),
    path("drafts/<int:pk>/delete/", views.DraftDeleteView.as_view(), name="draft_delete"),
    path("drafts/<int:pk>/plans/<int:plan>/", views.PlanEditView.as_view(), name="plan_edit"),
    path(
        "drafts/<int:pk>/plans/<int:plan>/tasks/<int:task>/",
        views.TaskEditView.as_view(),
        name="task_edit",
    ),
]
