"""The report list: every report the user may read, of every kind, filtered and exported,
in as many queries for many reports as for one."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from jiyuan_portal.reporting.models import Report
from jiyuan_portal.tracking.models import Bureau, Plan
from tests import factories
from tests.exports import csv_rows, xlsx_sheet

LEAD, OTHER = "市工业和信息化委员会", "报告列表测试局"  # OTHER has no other task


@pytest.fixture
def reports(seed):
    lead, other = Bureau.objects.get(name=LEAD), factories.BureauFactory(name=OTHER)
    innovation = Plan.objects.get(code="innovation")
    led = factories.TaskFactory(plan=innovation, title="报告列表任务", bureaus=[lead])
    theirs = factories.TaskFactory(plan=innovation, title="他人任务", bureaus=[other])
    target = factories.TargetFactory(plan=innovation, task=led, indicator="报告列表指标")
    made = {
        "draft": factories.TargetReportFactory(target=target),
        "submitted": factories.TargetReportFactory(target=target, submitted=True),
        "approved": factories.MilestoneReportFactory(
            milestone=factories.MilestoneFactory(task=led), approved=True
        ),
        "registry": factories.CapacityExitFactory(name="=1+2 煤矿", submitted=True),
        "theirs": factories.TargetReportFactory(
            target=factories.TargetFactory(plan=innovation, task=theirs), submitted=True
        ),
    }
    Report.objects.filter(pk=made["approved"].pk).update(
        submitted_at=timezone.make_aware(datetime.datetime(2018, 3, 1))
    )
    return made


def listed(client, **params):
    response = client.get(reverse("reporting:report_list"), params)
    assert response.status_code == 200
    return {row.record.pk for row in response.context["table"].page.object_list}


def pks(reports, *names):
    return {reports[name].pk for name in names}


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"status": "submitted"}, ["submitted", "registry", "theirs"]),
        ({"status": "approved"}, ["approved"]),
        ({"kind": "capacity-exit"}, ["registry"]),
        ({"kind": "milestone-report"}, ["approved"]),
        ({"plan": "capacity"}, ["registry"]),
        ({"bureau": OTHER}, ["theirs"]),
        ({"year": 2018}, ["approved"]),
        ({"q": "煤矿"}, ["registry"]),
        ({"q": "他人任务"}, ["theirs"]),
    ],
)
def test_each_report_filter_keeps_only_the_rows_it_names(client, reports, params, expected):
    client.force_login(factories.supervisor())
    if "plan" in params:
        params["plan"] = Plan.objects.get(code=params["plan"]).pk
    if "bureau" in params:
        params["bureau"] = Bureau.objects.get(name=params["bureau"]).pk
    mine = pks(reports, *reports)

    assert listed(client, **params) & mine == pks(reports, *expected)


def test_a_bureau_sees_only_the_reports_it_may_read(client, reports):
    client.force_login(factories.bureau_staff(Bureau.objects.get(name=OTHER)))
    assert listed(client) & pks(reports, *reports) == pks(reports, "theirs")


def test_the_export_holds_the_filtered_reports_with_their_kind_in_words(client, reports):
    client.force_login(factories.supervisor())
    url = reverse("reporting:report_list")
    params = {"status": "submitted", "q": "煤矿"}

    headers, rows = xlsx_sheet(client.get(url, {**params, "_export": "xlsx"}))
    csv_headers, csv_body = csv_rows(client.get(url, {**params, "_export": "csv"}))

    assert len(rows) == len(csv_body) == 1
    assert headers == csv_headers
    row = dict(zip(headers, rows[0], strict=True))
    assert row["标题"] == "'=1+2 煤矿"
    assert row["状态"] == "已提交"
    assert isinstance(row[headers[headers.index("状态") + 1]], datetime.datetime)
    assert "<" not in "".join(str(cell) for cell in rows[0])


def test_the_report_list_makes_as_many_queries_for_many_reports_of_many_kinds_as_for_one(
    client, seed, django_assert_max_num_queries
):
    client.force_login(factories.supervisor())
    factories.TargetReportFactory(submitted=True)
    url = reverse("reporting:report_list")
    with django_assert_max_num_queries(40) as one:
        client.get(url)
    for _ in range(10):
        factories.TargetReportFactory(submitted=True)
        factories.MilestoneReportFactory(approved=True)
        factories.CapacityExitFactory()
        factories.InnovationEnterpriseFactory()
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url + "?_export=xlsx")
