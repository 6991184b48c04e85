from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views
from .caching import public_cache
from .feeds import PublishedRecordFeed, PublishedTargetFeed

app_name = "disclosure"
urlpatterns = [
    # Public, without sign-in.
    path("public/", views.public(views.PublicHomeView), name="home"),
    path("public/targets.csv", views.public(views.PublicTargetCsvView), name="public_target_csv"),
    path(
        "public/targets/feed/",
        login_not_required(public_cache(PublishedTargetFeed())),
        name="public_target_feed",
    ),
    path(
        "public/<slug:kind>/",
        views.public(views.PublicRecordListView),
        name="public_record_list",
    ),
    path(
        "public/<slug:kind>.csv", views.public(views.PublicRecordCsvView), name="public_record_csv"
    ),
    path(
        "public/<slug:kind>/feed/",
        login_not_required(public_cache(PublishedRecordFeed())),
        name="public_record_feed",
    ),
    # Supervisors publish and withdraw.
    path("publication/records/", views.PublishableRecordListView.as_view(), name="record_list"),
    path("publication/targets/", views.PublishableTargetListView.as_view(), name="target_list"),
    path("publication/publish/", views.PublishView.as_view(), name="publish"),
]
