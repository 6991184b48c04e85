"""The supervisors' queue (待审核): everything submitted, of every kind, oldest first."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jiyuan_portal.reporting.models import ReviewStatus, TargetReport
from jiyuan_portal.tracking.models import Plan, Target, Task
from tests import factories

URL = reverse("reporting:review_queue")


@pytest.fixture
def supervisor_client(client, seed):
    client.force_login(factories.supervisor())
    return client


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def seeded_target():
    return Target.objects.get(plan__code="capacity", code="zombie-disposal-share-2018")


def queue(client, page=None):
    response = client.get(URL, {"page": page} if page else {})
    assert response.status_code == 200
    return response.context["page_obj"], response.content.decode()


def test_submissions_of_every_kind_are_listed_oldest_first(supervisor_client):
    newest = factories.TargetReportFactory(
        target=seeded_target(), submitted=True, submitted_at=days_ago(1)
    )
    oldest = factories.CapacityExitFactory(submitted=True, submitted_at=days_ago(30))
    middle = factories.MilestoneReportFactory(
        milestone=Task.objects.get(plan__code="capacity", number="二(一)").milestones.first(),
        submitted=True,
        submitted_at=days_ago(10),
    )
    second = factories.InnovationEnterpriseFactory(submitted=True, submitted_at=days_ago(20))

    page, html = queue(supervisor_client)

    assert [item.specific for item in page.object_list] == [oldest, second, middle, newest]
    positions = [html.index(item.get_absolute_url()) for item in page.object_list]
    assert positions == sorted(positions)


def test_only_submitted_items_wait_for_review(supervisor_client):
    waiting = factories.TargetReportFactory(target=seeded_target(), submitted=True)
    for state in ("approved", "returned"):
        factories.TargetReportFactory(target=seeded_target(), **{state: True})
        factories.InnovationEnterpriseFactory(**{state: True})
    factories.TargetReportFactory(target=seeded_target())  # a draft

    page, _ = queue(supervisor_client)

    assert [item.specific for item in page.object_list] == [waiting]
    assert page.paginator.count == 1


def test_an_empty_queue_says_so(supervisor_client):
    page, _ = queue(supervisor_client)
    assert page.paginator.count == 0


def test_the_queue_shows_plan_kind_item_and_bureau(supervisor_client):
    record = factories.CapacityExitFactory(name="某某煤矿", submitted=True)

    _, html = queue(supervisor_client)

    assert "化解过剩产能" in html
    assert str(record._meta.verbose_name) in html
    assert "某某煤矿" in html
    assert record.bureau.name in html


def test_the_queue_is_paginated_keeping_the_order_across_pages(supervisor_client):
    target = seeded_target()
    reports = [
        factories.TargetReportFactory(target=target, submitted=True, submitted_at=days_ago(100 - n))
        for n in range(53)
    ]

    first, html = queue(supervisor_client)
    second, _ = queue(supervisor_client, page=2)

    assert first.paginator.count == 53
    assert [r.pk for r in first.object_list] == [r.pk for r in reports[:50]]
    assert [r.pk for r in second.object_list] == [r.pk for r in reports[50:]]
    assert "?page=2" in html


def test_a_page_number_out_of_range_shows_the_last_page(supervisor_client):
    factories.TargetReportFactory(target=seeded_target(), submitted=True)

    page, _ = queue(supervisor_client, page=99)

    assert page.number == 1


def test_an_item_approved_from_the_queue_leaves_it_and_returns_to_it(supervisor_client):
    report = factories.TargetReportFactory(target=seeded_target(), submitted=True)

    response = supervisor_client.post(
        reverse("reporting:report_review", args=[report.pk]),
        {"decision": "approve", "version": report.version, "next": URL},
    )

    assert response.url == URL
    assert TargetReport.objects.get(pk=report.pk).status == ReviewStatus.APPROVED
    page, _ = queue(supervisor_client)
    assert page.paginator.count == 0


def test_admins_see_the_queue_too(client, seed):
    factories.TargetReportFactory(target=seeded_target(), submitted=True)
    client.force_login(factories.portal_admin())

    page, _ = queue(client)

    assert page.paginator.count == 1


def more_submissions():
    plan = Plan.objects.get(code="innovation")
    task = factories.TaskFactory(
        plan=plan, bureaus=[factories.BureauFactory(name="查询计数测试局")]
    )
    target = factories.TargetFactory(plan=plan, task=task)
    milestone = factories.MilestoneFactory(task=task)
    goal = Target.objects.get(plan__code="innovation", code="rd-intensity-2018")
    for _ in range(3):
        factories.TargetReportFactory(target=target, submitted=True)
        factories.TargetReportFactory(
            target=goal, submitted=True, bureau=factories.BureauFactory(name="查询计数测试局")
        )
        factories.MilestoneReportFactory(milestone=milestone, submitted=True)
        factories.InnovationEnterpriseFactory(task=task, submitted=True)
        factories.CapacityExitFactory(submitted=True)


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(URL)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_queue_makes_a_constant_number_of_queries(supervisor_client):
    more_submissions()
    count_queries(supervisor_client)  # warm up the session and caches
    before = count_queries(supervisor_client)

    more_submissions()

    assert count_queries(supervisor_client) == before
