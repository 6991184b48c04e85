"""The 奖补 ledger: sums by year, town, plan, rule and bureau; export; who may read it."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jiyuan_portal.tracking.models import Bureau, Plan, Town
from tests import factories

from .conftest import ReformProjectFactory, SmartRecognitionFactory

pytestmark = pytest.mark.django_db
LEDGER = reverse("funding:entitlement_list")


@pytest.fixture
def ledger_data(seed, approve):
    approve(ReformProjectFactory, equipment_spend=2000, rd_spend=0)  # 虎岭 2017: 600
    approve(ReformProjectFactory, equipment_spend=1000, rd_spend=0)  # 虎岭 2017: 300
    yuchuan = Town.objects.get(name="玉川")
    approve(ReformProjectFactory, town=yuchuan, equipment_spend=500, rd_spend=0)  # 150
    approve(ReformProjectFactory, town=yuchuan, year=2018, equipment_spend=100, rd_spend=0)  # 30
    approve(ReformProjectFactory, investment=Decimal("0.01"))  # below the threshold
    approve(ReformProjectFactory, completed_on=None)  # 600, awaiting production
    approve(SmartRecognitionFactory, level="national")  # 50, no town


def sums(response, title):
    return {
        str(row["label"]): (row["due"], row["pending"], row["to_be_set"])
        for breakdown in response.context["breakdowns"]
        if str(breakdown.title) == title
        for row in breakdown.rows
    }


def test_ledger_sums_the_amounts_due_by_year_and_by_town(client, ledger_data):
    client.force_login(factories.supervisor())

    response = client.get(LEDGER)

    assert response.status_code == 200
    assert sums(response, "按年度") == {
        "2017": (Decimal(1100), Decimal(600), 0),
        "2018": (Decimal(30), Decimal(0), 0),
    }
    by_town = sums(response, "按乡镇(街道、区)")
    assert by_town["虎岭"] == (Decimal(900), Decimal(600), 0)
    assert by_town["玉川"] == (Decimal(180), Decimal(0), 0)
    assert by_town["None"] == (Decimal(50), Decimal(0), 0)


def test_ledger_sums_follow_the_filter(client, ledger_data):
    client.force_login(factories.supervisor())

    techreform = Plan.objects.get(code="techreform")

    response = client.get(LEDGER, {"year": 2017, "plan": techreform.pk})

    assert sums(response, "按乡镇(街道、区)") == {
        "虎岭": (Decimal(900), Decimal(600), 0),
        "玉川": (Decimal(150), Decimal(0), 0),
    }
    assert set(sums(response, "按奖补规则")) == {"技术改造项目后补助"}


def test_ledger_leaves_out_records_that_are_not_eligible_unless_asked(client, ledger_data):
    client.force_login(factories.supervisor())

    in_ledger = client.get(LEDGER).context["table"].rows
    not_eligible = client.get(LEDGER, {"status": "not_eligible"}).context["table"].rows

    assert len(in_ledger) == 7 - 1
    assert len(not_eligible) == 1


def test_ledger_shows_each_rows_arithmetic(client, ledger_data):
    client.force_login(factories.supervisor())

    page = client.get(LEDGER).content.decode()

    assert "设备、研发投入 2,000万元 × 30% = 600万元,低于单个项目上限 1,000万元" in page
    assert "定额奖励 50万元" in page


def test_ledger_exports_the_filtered_rows_with_their_arithmetic(client, ledger_data):
    client.force_login(factories.supervisor())

    response = client.get(LEDGER, {"year": 2018, "_export": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2  # the header and the one project of 2018
    assert "计算方式" in rows[0]
    assert any("100万元 × 30% = 30万元" in str(cell) for cell in rows[1])


def test_finance_bureau_staff_read_the_ledger_and_other_bureaus_do_not(client, ledger_data):
    finance = Bureau.objects.get(name="市财政局")
    client.force_login(factories.bureau_staff(finance))
    assert client.get(LEDGER).status_code == 200

    client.force_login(factories.bureau_staff(Bureau.objects.get(name="市发展和改革委员会")))
    assert client.get(LEDGER).status_code == 403


def test_ledger_link_is_in_the_navigation_only_for_its_readers(client, seed):
    client.force_login(factories.bureau_staff(Bureau.objects.get(name="市财政局")))
    assert LEDGER in client.get(reverse("dashboard:home"), follow=True).content.decode()

    client.force_login(factories.bureau_staff(Bureau.objects.get(name="市发展和改革委员会")))
    assert LEDGER not in client.get(reverse("dashboard:home"), follow=True).content.decode()


def test_ledger_makes_as_many_queries_for_many_rows_as_for_few(client, seed, approve):
    client.force_login(factories.supervisor())
    approve(ReformProjectFactory)
    client.get(LEDGER)  # warm the content-type cache
    with CaptureQueriesContext(connection) as few:
        client.get(LEDGER)
    for _ in range(20):
        approve(ReformProjectFactory, completed_on=datetime.date(2017, 8, 1))
    with CaptureQueriesContext(connection) as many:
        client.get(LEDGER)

    assert len(many) == len(few)


def test_demo_finance_account_reads_the_demo_ledger(
    client, seed, django_capture_on_commit_callbacks
):
    from io import StringIO

    from django.core.management import call_command

    from jiyuan_portal.accounts.models import User

    with django_capture_on_commit_callbacks(execute=True):
        call_command("setup_portal", "--demo", stdout=StringIO())
    client.force_login(User.objects.get(username="caizheng"))

    response = client.get(LEDGER, {"plan": Plan.objects.get(code="techreform").pk})

    by_rule = sums(response, "按奖补规则")
    # The three demo projects in production with their spend: 600 + 1,000 (capped) + 108.
    assert by_rule["技术改造项目后补助"][0] == Decimal(1708)
    assert by_rule["省工业新产品后补助"] == (Decimal(154), Decimal(0), 1)  # 100 + 54; one to set
    assert by_rule["工业强基工程配套支持"][0] == Decimal(400)
    assert by_rule["市级制造业创新中心设备投入补助"][0] == Decimal(300)  # 600 × 50%
    assert by_rule["购买使用首台(套)重大技术装备奖励"][0] == Decimal(60)  # 1,200 × 5%
    assert sums(response, "按年度")["2017"][0] == Decimal(1708 + 154 + 400 + 50 + 30 + 300 + 60)
