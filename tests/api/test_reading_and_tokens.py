"""Reading through the API, the personal tokens that open it, and its rate per token."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from jiyuan_portal.api.models import ApiToken, hash_key
from jiyuan_portal.tracking.models import Task
from tests import factories
from tests.api.conftest import token_client


def test_without_a_token_every_endpoint_answers_401_with_a_chinese_message(seed):
    response = APIClient().get(reverse("api:task-list"))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "身份认证信息未提供" in response.json()["detail"]


@pytest.mark.parametrize("state", ["revoked", "expired", "unknown"])
def test_a_revoked_expired_or_unknown_token_is_refused(seed, state):
    user = factories.supervisor()
    token, key = ApiToken.issue(user, "测试", days=1)
    if state == "revoked":
        token.revoke()
    elif state == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    else:
        key = "not-a-token"
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    response = client.get(reverse("api:task-list"))

    assert response.status_code == 401
    message = {"revoked": "撤销", "expired": "过期", "unknown": "无效"}[state]
    assert message in response.json()["detail"]


def test_a_token_is_stored_as_a_hash_and_its_use_is_recorded(seed):
    user = factories.supervisor()
    token, key = ApiToken.issue(user, "数据共享平台", days=30)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    client.get(reverse("api:plan-list"))

    token.refresh_from_db()
    assert token.key_hash == hash_key(key) and key not in token.key_hash
    assert token.prefix == key[:8]
    assert token.last_used_at is not None


def test_a_user_creates_a_token_in_the_portal_sees_its_key_once_and_revokes_it(client, seed):
    user = factories.bureau_staff(factories.Bureau.objects.get(name="市环境保护局"))
    client.force_login(user)

    created = client.post(reverse("api:token_list"), {"name": "数据共享平台", "days": 30})

    page = created.content.decode()
    token = ApiToken.objects.get(user=user)
    key = page.split("data-token-key>")[1].split("<")[0]
    assert token.key_hash == hash_key(key)
    assert key not in client.get(reverse("api:token_list")).content.decode()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get(reverse("api:plan-list")).status_code == 200

    client.post(reverse("api:token_revoke", args=[token.pk]))
    assert api.get(reverse("api:plan-list")).status_code == 401


def test_a_token_cannot_be_made_to_last_more_than_a_year(client, seed):
    client.force_login(factories.supervisor())

    response = client.post(reverse("api:token_list"), {"name": "长期", "days": 5000})

    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_nobody_revokes_another_users_token(client, seed):
    token, _key = ApiToken.issue(factories.supervisor(), "他人的", days=30)
    client.force_login(factories.supervisor())

    response = client.post(reverse("api:token_revoke", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_each_token_has_its_own_rate(seed, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "2/minute"},
    }
    user = factories.supervisor()
    first, second = token_client(user), token_client(user)
    answers = [first.get(reverse("api:plan-list")).status_code for _ in range(3)]

    assert answers == [200, 200, 429]
    assert second.get(reverse("api:plan-list")).status_code == 200


def test_targets_carry_their_status_and_latest_approved_actual(scene):
    target = scene["target"]  # reported by hand, not counted from a registry
    factories.TargetReportFactory(
        target=target, value=93, as_of=datetime.date(2017, 9, 15), approved=True
    )
    client = token_client(factories.supervisor())

    row = client.get(reverse("api:target-detail", args=[target.pk])).json()

    assert row["indicator"] == target.indicator
    assert row["actual"].startswith("93")
    assert row["status"] in {"achieved", "on_track", "at_risk", "behind"}


def test_tasks_carry_their_lead_and_cooperating_bureaus_and_filter_by_plan(seed):
    client = token_client(factories.supervisor())
    task = Task.objects.get(plan__code="capacity", number="二(五)")

    rows = client.get(reverse("api:task-list"), {"plan": "capacity", "number": "二(五)"}).json()

    assert rows["count"] == 1
    row = rows["results"][0]
    assert row["lead_bureaus"] == [task.lead_bureau.pk]
    assert len(row["cooperating_bureaus"]) >= 5


def test_town_targets_come_from_the_technical_reform_plan(seed):
    from techreform.models import TownTarget

    TownTarget.objects.create(
        town=factories.Town.objects.get(name="虎岭"),
        year=2017,
        industrial_investment=100,
        reform_investment=30,
        reform_enterprises=5,
    )
    client = token_client(factories.supervisor())

    rows = client.get(reverse("api:town-target-list"), {"year": 2017}).json()["results"]

    assert [row["town"] for row in rows] == ["虎岭"]


@pytest.mark.parametrize(
    "name",
    ["api:task-list", "api:target-list", "api:milestone-list", "api:alert-list", "api:report-list"],
)
def test_lists_make_as_many_queries_for_many_rows_as_for_few(scene, name):
    client = token_client(factories.supervisor())
    url = reverse(name)

    def reports(count):
        factories.TargetReportFactory.create_batch(count, target=scene["target"], submitted=True)

    def queries():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    reports(1)
    few = queries()
    reports(20)
    assert queries() == few


def test_the_openapi_description_and_its_documentation_are_served_from_our_own_files(client, seed):
    client.force_login(factories.supervisor())

    schema = client.get(reverse("api:schema"))
    docs = client.get(reverse("api:docs")).content.decode()

    assert schema.status_code == 200
    assert b"/api/v1/reports/" in schema.content
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs
    assert "https://" not in docs.replace("https://github", "")
