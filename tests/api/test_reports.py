"""Reports through the API: the same forms, workflow and permissions as the web pages."""

import datetime

import pytest
from django.urls import reverse

from jiyuan_portal.reporting.models import LatestTargetValue, ReviewStatus, TargetReport
from tests import factories
from tests.api.conftest import token_client

YESTERDAY = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()


def create(client, target, **fields):
    data = {
        "kind": "target-report",
        "parent": target.pk,
        "value": "12",
        "as_of": "2017-06-30",
        "narrative": "按计划推进。",
        **fields,
    }
    return client.post(reverse("api:report-list"), data, format="multipart")


@pytest.fixture(autouse=True)
def portal_day(settings):
    settings.JIYUAN_AS_OF = datetime.date(2017, 9, 30)


def test_a_bureau_reports_with_a_pdf_and_a_supervisor_approves_and_the_figure_counts(scene, client):
    staff = token_client(scene["staff"])
    response = create(
        staff, scene["target"], submit="true", evidence=[factories.upload("验收报告.pdf")]
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == ReviewStatus.SUBMITTED
    assert body["evidence"][0]["original_name"] == "验收报告.pdf"
    assert body["values"]["value"] == "12.0000" or body["values"]["value"].startswith("12")

    supervisor = token_client(scene["supervisor"])
    approved = supervisor.post(
        reverse("api:report-review", args=[body["id"]]),
        {"decision": "approve", "version": body["version"]},
        format="json",
    )

    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == ReviewStatus.APPROVED
    assert LatestTargetValue.objects.get(target=scene["target"]).value == 12
    client.force_login(scene["supervisor"])
    page = client.get(scene["task"].get_absolute_url()).content.decode()
    assert "12家" in page


def test_bad_data_answer_400_with_the_forms_chinese_messages_by_field(scene):
    response = create(token_client(scene["staff"]), scene["target"], value="-3", as_of="")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) >= {"value", "as_of"}
    assert "这个字段是必填项。" in errors["as_of"]
    assert not TargetReport.objects.exists()


def test_an_evidence_file_that_is_not_what_it_says_is_refused(scene):
    fake = factories.upload("报告.pdf", b"MZ\x90\x00not a pdf")

    response = create(token_client(scene["staff"]), scene["target"], evidence=[fake])

    assert response.status_code == 400
    assert "报告.pdf" in " ".join(response.json()["errors"]["evidence"])


def test_another_bureau_cannot_report_on_the_task(scene):
    response = create(token_client(scene["other"]), scene["target"])

    assert response.status_code == 403
    assert not TargetReport.objects.exists()


def test_another_bureau_does_not_find_the_report(scene):
    report = factories.TargetReportFactory(target=scene["target"], submitted=True)
    other = token_client(scene["other"])

    assert other.get(reverse("api:report-detail", args=[report.pk])).status_code == 404
    listed = other.get(reverse("api:report-list")).json()["results"]
    assert report.pk not in [row["id"] for row in listed]


def test_bureau_staff_cannot_review_even_their_own_report(scene):
    report = factories.TargetReportFactory(target=scene["target"], submitted=True)

    response = token_client(scene["staff"]).post(
        reverse("api:report-review", args=[report.pk]),
        {"decision": "approve", "version": report.version},
        format="json",
    )

    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == ReviewStatus.SUBMITTED


def test_a_stale_version_answers_409_and_changes_nothing(scene):
    report = factories.TargetReportFactory(target=scene["target"], submitted=True)

    response = token_client(scene["supervisor"]).post(
        reverse("api:report-review", args=[report.pk]),
        {"decision": "approve", "version": report.version + 5},
        format="json",
    )

    assert response.status_code == 409
    assert "已被他人修改" in response.json()["detail"]
    report.refresh_from_db()
    assert report.status == ReviewStatus.SUBMITTED


def test_returning_without_a_comment_says_so(scene):
    report = factories.TargetReportFactory(target=scene["target"], submitted=True)

    response = token_client(scene["supervisor"]).post(
        reverse("api:report-review", args=[report.pk]),
        {"decision": "return", "version": report.version},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"]["__all__"]


def test_a_draft_is_submitted_with_its_version(scene):
    draft = factories.TargetReportFactory(target=scene["target"], created_by=scene["staff"])
    staff = token_client(scene["staff"])

    response = staff.post(
        reverse("api:report-submit", args=[draft.pk]), {"version": draft.version}, format="json"
    )
    again = staff.post(
        reverse("api:report-submit", args=[draft.pk]), {"version": draft.version}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == ReviewStatus.SUBMITTED
    assert again.status_code == 403  # submitted: no longer the bureau's to change


def test_a_registry_record_is_created_through_its_form(scene):
    from jiyuan_portal.tracking.models import Task

    task = Task.objects.get(plan__code="innovation", number="二(一)")
    staff = token_client(factories.bureau_staff(task.lead_bureau))

    response = staff.post(
        reverse("api:report-list"),
        {
            "kind": "innovation-enterprise",
            "parent": task.pk,
            "name": "接口测试科技有限公司",
            "kind_of_enterprise": "x",
        },
        format="json",
    )

    assert response.status_code == 400  # the form names what is missing
    assert "kind" in response.json()["errors"] or "certified_on" in response.json()["errors"]


def test_a_draft_is_changed_with_its_version_and_a_stale_version_answers_409(scene):
    draft = factories.TargetReportFactory(
        target=scene["target"], created_by=scene["staff"], value=5, as_of=datetime.date(2017, 6, 30)
    )
    staff = token_client(scene["staff"])
    url = reverse("api:report-detail", args=[draft.pk])

    changed = staff.patch(url, {"value": "8", "version": draft.version}, format="json")
    stale = staff.patch(url, {"value": "9", "version": draft.version}, format="json")

    assert changed.status_code == 200, changed.json()
    assert changed.json()["version"] == draft.version + 1
    assert stale.status_code == 409
    draft.refresh_from_db()
    assert draft.value == 8


def test_a_change_the_form_refuses_is_answered_with_its_message(scene):
    draft = factories.TargetReportFactory(target=scene["target"], created_by=scene["staff"])

    response = token_client(scene["staff"]).patch(
        reverse("api:report-detail", args=[draft.pk]),
        {"as_of": "2031-01-01", "version": draft.version},
        format="json",
    )

    assert response.status_code == 400
    assert "as_of" in response.json()["errors"]


def test_a_submitted_report_or_another_bureaus_cannot_be_changed(scene):
    submitted = factories.TargetReportFactory(target=scene["target"], submitted=True)
    url = reverse("api:report-detail", args=[submitted.pk])
    body = {"value": "1", "version": submitted.version}

    assert token_client(scene["staff"]).patch(url, body, format="json").status_code == 403
    assert token_client(scene["other"]).patch(url, body, format="json").status_code == 404


def test_a_milestone_is_reported_completed_through_the_api(scene):
    milestone = factories.MilestoneFactory(task=scene["task"], due_date=datetime.date(2017, 12, 31))

    response = token_client(scene["staff"]).post(
        reverse("api:report-list"),
        {
            "kind": "milestone-report",
            "parent": milestone.pk,
            "outcome": "completed",
            "completed_on": "2017-09-20",
            "narrative": "已完成",
            "submit": True,
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["status"] == ReviewStatus.SUBMITTED
