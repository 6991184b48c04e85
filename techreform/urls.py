from django.urls import path

from . import views

app_name = "techreform"
urlpatterns = [
    path("towns/", views.TownListView.as_view(), name="town_list"),
]
