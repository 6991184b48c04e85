"""Who is told: the active staff of a bureau, and the supervisors. One query each."""

from django.contrib.auth import get_user_model

from jiyuan_portal.accounts import roles


def staff_by_bureau(bureau_ids) -> dict[int, list[int]]:
    """The user ids of each bureau's active staff."""
    staff: dict[int, list[int]] = {}
    rows = (
        get_user_model()
        .objects.filter(
            bureau_id__in=set(bureau_ids), is_active=True, groups__name=roles.BUREAU_STAFF
        )
        .values_list("bureau_id", "pk")
        .distinct()
    )
    for bureau_id, user_id in rows:
        staff.setdefault(bureau_id, []).append(user_id)
    return staff


def supervisor_ids() -> list[int]:
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.SUPERVISOR)
        .values_list("pk", flat=True)
        .distinct()
    )
