"""The admin import (upload → preview → confirm) and export of the town target table."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from techreform.models import TownTarget, TownTargetImport
from tests.factories import inflating_zip_bytes, portal_admin, supervisor
from tests.techreform.test_town_table import published, sample_bytes, stored, with_town

IMPORT_URL = reverse("admin:techreform_towntarget_import")
PROCESS_URL = reverse("admin:techreform_towntarget_process_import")
EXPORT_URL = reverse("admin:techreform_towntarget_export")


@pytest.fixture
def admin_client(client, seed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    user = portal_admin()
    client.force_login(user)
    client.user = user
    return client


def upload(client, data, name="town-targets-2017.xlsx"):
    return client.post(
        IMPORT_URL,
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile(name, data)},
    )


def confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(PROCESS_URL, {**form.initial, "resource": form.initial["resource"]})


def test_admin_import_previews_every_town_then_confirms(admin_client):
    preview = upload(admin_client, sample_bytes())

    assert preview.status_code == 200
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["new"] * 19
    assert preview.context["confirm_form"] is not None
    assert TownTarget.objects.count() == 0  # the preview saves nothing

    done = confirm(admin_client, preview)

    assert done.status_code == 302
    assert TownTarget.objects.filter(year=2017).count() == 19
    log = TownTargetImport.objects.get()
    assert (log.user, log.source, log.file_name) == (
        admin_client.user,
        "admin",
        "town-targets-2017.xlsx",
    )
    assert log.created_count == 19


def test_admin_preview_shows_updated_and_unchanged_rows(admin_client):
    confirm(admin_client, upload(admin_client, sample_bytes()))

    preview = upload(
        admin_client, published(with_town("玉川", values=(42, 6.5, 4)), total=(242, 40, 60))
    )

    types = [row.import_type for row in preview.context["result"].rows]
    assert types.count("update") == 1 and types.count("skip") == 18
    confirm(admin_client, preview)
    assert TownTarget.objects.get(town__name="玉川").industrial_investment == 42
    assert TownTargetImport.objects.count() == 2


def test_admin_import_refuses_a_bad_file_with_every_message(admin_client):
    confirm(admin_client, upload(admin_client, sample_bytes()))
    before = stored()
    towns = [("火星镇", 1, 1, 1), *with_town("玉川", values=(40, "abc", 4))]

    response = upload(admin_client, published(towns, total=(241, 41, 61)), name="bad.xlsx")

    errors = response.context["form"].errors["import_file"]
    assert len(errors) == 2
    assert all("bad.xlsx" in error for error in errors)
    assert "火星镇" in errors[0] and "abc" in errors[1]
    assert "火星镇" in response.content.decode()
    assert response.context.get("confirm_form") is None
    assert stored() == before
    assert temporary_files() == []  # the refused upload is not kept


def temporary_files():
    from django.conf import settings

    folder = settings.MEDIA_ROOT / "django-import-export"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_preview_file_is_kept_in_media_storage_until_confirmed(admin_client):
    preview = upload(admin_client, sample_bytes())

    assert len(temporary_files()) == 1  # MediaStorage: any web process can confirm
    confirm(admin_client, preview)
    assert temporary_files() == []


@pytest.mark.parametrize(
    ("name", "data"),
    [("targets.csv", b"town,value\n"), ("targets.xlsx", b"town,value\n")],
)
def test_admin_import_refuses_what_is_not_an_xlsx_workbook(admin_client, name, data):
    response = upload(admin_client, data, name=name)

    errors = response.context["form"].errors["import_file"]
    assert errors and name in errors[0] and ".xlsx" in errors[0]
    assert TownTarget.objects.count() == 0


def test_admin_import_refuses_a_file_above_the_size_limit(admin_client, settings):
    settings.JIYUAN_MAX_UPLOAD_BYTES = 1024

    response = upload(admin_client, sample_bytes())

    assert "1024" in response.context["form"].errors["import_file"][0]
    assert TownTarget.objects.count() == 0


def test_admin_export_writes_the_published_layout_that_reimports_unchanged(admin_client):
    confirm(admin_client, upload(admin_client, sample_bytes()))
    before = stored()

    response = admin_client.post(EXPORT_URL, {"format": "0", "resource": "0"})

    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "技术改造2017年攻坚目标任务分解表"
    assert [sheet.cell(4, c).value for c in range(1, 5)] == ["合计", 240, 40, 60]
    assert sheet["A5"].value == "虎岭" and sheet["A23"].value == "下冶"
    preview = upload(admin_client, data, name="export.xlsx")
    assert [r.import_type for r in preview.context["result"].rows] == ["skip"] * 19
    confirm(admin_client, preview)
    assert stored() == before


def test_supervisor_cannot_import(client, seed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(supervisor(is_staff=True))

    assert client.get(IMPORT_URL).status_code == 403


def test_import_log_and_other_admin_pages_render(admin_client):
    confirm(admin_client, upload(admin_client, sample_bytes()))
    log = TownTargetImport.objects.get()

    for url in (
        reverse("admin:techreform_towntarget_changelist"),
        reverse("admin:techreform_towntargetimport_changelist"),
        reverse("admin:techreform_towntargetimport_change", args=[log.pk]),
        reverse("admin:techreform_reformproject_changelist"),
        reverse("admin:techreform_reformtask_changelist"),
        IMPORT_URL,
    ):
        assert admin_client.get(url).status_code == 200, url


def test_admin_import_refuses_a_zip_bomb_with_a_message_naming_the_file(admin_client, settings):
    bomb = inflating_zip_bytes(
        sample_bytes(), "xl/worksheets/sheet9.xml", settings.JIYUAN_MAX_UNZIPPED_BYTES + 1
    )

    response = upload(admin_client, bomb, name="炸弹.xlsx")

    [error] = response.context["form"].errors["import_file"]
    assert "炸弹.xlsx" in error and "zip" in error.lower()
    assert response.context.get("confirm_form") is None
    assert temporary_files() == []
