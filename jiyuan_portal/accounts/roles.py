"""The portal's roles, as Django groups with model permissions.

Group names are what admins see in the admin; code refers to them through these constants.
"""

from django.contrib.auth.models import Group, Permission

from jiyuan_portal.tracking.plan_apps import plan_apps

BUREAU_STAFF = "委局工作人员"
SUPERVISOR = "督查人员"
ADMIN = "系统管理员"

# The shared apps whose models each role may view or (admins) change, besides the plan apps.
_SHARED_APPS = ("tracking", "reporting", "alerts", "funding")


def _permissions(actions: tuple[str, ...]):
    app_labels = (*_SHARED_APPS, *(config.label for config in plan_apps()))
    return Permission.objects.filter(
        content_type__app_label__in=app_labels, codename__regex=rf"^({'|'.join(actions)})_"
    )


def ensure_roles() -> dict[str, Group]:
    """Create the three groups and give them their permissions; safe to run again."""
    groups = {}
    for name, actions in (
        (BUREAU_STAFF, ("view",)),
        (SUPERVISOR, ("view",)),
        (ADMIN, ("view", "add", "change", "delete")),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(actions))
        groups[name] = group
    return groups
