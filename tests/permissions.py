"""One matrix that checks every view for every role; a view is covered by declaring it.

Each ``ViewCase`` names a URL, how to build its arguments from the seeded data, the bureau
that "owns" the object (for the own-bureau / other-bureau roles) and the status each role
gets. Anonymous users are always sent to the login page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from tests import factories

ROLES = ("own_bureau", "other_bureau", "supervisor", "admin")
ALL_SEE = dict.fromkeys(ROLES, 200)


@dataclass
class ViewCase:
    id: str
    url_name: str
    url_kwargs: Callable[[], dict] = dict
    owner_bureau: Callable[[], object] | None = None
    expected: dict[str, int] = field(default_factory=lambda: dict(ALL_SEE))
    method: str = "get"
    data: Callable[[], dict] = dict

    def url(self) -> str:
        return reverse(self.url_name, kwargs=self.url_kwargs())


def user_for(role: str, owner_bureau=None):
    from jiyuan_portal.tracking.models import Bureau

    owner = owner_bureau or Bureau.objects.get(name="市工业和信息化委员会")
    if role == "own_bureau":
        return factories.bureau_staff(owner)
    if role == "other_bureau":
        other = Bureau.objects.exclude(pk=owner.pk).exclude(tasks__isnull=True).first()
        return factories.bureau_staff(other)
    if role == "supervisor":
        return factories.supervisor()
    if role == "admin":
        return factories.portal_admin()
    raise ValueError(role)


def check_anonymous_is_sent_to_login(client, case: ViewCase) -> None:
    url = case.url()
    response = getattr(client, case.method)(url, case.data())
    assert response.status_code == 302, f"{case.id}: anonymous got {response.status_code}"
    assert response.url.startswith(reverse(settings.LOGIN_URL)), response.url


def check_role(client, case: ViewCase, role: str) -> None:
    owner = case.owner_bureau() if case.owner_bureau else None
    client.force_login(user_for(role, owner))
    response = getattr(client, case.method)(case.url(), case.data())
    assert response.status_code == case.expected[role], (
        f"{case.id} as {role}: expected {case.expected[role]}, got {response.status_code}"
    )
