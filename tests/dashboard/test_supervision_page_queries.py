"""The supervision pages make as many SQL queries with ten times the late items as with a
few: the item list, an item's page, the bulletin, notifications, the header's unread count
and the bureau page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jiyuan_portal.alerts import actions, scan
from jiyuan_portal.alerts.models import Alert
from jiyuan_portal.tracking.models import Bureau
from tests import factories

ON = datetime.date(2018, 3, 1)


def late_items(count, lead, co, author):
    for _ in range(count):
        task = factories.TaskFactory(bureaus=[lead, co])
        factories.MilestoneFactory(task=task, due_date=datetime.date(2017, 5, 31))
        factories.MilestoneFactory(task=task, due_date=datetime.date(2017, 9, 30))
    scan.run_scan(ON)
    for alert in Alert.objects.filter(task__assignments__bureau=lead)[: count // 2 or 1]:
        actions.submit_explanation(
            alert, author, reason="原因", measures="措施", expected_on=datetime.date(2030, 1, 1)
        )


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def scene(seed):
    lead = Bureau.objects.get(name="市工业和信息化委员会")
    co = Bureau.objects.get(name="市环境保护局")
    return lead, co, factories.bureau_staff(lead), factories.supervisor()


PAGES = {
    "alert-list": lambda lead: reverse("alerts:alert_list"),
    "alert-list-filtered": lambda lead: (
        reverse("alerts:alert_list") + f"?state=active&explanation=missing&bureau={lead.pk}"
    ),
    "bulletin": lambda lead: reverse("alerts:bulletin") + "?start=2017-01-01&end=2018-12-31",
    "notifications": lambda lead: reverse("alerts:notification_list"),
    "bureau": lambda lead: reverse("dashboard:bureau_detail", args=[lead.pk]),
    "first-item": lambda lead: (
        Alert.objects.for_bureau(lead).order_by("pk").first().get_absolute_url()
    ),
}
# 我的任务's counts are asserted in test_my_work.py (they vary with the registry-measured
# targets of the page's tasks, not with the late items).
STAFF_PAGES = {"notifications", "alert-list", "first-item", "bureau"}
SUPERVISOR_PAGES = set(PAGES)


@pytest.mark.parametrize("role", ["staff", "supervisor"])
def test_supervision_pages_make_as_many_queries_with_ten_times_the_items(client, scene, role):
    lead, co, staff, supervisor = scene
    user, pages = (staff, STAFF_PAGES) if role == "staff" else (supervisor, SUPERVISOR_PAGES)
    client.force_login(user)
    late_items(3, lead, co, staff)
    few = {name: queries(client, PAGES[name](lead)) for name in sorted(pages)}

    late_items(30, lead, co, staff)
    many = {name: queries(client, PAGES[name](lead)) for name in sorted(pages)}

    assert many == few


def test_the_header_counts_unread_notifications_up_to_99_and_then_says_99_plus(client, seed):
    from jiyuan_portal.alerts.models import Notification
    from jiyuan_portal.dashboard.context_processors import UNREAD_COUNTED, unread_badge

    user = factories.supervisor()
    client.force_login(user)

    def notify(count, start):
        Notification.objects.bulk_create(
            Notification(recipient=user, kind=Notification.Kind.REMINDER, key=f"n{n}", title="提醒")
            for n in range(start, start + count)
        )

    notify(UNREAD_COUNTED, 0)
    assert unread_badge(user) == UNREAD_COUNTED
    notify(1, UNREAD_COUNTED)
    assert unread_badge(user) == f"{UNREAD_COUNTED}+"
    page = client.get(reverse("alerts:notification_list")).content.decode()
    assert "data-unread-count>99+</span>" in page
