import pytest

from jiyuan_portal.tracking.models import Bureau, Plan, Task
from tests.permissions import ROLES, ViewCase, check_anonymous_is_sent_to_login, check_role


def first_task():
    return Task.objects.filter(plan__code="capacity").order_by("order").first()


CASES = [
    ViewCase("home", "dashboard:home"),
    *[
        ViewCase(f"plan-{code}", "dashboard:plan_detail", lambda code=code: {"code": code})
        for code in ("capacity", "greening", "smart", "techreform", "innovation")
    ],
    ViewCase("task-list", "dashboard:task_list"),
    ViewCase(
        "task-detail",
        "dashboard:task_detail",
        lambda: {"pk": first_task().pk},
        owner_bureau=lambda: first_task().lead_bureau,
    ),
    ViewCase("bureau-list", "dashboard:bureau_list"),
    ViewCase(
        "bureau-detail",
        "dashboard:bureau_detail",
        lambda: {"pk": Bureau.objects.get(name="市环境保护局").pk},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_anonymous_users_are_sent_to_login(client, seed, case):
    check_anonymous_is_sent_to_login(client, case)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_each_role_gets_the_expected_status(client, seed, case, role):
    check_role(client, case, role)


def test_every_plan_page_exists_for_the_five_plans(seed):
    assert list(Plan.objects.values_list("code", flat=True)) == [
        "capacity",
        "greening",
        "smart",
        "techreform",
        "innovation",
    ]
