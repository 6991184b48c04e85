from django.conf import settings

from jiyuan_portal.tracking.models import Plan


def navigation(request):
    """The five plans for the navigation bar, for signed-in users only."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"portal_title": settings.PORTAL_TITLE}
    return {
        "portal_title": settings.PORTAL_TITLE,
        "navigation_plans": Plan.objects.only("code", "short_name").order_by("order"),
    }
