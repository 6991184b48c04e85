from django.conf import settings
from django.utils.functional import SimpleLazyObject

from jiyuan_portal.alerts.models import Notification
from jiyuan_portal.dashboard.demo_data import banner_text
from jiyuan_portal.reporting import permissions
from jiyuan_portal.tracking.models import Plan


def navigation(request):
    """The five plans and what the user may open, for the navigation bar (signed-in only).

    The ``can_*`` flags come from ``reporting.permissions``: templates never check roles.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"portal_title": settings.PORTAL_TITLE}
    return {
        "portal_title": settings.PORTAL_TITLE,
        "navigation_plans": Plan.objects.only("code", "short_name", "title").order_by("order"),
        "can_open_my_work": permissions.is_bureau_staff(user),
        "can_open_review_queue": permissions.can_review(user),
        "can_open_admin": permissions.can_open_admin(user),
        "can_open_ledger": SimpleLazyObject(lambda: permissions.can_see_ledger(user)),
        "can_open_complaints": permissions.can_handle_complaints(user),
        "can_publish": permissions.can_review(user),
        "can_draft_plans": permissions.is_portal_admin(user),
        # Counted only when a page shows it: one query.
        "unread_notifications": SimpleLazyObject(lambda: unread_badge(user)),
    }


# The header counts unread notifications up to this many and shows "99+" beyond: a user
# with thousands unread (a year of daily scans) would otherwise count them on every page.
UNREAD_COUNTED = 99


def unread_badge(user) -> int | str:
    unread = Notification.objects.visible_to(user).unread()
    count = unread.order_by()[: UNREAD_COUNTED + 1].count()
    return f"{UNREAD_COUNTED}+" if count > UNREAD_COUNTED else count


def demo_banner(request):
    """演示数据 · 截至 …: the banner every page shows over demo data (``demo_data.banner_text``;
    no query while ``JIYUAN_AS_OF`` is set, else one cached one)."""
    return {"demo_banner": banner_text()}
