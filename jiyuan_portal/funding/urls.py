from django.urls import path

from . import views

app_name = "funding"
urlpatterns = [
    path("awards/", views.EntitlementListView.as_view(), name="entitlement_list"),
]
