"""What a user sees when a request cannot be used as sent: a form sent too large or with too
many files, a damaged version field, a town-table import confirmed twice or too late. Each
answers with the page again and a message in Chinese, never a bare 400 or a 500."""

import io
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from jiyuan_portal.reporting.models import TargetReport
from jiyuan_portal.tracking.models import Bureau, Plan
from techreform.models import TownTarget
from tests import factories
from tests.techreform.test_town_table import sample_bytes

IMPORT_URL = reverse("admin:techreform_towntarget_import")
PROCESS_URL = reverse("admin:techreform_towntarget_process_import")


@pytest.fixture
def target(seed):
    lead = Bureau.objects.get(name="市工业和信息化委员会")
    task = factories.TaskFactory(plan=Plan.objects.get(code="innovation"), bureaus=[lead])
    return factories.TargetFactory(plan=task.plan, task=task)


@pytest.fixture
def staff(client, target, settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    user = factories.bureau_staff(target.task.lead_bureau)
    client.force_login(user)
    return user


def create_url(target):
    return reverse("reporting:report_create", args=["target-report", target.pk])


def report_data(**fields):
    return {"value": "3", "as_of": "2018-06-30", "narrative": "进展顺利", **fields}


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_form_too_large_to_read_shows_the_form_again_with_a_message(
    client, staff, target, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    url = create_url(target)

    response = client.post(
        url, report_data(narrative="很长" * 10_000), HTTP_REFERER=f"http://testserver{url}"
    )

    assert response.status_code == 302 and response["Location"].endswith(url)
    page = client.get(response["Location"])
    assert page.status_code == 200 and "form" in page.context
    [message] = messages_of(page)
    assert "过大" in message and "9.8\xa0KB" in message
    assert not TargetReport.objects.exists()


def test_too_many_files_at_once_shows_the_form_again_with_a_message(
    client, staff, target, settings
):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    files = [factories.upload(f"佐证{i}.pdf") for i in range(4)]

    response = client.post(create_url(target), report_data(evidence=files), follow=True)

    assert response.status_code == 200 and "form" in response.context
    [message] = messages_of(response)
    assert "文件过多" in message and "3" in message
    assert not TargetReport.objects.exists()


def test_a_damaged_version_on_edit_is_explained_above_the_form(client, staff, target):
    client.post(create_url(target), report_data())
    report = TargetReport.objects.get()

    response = client.post(
        reverse("reporting:report_edit", args=[report.pk]),
        report_data(narrative="改过", version="abc"),
    )

    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert "版本" in error and error in response.content.decode()
    report.refresh_from_db()
    assert report.narrative == "进展顺利"


def test_a_damaged_version_on_submit_is_explained_on_the_report_page(client, staff, target):
    client.post(create_url(target), report_data())
    report = TargetReport.objects.get()

    response = client.post(
        reverse("reporting:report_submit", args=[report.pk]), {"version": "x"}, follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == report.get_absolute_url()
    assert "版本" in messages_of(response)[-1]
    report.refresh_from_db()
    assert report.status == "draft"


# --- The town-table import ------------------------------------------------------------------


@pytest.fixture
def admin_client(client, seed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(factories.portal_admin())
    return client


def preview(client):
    response = client.post(
        IMPORT_URL,
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile("town-targets-2017.xlsx", sample_bytes()),
        },
    )
    return response.context["confirm_form"].initial


def preview_files(settings):
    folder = settings.MEDIA_ROOT / "django-import-export"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_an_import_confirmed_twice_says_so_instead_of_failing(admin_client):
    confirmation = preview(admin_client)
    assert admin_client.post(PROCESS_URL, confirmation).status_code == 302

    response = admin_client.post(PROCESS_URL, confirmation, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == IMPORT_URL
    message = messages_of(response)[-1]
    assert "已经确认" in message and "重新上传" in message
    assert TownTarget.objects.count() == 19


def test_an_import_confirmed_after_its_preview_file_is_gone_says_so(admin_client, settings):
    confirmation = preview(admin_client)
    for path in preview_files(settings):
        path.unlink()

    response = admin_client.post(PROCESS_URL, confirmation, follow=True)

    assert response.status_code == 200
    assert "重新上传" in messages_of(response)[-1]
    assert TownTarget.objects.count() == 0


def age(path, hours):
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_unconfirmed_previews_older_than_a_day_are_removed_by_the_next_import(
    admin_client, settings
):
    preview(admin_client)
    [old] = preview_files(settings)
    age(old, settings.JIYUAN_IMPORT_PREVIEW_HOURS + 1)

    preview(admin_client)

    [kept] = preview_files(settings)
    assert kept != old and not old.exists()


def test_the_cleanup_command_keeps_recent_previews(admin_client, settings):
    preview(admin_client)
    preview(admin_client)
    old, recent = preview_files(settings)
    age(old, settings.JIYUAN_IMPORT_PREVIEW_HOURS + 1)
    age(recent, settings.JIYUAN_IMPORT_PREVIEW_HOURS - 1)
    out = io.StringIO()

    call_command("clean_import_files", stdout=out)

    assert preview_files(settings) == [recent]
    assert "1" in out.getvalue()
