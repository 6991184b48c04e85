"""The supervised items' list filters by year and exports the filtered items in words."""

import datetime

import pytest
from django.urls import reverse

from jiyuan_portal.alerts import scan
from jiyuan_portal.alerts.models import Alert
from jiyuan_portal.tracking.models import Bureau
from tests import factories
from tests.exports import csv_rows, xlsx_sheet

ON = datetime.date(2019, 3, 1)


@pytest.fixture
def items(seed, settings):
    settings.JIYUAN_AS_OF = ON
    lead = Bureau.objects.get(name="市工业和信息化委员会")
    plan = factories.PlanFactory(code="alert-list-test", short_name="督办列表测试")
    task = factories.TaskFactory(plan=plan, bureaus=[lead])
    factories.MilestoneFactory(
        task=task, description="二〇一七年的节点", due_date=datetime.date(2017, 5, 31)
    )
    factories.MilestoneFactory(
        task=task, description="二〇一八年的节点", due_date=datetime.date(2018, 5, 31)
    )
    scan.run_scan(ON)
    return plan, lead


def test_the_year_filter_keeps_the_items_due_that_year(client, items):
    plan, _lead = items
    client.force_login(factories.supervisor())

    response = client.get(reverse("alerts:alert_list"), {"plan": plan.pk, "year": 2018})

    rows = [row.record for row in response.context["table"].page.object_list]
    assert [alert.due_date for alert in rows] == [datetime.date(2018, 5, 31)]


def test_the_export_keeps_the_filters_and_writes_badges_as_words(client, items):
    plan, lead = items
    client.force_login(factories.supervisor())
    params = {"plan": plan.pk, "bureau": lead.pk, "year": 2017, "explanation": "missing"}

    headers, rows = xlsx_sheet(
        client.get(reverse("alerts:alert_list"), {**params, "_export": "xlsx"})
    )
    csv_headers, csv_body = csv_rows(
        client.get(reverse("alerts:alert_list"), {**params, "_export": "csv"})
    )

    assert len(rows) == len(csv_body) == 1
    assert headers == csv_headers
    row = dict(zip(headers, rows[0], strict=True))
    assert row["截止日期"] == datetime.datetime(2017, 5, 31)
    days_late = rows[0][headers.index("截止日期") + 1]
    assert days_late == (ON - datetime.date(2017, 5, 31)).days
    assert not any("<span" in str(cell) for cell in rows[0])


def test_the_export_makes_as_many_queries_for_many_items_as_for_one(
    client, items, django_assert_max_num_queries
):
    plan, lead = items
    client.force_login(factories.supervisor())
    url = reverse("alerts:alert_list") + f"?plan={plan.pk}&_export=xlsx"
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for _ in range(20):
        task = factories.TaskFactory(plan=plan, bureaus=[lead])
        factories.MilestoneFactory(task=task, due_date=datetime.date(2017, 8, 31))
    scan.run_scan(ON)
    assert Alert.objects.filter(plan=plan).count() == 22
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
