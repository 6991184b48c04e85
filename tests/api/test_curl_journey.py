"""The API as another system uses it: with curl, over HTTP, against a running portal. A
bureau user creates a token in the portal, submits a target report with a PDF; a supervisor
approves it through the API; the web page then shows the figure."""

import datetime
import json
import re
import shutil
import subprocess

import pytest
from django.test import Client
from django.urls import reverse

from jiyuan_portal.tracking.models import Bureau, Plan
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("curl"), reason="curl is not installed"),
]


def token_from_the_portal(user) -> str:
    client = Client()
    client.force_login(user)
    page = client.post(reverse("api:token_list"), {"name": "curl", "days": 7}).content.decode()
    return re.search(r"data-token-key>([^<]+)<", page).group(1)


def curl(*args) -> tuple[int, dict]:
    result = subprocess.run(
        ["curl", "--silent", "--show-error", "--write-out", "\n%{http_code}", *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    body, _newline, code = result.stdout.rpartition("\n")
    return int(code), json.loads(body) if body else {}


def test_a_report_made_with_curl_and_approved_through_the_api_shows_on_the_web_page(
    live_server, seed, settings, tmp_path
):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.JIYUAN_AS_OF = datetime.date(2017, 9, 30)
    lead = Bureau.objects.get(name="市工业和信息化委员会")
    task = factories.TaskFactory(plan=Plan.objects.get(code="innovation"), bureaus=[lead])
    target = factories.TargetFactory(plan=task.plan, task=task, year=2018, unit="家")
    staff_key = token_from_the_portal(factories.bureau_staff(lead))
    supervisor = factories.supervisor()
    supervisor_key = token_from_the_portal(supervisor)
    pdf = tmp_path / "验收报告.pdf"
    pdf.write_bytes(factories.pdf_bytes())
    api = f"{live_server.url}/api/v1"

    code, report = curl(
        "-H", f"Authorization: Token {staff_key}",
        "-F", "kind=target-report",
        "-F", f"parent={target.pk}",
        "-F", "value=17",
        "-F", "as_of=2017-09-15",
        "-F", "narrative=通过接口填报",
        "-F", "submit=true",
        "-F", f"evidence=@{pdf};type=application/pdf",
        f"{api}/reports/",
    )  # fmt: skip
    assert code == 201, report
    assert report["status"] == "submitted"
    assert report["evidence"][0]["original_name"] == "验收报告.pdf"

    code, stale = curl(
        "-H", f"Authorization: Token {supervisor_key}",
        "-H", "Content-Type: application/json",
        "-d", json.dumps({"decision": "approve", "version": report["version"] + 1}),
        f"{api}/reports/{report['id']}/review/",
    )  # fmt: skip
    assert code == 409, stale

    code, approved = curl(
        "-H", f"Authorization: Token {supervisor_key}",
        "-H", "Content-Type: application/json",
        "-d", json.dumps({"decision": "approve", "version": report["version"]}),
        f"{api}/reports/{report['id']}/review/",
    )  # fmt: skip
    assert code == 200, approved
    assert approved["status"] == "approved"

    web = Client()
    web.force_login(supervisor)
    assert "17家" in web.get(task.get_absolute_url()).content.decode()
    code, row = curl("-H", f"Authorization: Token {staff_key}", f"{api}/targets/{target.pk}/")
    assert row["actual"].startswith("17")
