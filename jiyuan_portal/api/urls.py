from django.contrib.auth.decorators import login_required
from django.urls import include, path

from . import tokens, views

app_name = "api"

router = views.PortalRouter()
router.register("notices", views.NoticeViewSet, basename="notice")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("bureaus", views.BureauViewSet, basename="bureau")
router.register("towns", views.TownViewSet, basename="town")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("milestones", views.MilestoneViewSet, basename="milestone")
router.register("targets", views.TargetViewSet, basename="target")
router.register("alerts", views.AlertViewSet, basename="alert")
router.register("reports", views.ReportViewSet, basename="report")
views.register_plan_app_routes(router)

urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/schema/", views.SchemaView.as_view(), name="schema"),
    # A page people open in the browser: without a session, the login page first.
    path("api/docs/", login_required(views.DocsView.as_view(url_name="api:schema")), name="docs"),
    # The user's own tokens, in the portal.
    path("accounts/tokens/", tokens.TokenListView.as_view(), name="token_list"),
    path("accounts/tokens/<int:pk>/revoke/", tokens.TokenRevokeView.as_view(), name="token_revoke"),
]
