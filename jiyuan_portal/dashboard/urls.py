from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("start/", views.StartView.as_view(), name="start"),
    path("my/", views.MyWorkView.as_view(), name="my_work"),
]
