"""Login throttling: after a few wrong passwords an account is locked for that address.

Bureau accounts are few and known; guessing a password must not be possible by trying
thousands (issue 8, item 4). The lock is per account *and* address, so that someone who
knows a user name cannot lock its owner out from elsewhere.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "test-password-123"
LOGIN = "/accounts/login/"


def _login(client, username, password, address="198.51.100.10"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _fail(client, username, times, address="198.51.100.10"):
    for _ in range(times):
        response = _login(client, username, "wrong-password", address)
        assert response.status_code in (200, 429)


def _logged_in(response):
    return response.status_code == 302 and response.wsgi_request.user.is_authenticated


@pytest.fixture
def user(db):
    return UserFactory(username="gongxin-staff")


@pytest.mark.django_db
def test_four_wrong_passwords_do_not_lock_the_account(client, user):
    _fail(client, user.username, 4)

    assert _logged_in(_login(client, user.username, PASSWORD))


@pytest.mark.django_db
def test_five_wrong_passwords_then_the_right_one_is_refused_with_a_chinese_message(client, user):
    _fail(client, user.username, 5)

    response = _login(client, user.username, PASSWORD)

    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated
    page = response.content.decode()
    assert "账户已被锁定" in page
    assert "30 分钟" in page
    assert "系统管理员" in page
    # Still the login page, in the portal's layout, so the user knows where they are.
    assert 'name="username"' in page


@pytest.mark.django_db
def test_the_admin_login_is_locked_too(client, user):
    _fail(client, user.username, 5)

    response = client.post(
        "/admin/login/",
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="198.51.100.10",
    )

    assert response.status_code == 429
    assert "账户已被锁定" in response.content.decode()


@pytest.mark.django_db
def test_a_lock_does_not_affect_another_account_from_the_same_address(client, user):
    other = UserFactory(username="huanbao-staff")
    _fail(client, user.username, 5)

    assert _logged_in(_login(client, other.username, PASSWORD))


@pytest.mark.django_db
def test_a_lock_does_not_affect_the_same_account_from_another_address(client, user):
    _fail(client, user.username, 5, address="198.51.100.10")

    assert _logged_in(_login(client, user.username, PASSWORD, address="203.0.113.20"))


@pytest.mark.django_db
def test_axes_reset_unlocks_the_account(client, user):
    _fail(client, user.username, 5)
    assert _login(client, user.username, PASSWORD).status_code == 429

    call_command("axes_reset_username", user.username)

    assert _logged_in(_login(client, user.username, PASSWORD))


@pytest.mark.django_db
def test_an_admin_unlocks_the_account_by_deleting_its_access_attempts(client, user):
    from axes.models import AccessAttempt

    from tests.factories import portal_admin

    _fail(client, user.username, 5)
    attempt = AccessAttempt.objects.get(username=user.username)
    admin_client = type(client)()
    admin_client.force_login(portal_admin())

    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    assert user.username in changelist.content.decode()
    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302

    assert _logged_in(_login(client, user.username, PASSWORD))


@pytest.mark.django_db
def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(client, user, settings):
    """With one trusted proxy the client address is the right-most X-Forwarded-For entry;
    an address the client wrote into the header itself cannot dodge the lock."""
    settings.JIYUAN_TRUSTED_PROXY_COUNT = 1

    for spoofed in range(5):
        client.post(
            LOGIN,
            {"username": user.username, "password": "wrong-password"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{spoofed}, 198.51.100.10",
        )
    response = client.post(
        LOGIN,
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.10",
    )
    assert response.status_code == 429

    # The same account from another real address behind the same proxy still signs in.
    response = client.post(
        LOGIN,
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.20",
    )
    assert _logged_in(response)
