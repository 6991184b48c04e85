"""The cockpit and the lists keep their content until the data change: the second request
computes nothing, a committed change shows on the next request, and nobody is given content
made for a user who sees something else, another day or another language."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.urls import reverse

from jiyuan_portal.reporting.page_cache import page_cache_key
from tests.factories import (
    TargetReportFactory,
    TaskFactory,
    bureau_staff,
    complaint,
    supervisor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.JIYUAN_PAGE_CACHE_SECONDS = 3600
    cache.clear()
    yield
    cache.clear()


def main(response) -> str:
    """The page's main part (outside it, the CSRF token of a form changes every request)."""
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def supervisor_client(client, seed):
    client.force_login(supervisor(username="督查甲"))
    return client


@pytest.mark.parametrize(
    "name",
    [
        "dashboard:home",
        "dashboard:bureau_list",
        "funding:entitlement_list",
        "complaints:complaint_list",
    ],
)
def test_the_second_request_reads_the_content_from_the_cache(
    supervisor_client, django_assert_max_num_queries, name
):
    url = reverse(name)
    first = supervisor_client.get(url)
    with django_assert_max_num_queries(7):  # session, user, roles, data version, header
        second = supervisor_client.get(url)
    assert second.status_code == 200
    assert main(second) == main(first)


def test_a_change_shows_on_the_next_request_once_committed(
    supervisor_client, django_capture_on_commit_callbacks
):
    url = reverse("dashboard:task_list") + "?q=缓存之后"
    supervisor_client.get(url)
    with django_capture_on_commit_callbacks() as at_commit:
        task = TaskFactory(title="缓存之后新增的任务")
    assert task.title not in supervisor_client.get(url).content.decode()  # not committed yet
    for callback in at_commit:
        callback()
    assert task.title in supervisor_client.get(url).content.decode()


def test_a_complaint_filed_shows_on_the_complaint_list_at_once(supervisor_client, committed):
    url = reverse("complaints:complaint_list")
    supervisor_client.get(url)
    with committed():
        case, _secret = complaint(address="缓存之后的举报地址")
    assert case.number in supervisor_client.get(url).content.decode()


def test_users_of_another_bureau_are_not_given_a_bureau_s_content(client, task, committed):
    with committed():
        report = TargetReportFactory(target__task=task, narrative="只给本局看的报告")
    url = reverse("reporting:report_list")
    client.force_login(bureau_staff(task.lead_bureau))
    assert str(report.target.indicator) in client.get(url).content.decode()
    other = TaskFactory(plan=task.plan)
    client.force_login(bureau_staff(other.lead_bureau))
    assert str(report.target.indicator) not in client.get(url).content.decode()


def test_the_page_around_the_cached_content_is_each_user_s(client, seed):
    url = reverse("dashboard:home")
    client.force_login(supervisor(username="督查甲"))
    assert "督查甲" in client.get(url).content.decode()
    client.force_login(supervisor(username="督查乙"))
    page = client.get(url).content.decode()
    assert "督查乙" in page and "督查甲" not in page


def test_another_day_computes_the_content_again(supervisor_client, settings):
    url = reverse("dashboard:home")
    settings.JIYUAN_AS_OF = datetime.date(2017, 9, 30)
    assert "2017年9月30日" in supervisor_client.get(url).content.decode()
    settings.JIYUAN_AS_OF = datetime.date(2017, 10, 1)
    assert "2017年10月1日" in supervisor_client.get(url).content.decode()


def test_each_language_has_its_own_content(supervisor_client):
    url = reverse("dashboard:milestone_list")
    assert "时间节点" in supervisor_client.get(url).content.decode()
    supervisor_client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english = supervisor_client.get(url).content.decode()
    assert "Milestones" in english and "<h1" in english


def test_the_filters_in_the_query_string_have_their_own_content(supervisor_client, seed):
    url = reverse("dashboard:task_list")
    everything = supervisor_client.get(url).content.decode()
    searched = supervisor_client.get(url, {"q": "不存在的任务名"}).content.decode()
    assert searched != everything


def test_an_export_is_never_served_from_the_cache(supervisor_client):
    url = reverse("dashboard:task_list")
    supervisor_client.get(url)
    export = supervisor_client.get(url, {"_export": "csv"})
    assert export["Content-Type"].startswith("text/csv")


def test_the_key_does_not_depend_on_the_order_of_the_query_string(rf, seed):
    user = supervisor()
    first, second = rf.get("/tasks/?plan=1&q=a"), rf.get("/tasks/?q=a&plan=1")
    first.user = second.user = user
    assert page_cache_key(first) == page_cache_key(second)


def test_turned_off_the_page_computes_its_content_every_time(
    supervisor_client, settings, django_assert_max_num_queries
):
    settings.JIYUAN_PAGE_CACHE_SECONDS = 0
    url = reverse("dashboard:task_list")
    supervisor_client.get(url)
    task = TaskFactory(title="不缓存时立即可见")
    assert task.title in supervisor_client.get(url).content.decode()


@pytest.mark.parametrize("page", ["plan", "task", "bureau"])
def test_a_detail_page_from_the_cache_keeps_its_title_and_computes_nothing_else(
    supervisor_client, task, page, django_assert_max_num_queries
):
    url = {
        "plan": reverse("dashboard:plan_detail", args=[task.plan.code]),
        "task": reverse("dashboard:task_detail", args=[task.pk]),
        "bureau": reverse("dashboard:bureau_detail", args=[task.lead_bureau.pk]),
    }[page]
    first = supervisor_client.get(url)
    with django_assert_max_num_queries(8):  # …and the object, for the title and the 404
        second = supervisor_client.get(url)
    assert main(second) == main(first)
    title = first.content.decode().split("<title>")[1].split("</title>")[0]
    assert f"<title>{title}</title>" in second.content.decode()


def test_a_detail_page_of_a_missing_object_is_still_a_404_when_cached(supervisor_client):
    assert supervisor_client.get(reverse("dashboard:task_detail", args=[999999])).status_code == 404
