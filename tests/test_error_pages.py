"""Error pages speak Chinese, keep the portal's layout and say what to do next; the 500 page
renders with no context at all (it must work when nothing else does)."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from jiyuan_portal import urls as root_urls
from tests.factories import BureauFactory, bureau_staff


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


def assert_next_steps(page: str):
    assert 'class="navbar' in page  # the portal's layout
    assert reverse("dashboard:home") in page  # go to the start page
    assert "返回上一页" in page
    assert "管理员" in page  # contact the admin


def test_an_unknown_page_is_a_chinese_404_in_the_portal_layout(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page
    assert "Not Found" not in page
    assert_next_steps(page)


def test_a_signed_in_user_sees_the_404_with_the_navigation(client, db):
    client.force_login(bureau_staff(BureauFactory()))
    response = client.get("/tasks/999999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page
    assert reverse("dashboard:task_list") in page  # the signed-in navigation
    assert_next_steps(page)


def test_a_refused_page_is_a_chinese_403(client, db):
    client.force_login(bureau_staff(BureauFactory()))
    response = client.get(reverse("reporting:review_queue"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "没有权限" in page
    assert "Forbidden" not in page
    assert_next_steps(page)


def test_an_expired_form_is_a_chinese_403_that_says_to_reload(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "CSRF" not in page
    assert "刷新" in page
    assert_next_steps(page)


def test_a_bad_request_is_a_chinese_400(client, db, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get("/", headers={"host": "attacker.example"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "请求无效" in page
    assert_next_steps(page)


def test_the_500_handler_renders_in_chinese_without_any_context():
    from django.views import defaults

    assert getattr(root_urls, "handler500", "django.views.defaults.server_error") in {
        "django.views.defaults.server_error",
        defaults.server_error,
    }
    request = RequestFactory().get("/")
    with translation.override("zh-hans"):
        response = defaults.server_error(request)
    assert response.status_code == 500
    page = response.content.decode()
    assert "服务器出错" in page
    assert "Server Error" not in page
    assert 'href="/"' in page
    assert "管理员" in page


def test_an_exception_in_a_view_is_answered_with_the_chinese_500(db, monkeypatch):
    from jiyuan_portal.dashboard import views

    def explode(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.HomeView, "get", explode)
    client = Client(raise_request_exception=False)
    client.force_login(bureau_staff(BureauFactory()))
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 500
    assert "服务器出错" in response.content.decode()
