"""Who is told: the active staff of a bureau, and the supervisors. One query each."""

from django.contrib.auth import get_user_model

from jiyuan_portal.accounts import roles


def active_staff():
    """The users who act for their bureau (a queryset; their bureau is ``bureau_id``)."""
    return get_user_model().objects.filter(is_active=True, groups__name=roles.BUREAU_STAFF)


def active_supervisors():
    return get_user_model().objects.filter(is_active=True, groups__name=roles.SUPERVISOR)


def staff_by_bureau(bureau_ids) -> dict[int, list[int]]:
    """The user ids of each bureau's active staff."""
    staff: dict[int, list[int]] = {}
    rows = (
        active_staff()
        .filter(bureau_id__in=set(bureau_ids))
        .values_list("bureau_id", "pk")
        .distinct()
    )
    for bureau_id, user_id in rows:
        staff.setdefault(bureau_id, []).append(user_id)
    return staff


def supervisor_ids() -> list[int]:
    return list(active_supervisors().values_list("pk", flat=True).distinct())
