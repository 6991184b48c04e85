"""Evidence files (佐证材料): checked by content, limited in size, stored outside the media
directory and served only to users who may see what they belong to."""

import io
import re
import zlib
from pathlib import Path
from urllib.parse import quote

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jiyuan_portal.reporting.models import Evidence, TargetReport
from jiyuan_portal.reporting.uploads import check_evidence_file
from jiyuan_portal.tracking.models import Bureau, Plan
from tests import factories


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["企业", "产能(万吨)"])
    workbook.active.append(["某煤矿", 30])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504  # the header of a .doc/.xls/.wps


@pytest.fixture
def evidence_root(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.EVIDENCE_ROOT


@pytest.fixture
def task(seed):
    lead = Bureau.objects.get(name="市工业和信息化委员会")
    co = Bureau.objects.get(name="市环境保护局")
    return factories.TaskFactory(plan=Plan.objects.get(code="innovation"), bureaus=[lead, co])


@pytest.fixture
def target(task):
    return factories.TargetFactory(plan=task.plan, task=task)


@pytest.fixture
def staff(task):
    return factories.bureau_staff(task.lead_bureau)


def report_with(client, target, *files, **fields):
    data = {"value": "3", "as_of": "2018-06-30", "narrative": "附佐证。", "evidence": list(files)}
    data.update(fields)
    return client.post(reverse("reporting:report_create", args=["target-report", target.pk]), data)


def files_under(root: Path) -> list[Path]:
    return [path for path in Path(root).rglob("*") if path.is_file()] if root.exists() else []


# --- What the content check lets through -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "mime_type"),
    [
        ("验收报告.pdf", factories.pdf_bytes(), "application/pdf"),
        ("现场照片.png", factories.png_bytes(), "image/png"),
        ("现场照片.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg"),
        (
            "情况说明.docx",
            factories.docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "统计表.xlsx",
            xlsx_bytes(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("情况说明.doc", OLE2, "application/msword"),
        ("统计表.et", OLE2, "application/vnd.ms-excel"),
        ("情况说明.wps", OLE2, "application/vnd.ms-works"),
    ],
)
def test_real_documents_and_images_are_accepted_with_the_type_their_content_shows(
    name, content, mime_type
):
    checked = check_evidence_file(factories.upload(name, content, content_type="text/plain"))
    assert checked.mime_type == mime_type


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("报告.pdf", factories.zip_bytes({"报告.txt": "不是PDF"}), "content_mismatch"),
        ("报告.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56, "content_mismatch"),
        ("照片.png", factories.pdf_bytes(), "content_mismatch"),
        ("照片.jpg", factories.png_bytes(), "content_mismatch"),
        ("说明.docx", factories.zip_bytes({"xl/workbook.xml": "<x/>"}), "content_mismatch"),
        ("说明.docx", factories.zip_bytes({"payload.exe": "MZ"}), "archive_executable"),
        ("统计表.xlsx", factories.docx_bytes(), "content_mismatch"),
        ("说明.doc", factories.pdf_bytes(), "content_mismatch"),
        ("setup.exe", b"MZ\x90\x00", "type_not_allowed"),
        ("脚本.html", b"<script>alert(1)</script>", "type_not_allowed"),
        ("无扩展名", factories.pdf_bytes(), "type_not_allowed"),
        ("报告.pdf.exe", factories.pdf_bytes(), "type_not_allowed"),
    ],
    ids=[
        "zip-named-pdf",
        "exe-named-pdf",
        "pdf-named-png",
        "png-named-jpg",
        "xlsx-named-docx",
        "plain-zip-named-docx",
        "docx-named-xlsx",
        "pdf-named-doc",
        "exe",
        "html",
        "no-extension",
        "double-extension",
    ],
)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(name, content, code):
    with pytest.raises(ValidationError) as refused:
        check_evidence_file(factories.upload(name, content, content_type="application/pdf"))
    assert refused.value.code == code


def test_the_size_limit_comes_from_the_settings(settings):
    content = factories.pdf_bytes()
    settings.JIYUAN_MAX_UPLOAD_BYTES = len(content)
    assert check_evidence_file(factories.upload("刚好.pdf", content)).code == "pdf"

    settings.JIYUAN_MAX_UPLOAD_BYTES = len(content) - 1
    with pytest.raises(ValidationError) as refused:
        check_evidence_file(factories.upload("超了一字节.pdf", content))
    assert refused.value.code == "too_large"


# --- Through the reporting form -----------------------------------------------------------


def test_accepted_files_are_stored_under_the_evidence_root_and_not_under_media(
    client, evidence_root, settings, target, staff
):
    client.force_login(staff)

    response = report_with(
        client,
        target,
        factories.upload("验收报告.pdf"),
        factories.upload("现场照片.png", factories.png_bytes()),
        factories.upload("情况说明.docx", factories.docx_bytes()),
    )

    assert response.status_code == 302
    report = TargetReport.objects.get()
    evidence = list(Evidence.objects.order_by("pk"))
    assert [e.original_name for e in evidence] == ["验收报告.pdf", "现场照片.png", "情况说明.docx"]
    assert all(e.report_id == report.pk and e.uploaded_by == staff for e in evidence)
    stored = files_under(evidence_root)
    assert len(stored) == 3
    assert sorted(path.read_bytes() for path in stored) == sorted(
        [factories.pdf_bytes(), factories.png_bytes(), factories.docx_bytes()]
    )
    assert files_under(settings.MEDIA_ROOT) == []


def test_the_recorded_type_is_the_sniffed_one_not_what_the_browser_claimed(
    client, evidence_root, target, staff
):
    client.force_login(staff)

    report_with(
        client,
        target,
        factories.upload(
            "照片.png", factories.png_bytes(), content_type="application/x-msdownload"
        ),
    )

    evidence = Evidence.objects.get()
    assert (evidence.mime_type, evidence.size) == ("image/png", len(factories.png_bytes()))


def test_a_file_name_with_a_path_is_stored_inside_the_evidence_root(
    client, evidence_root, target, staff
):
    client.force_login(staff)

    report_with(client, target, factories.upload("../../../etc/报告.pdf"))

    stored = Path(Evidence.objects.get().file.path).resolve()
    assert stored.is_relative_to(Path(evidence_root).resolve())


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("报告.pdf", factories.zip_bytes({"a.txt": "zip"})),
        ("报告.pdf", b"MZ\x90\x00" + b"\x00" * 60),
        ("setup.exe", b"MZ\x90\x00"),
    ],
    ids=["zip-named-pdf", "exe-named-pdf", "exe"],
)
def test_a_refused_file_saves_neither_the_report_nor_any_file(
    client, evidence_root, target, staff, name, content
):
    client.force_login(staff)

    response = report_with(
        client, target, factories.upload("好的.pdf"), factories.upload(name, content)
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["evidence"]
    assert not TargetReport.objects.exists()
    assert not Evidence.objects.exists()
    assert files_under(evidence_root) == []


def test_a_file_over_the_size_limit_is_refused(client, evidence_root, settings, target, staff):
    settings.JIYUAN_MAX_UPLOAD_BYTES = 1024
    client.force_login(staff)

    response = report_with(
        client, target, factories.upload("扫描件.pdf", factories.pdf_bytes() + b"0" * 1024)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["evidence"][0].startswith("“扫描件.pdf”")
    assert not TargetReport.objects.exists()
    assert files_under(evidence_root) == []


def test_files_removed_on_edit_are_deleted_from_disk(
    client, evidence_root, target, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    report_with(client, target, factories.upload("旧的.pdf"), factories.upload("留着.pdf"))
    report = TargetReport.objects.get()
    old = Evidence.objects.get(original_name="旧的.pdf")
    old_path = Path(old.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:report_edit", args=[report.pk]),
            {
                "value": "3",
                "as_of": "2018-06-30",
                "narrative": "换了佐证",
                "version": report.version,
                "remove_evidence": [old.pk],
                "evidence": [factories.upload("新的.pdf")],
            },
        )

    assert response.status_code == 302
    assert sorted(Evidence.objects.values_list("original_name", flat=True)) == [
        "新的.pdf",
        "留着.pdf",
    ]
    assert not old_path.exists()
    assert len(files_under(evidence_root)) == 2


def test_deleting_a_report_deletes_its_files(
    client, evidence_root, target, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    report_with(client, target, factories.upload())
    report = TargetReport.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:report_delete", args=[report.pk]))

    assert not TargetReport.objects.exists()
    assert not Evidence.objects.exists()
    assert files_under(evidence_root) == []


# --- Downloading ---------------------------------------------------------------------------


@pytest.fixture
def evidence(client, evidence_root, target, staff):
    client.force_login(staff)
    report_with(client, target, factories.upload("验收报告.pdf"))
    client.logout()
    return Evidence.objects.get()


@pytest.mark.parametrize(
    "who",
    [
        lambda: factories.bureau_staff(Bureau.objects.get(name="市工业和信息化委员会")),
        lambda: factories.bureau_staff(Bureau.objects.get(name="市环境保护局")),
        factories.supervisor,
        factories.portal_admin,
    ],
    ids=["own-bureau", "co-responsible-bureau", "supervisor", "admin"],
)
def test_the_file_is_downloaded_by_those_who_may_see_the_task(client, evidence, who):
    client.force_login(who())

    response = client.get(evidence.get_absolute_url())

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == factories.pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert (
        "filename*=utf-8''%E9%AA%8C%E6%94%B6%E6%8A%A5%E5%91%8A.pdf"
        in (response["Content-Disposition"])
    )


def test_another_bureau_gets_not_found_for_the_file(client, evidence):
    client.force_login(factories.bureau_staff(Bureau.objects.get(name="市发展和改革委员会")))

    assert client.get(evidence.get_absolute_url()).status_code == 404


def test_a_guessed_evidence_number_is_not_found(client, evidence):
    client.force_login(factories.supervisor())

    assert (
        client.get(reverse("reporting:evidence_download", args=[evidence.pk + 1000])).status_code
        == 404
    )


def test_evidence_of_a_registry_record_is_served_through_the_record(
    client, evidence_root, task, staff
):
    client.force_login(staff)
    client.post(
        reverse("reporting:report_create", args=["innovation-enterprise", task.pk]),
        {
            "name": "济源某高新技术企业",
            "kind": "high_tech",
            "certified_on": "2018-11-30",
            "evidence": [factories.upload("高新技术企业证书.png", factories.png_bytes())],
        },
    )
    evidence = Evidence.objects.get()

    page = client.get(evidence.report.get_absolute_url()).content.decode()
    download = client.get(evidence.get_absolute_url())

    assert evidence.get_absolute_url() in page
    assert b"".join(download.streaming_content) == factories.png_bytes()
    client.force_login(factories.bureau_staff(Bureau.objects.get(name="市财政局")))
    assert client.get(evidence.get_absolute_url()).status_code == 404


def test_evidence_files_have_no_address_under_the_public_media_url(evidence, settings):
    assert not evidence.get_absolute_url().startswith("/" + settings.MEDIA_URL)
    assert evidence.get_absolute_url() == reverse("reporting:evidence_download", args=[evidence.pk])


# --- Stored names ---------------------------------------------------------------------------

# 88 Chinese characters: 264 bytes in UTF-8, over the 255 a file system allows in a name.
LONG_NAME = "济源市化解过剩产能攻坚方案" * 6 + "关于某某企业技术改造项目验收" + ".pdf"


def test_a_long_chinese_file_name_is_kept_while_the_file_is_stored_under_a_generated_name(
    client, evidence_root, target, staff
):
    assert len(LONG_NAME) - len(".pdf") == 92 and len(LONG_NAME.encode()) > 255
    client.force_login(staff)

    response = report_with(client, target, factories.upload(LONG_NAME))

    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.original_name == LONG_NAME
    assert re.fullmatch(r"\d{4}/\d{2}/[0-9a-f]{32}\.pdf", evidence.file.name)
    assert Path(evidence.file.path).read_bytes() == factories.pdf_bytes()
    download = client.get(evidence.get_absolute_url())
    assert f"filename*=utf-8''{quote(LONG_NAME)}" in download["Content-Disposition"]
    page = client.get(evidence.report.get_absolute_url()).content.decode()
    assert LONG_NAME in page


@pytest.mark.parametrize(
    ("name", "content", "stored"),
    [
        ("照片.JPEG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", ".jpeg"),
        ("../../etc/passwd.pdf", factories.pdf_bytes(), ".pdf"),
        ("统计表.et", OLE2, ".et"),
    ],
)
def test_the_stored_name_has_the_extension_of_the_checked_type(
    client, evidence_root, target, staff, name, content, stored
):
    client.force_login(staff)

    report_with(client, target, factories.upload(name, content))

    file_name = Evidence.objects.get().file.name
    assert file_name.endswith(stored) and "passwd" not in file_name and ".." not in file_name


# --- Zip bombs, programs, macros and active content -----------------------------------------


def test_a_docx_that_would_unpack_beyond_the_limit_is_refused_before_it_is_opened(
    client, evidence_root, target, staff, settings
):
    bomb = factories.inflating_zip_bytes(
        factories.docx_bytes(), "word/media/image1.png", settings.JIYUAN_MAX_UNZIPPED_BYTES + 1
    )
    assert len(bomb) < 200 * 1024
    client.force_login(staff)

    response = report_with(client, target, factories.upload("情况说明.docx", bomb))

    assert response.status_code == 200
    [error] = response.context["form"].errors["evidence"]
    assert "情况说明.docx" in error and "zip" in error.lower()
    assert not TargetReport.objects.exists() and files_under(evidence_root) == []


def test_a_docx_compressed_far_beyond_a_real_document_is_refused(settings):
    settings.JIYUAN_MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024
    bomb = factories.inflating_zip_bytes(factories.docx_bytes(), "word/document2.xml", 20 << 20)

    with pytest.raises(ValidationError) as refused:
        check_evidence_file(factories.upload("说明.docx", bomb))

    assert refused.value.code == "archive_ratio"


@pytest.mark.parametrize(
    ("member", "data", "code"),
    [
        ("word/embeddings/setup.exe", b"MZ\x90\x00" + bytes(60), "archive_executable"),
        ("word/media/image1.png", b"MZ\x90\x00" + bytes(60), "archive_executable"),
        ("word/media/run.elf", b"\x7fELF" + bytes(60), "archive_executable"),
        (
            "word/embeddings/oleObject1.bin",
            OLE2 + "Ole10Native".encode("utf-16-le") + b"MZ",
            "archive_executable",
        ),
        ("word/vbaProject.bin", OLE2, "archive_macro"),
        ("word/activeX/activeX1.xml", b"<ax/>", "archive_macro"),
    ],
    ids=["exe", "exe-named-png", "elf", "ole-package", "vba-macros", "activex"],
)
def test_an_office_file_carrying_a_program_or_macros_is_refused(member, data, code):
    for name, base in (("说明.docx", factories.docx_bytes()), ("统计表.xlsx", xlsx_bytes())):
        content = factories.with_members(base, {member: data})

        with pytest.raises(ValidationError) as refused:
            check_evidence_file(factories.upload(name, content))

        assert refused.value.code == code
        assert name in refused.value.messages[0]


def test_a_macro_enabled_document_renamed_docx_is_refused():
    content = factories.zip_bytes(
        {
            "[Content_Types].xml": '<Types><Override ContentType="application/'
            'vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
            "word/document.xml": "<w:document/>",
        }
    )

    with pytest.raises(ValidationError) as refused:
        check_evidence_file(factories.upload("说明.docx", content))

    assert refused.value.code == "archive_macro"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("说明.doc", OLE2 + "_VBA_PROJECT".encode("utf-16-le"), "archive_macro"),
        ("统计表.xls", OLE2 + "Ole10Native".encode("utf-16-le"), "archive_executable"),
    ],
)
def test_an_old_office_file_with_macros_or_a_packaged_program_is_refused(name, data, code):
    with pytest.raises(ValidationError) as refused:
        check_evidence_file(factories.upload(name, data))

    assert refused.value.code == code


def pdf_with(dictionary: bytes) -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R " + dictionary + b">> endobj\n"
        b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
        b"trailer <</Root 1 0 R>>\n%%EOF\n"
    )


def pdf_with_object_stream(text: bytes) -> bytes:
    packed = zlib.compress(text)
    return (
        b"%PDF-1.5\n1 0 obj <</Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length "
        + str(len(packed)).encode()
        + b">>\nstream\n"
        + packed
        + b"\nendstream endobj\ntrailer <</Root 2 0 R>>\n%%EOF\n"
    )


@pytest.mark.parametrize(
    "content",
    [
        pdf_with(b"/OpenAction <</S /JavaScript /JS (app.alert(1))>>"),
        pdf_with(b"/OpenAction 3 0 R"),
        pdf_with(b"/AA <</O <</S /Launch /F (cmd.exe)>>>>"),
        pdf_with(b"/Names <</EmbeddedFiles 4 0 R>>"),
        pdf_with(b"/Names <</J#61vaScript 4 0 R>>"),
        pdf_with_object_stream(b"3 0 <</S /JavaScript /JS (app.alert(1))>>"),
    ],
    ids=["open-action-js", "open-action", "launch", "embedded-file", "escaped-name", "objstm"],
)
def test_a_pdf_with_active_content_is_refused(content):
    with pytest.raises(ValidationError) as refused:
        check_evidence_file(factories.upload("验收报告.pdf", content))

    assert refused.value.code == "pdf_active_content"
    assert "验收报告.pdf" in refused.value.messages[0]


def test_a_file_starting_like_a_pdf_but_holding_a_web_page_is_refused():
    content = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>"

    with pytest.raises(ValidationError) as refused:
        check_evidence_file(factories.upload("验收报告.pdf", content))

    assert refused.value.code == "content_mismatch"
    assert "HTML" in refused.value.messages[0]


def test_a_pdf_with_only_links_and_compressed_pages_is_accepted():
    content = pdf_with(b"/URI (https://www.jiyuan.gov.cn/)") + pdf_with_object_stream(
        b"3 0 <</Type /Page /Resources <</Font <</F1 5 0 R>>>>>>"
    )

    assert check_evidence_file(factories.upload("报告.pdf", content)).code == "pdf"
