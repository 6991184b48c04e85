"""The API's one gate: each view declares ``required``, a rule of
``jiyuan_portal.reporting.permissions`` (as the web views do). Anonymous requests are
answered 401, requests the rule refuses 403; querysets are narrowed with
``visible_to(user)``, so another bureau's objects answer 404."""

from rest_framework.permissions import BasePermission


class PortalRule(BasePermission):
    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        rule = getattr(view, "required", None)
        if rule is None:
            raise NotImplementedError(f"{type(view).__name__} must declare `required`.")
        return bool(rule(request.user))
