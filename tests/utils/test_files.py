import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from jiyuan_portal.utils.files import (
    check_pdf,
    check_zip_archive,
    upload_limit_exceeded,
    zip_contains,
)
from tests.factories import inflating_zip_bytes, pdf_bytes, with_members


def zip_bytes(*names) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return output.getvalue()


def test_upload_at_the_limit_is_accepted(settings):
    settings.JIYUAN_MAX_UPLOAD_BYTES = 1000

    assert upload_limit_exceeded(1000) is None
    assert upload_limit_exceeded(0) is None


def test_upload_over_the_limit_returns_the_limit_for_the_message(settings):
    settings.JIYUAN_MAX_UPLOAD_BYTES = 1000

    assert upload_limit_exceeded(1001) == 1000


def test_zip_contains_a_named_member_exactly():
    data = zip_bytes("xl/workbook.xml", "xl/worksheets/sheet1.xml")

    assert zip_contains(data, "xl/workbook.xml")
    assert not zip_contains(data, "xl/workbook")
    assert not zip_contains(zip_bytes("xl/workbook.xml.rels"), "xl/workbook.xml")


def test_zip_contains_any_member_of_a_folder():
    assert zip_contains(zip_bytes("word/document.xml"), "word/")
    assert not zip_contains(zip_bytes("word/document.xml"), "xl/")


def test_zip_contains_is_false_for_what_is_not_a_zip():
    assert not zip_contains(b"%PDF-1.4 not a zip", "xl/")
    assert not zip_contains(b"PK\x03\x04 truncated", "xl/")
    assert not zip_contains(b"", "xl/")


def test_zip_contains_reads_a_file_from_its_start_and_rewinds_it():
    upload = io.BytesIO(zip_bytes("xl/workbook.xml"))
    upload.seek(10)

    assert zip_contains(upload, "xl/workbook.xml")
    assert upload.tell() == 0

    not_a_zip = io.BytesIO(b"plain text")
    not_a_zip.seek(5)
    assert not zip_contains(not_a_zip, "xl/")
    assert not_a_zip.tell() == 0


# --- Zip bombs and what an archive may carry --------------------------------------------------


def refusal_code(check, source, name="文件") -> str | None:
    try:
        check(source, name)
    except ValidationError as error:
        return error.code
    return None


def test_an_archive_unpacking_beyond_the_limit_is_refused_from_its_directory(settings):
    settings.JIYUAN_MAX_UNZIPPED_BYTES = 4 * 1024 * 1024
    bomb = inflating_zip_bytes(zip_bytes("xl/workbook.xml"), "xl/big.xml", 4 * 1024 * 1024 + 1)

    with pytest.raises(ValidationError) as refused:
        check_zip_archive(bomb, "乡镇目标.xlsx")

    assert refused.value.code == "archive_too_large"
    assert "乡镇目标.xlsx" in refused.value.messages[0]


def test_an_archive_compressed_beyond_the_ratio_is_refused(settings):
    settings.JIYUAN_MAX_ZIP_RATIO = 100
    bomb = inflating_zip_bytes(zip_bytes("xl/workbook.xml"), "xl/big.xml", 2 * 1024 * 1024)

    assert refusal_code(check_zip_archive, bomb) == "archive_ratio"


def test_small_parts_compressed_far_are_not_judged_by_their_ratio(settings):
    archive = inflating_zip_bytes(zip_bytes("xl/workbook.xml"), "xl/styles.xml", 512 * 1024)

    assert refusal_code(check_zip_archive, archive) is None


def test_an_archive_with_too_many_members_is_refused(settings):
    settings.JIYUAN_MAX_ZIP_MEMBERS = 10

    assert refusal_code(check_zip_archive, zip_bytes(*(f"m{i}" for i in range(11)))) == (
        "archive_too_many_members"
    )


def test_the_archive_check_passes_what_is_not_a_zip_and_rewinds_a_file():
    upload = io.BytesIO(zip_bytes("word/document.xml"))
    upload.seek(7)

    assert refusal_code(check_zip_archive, b"not a zip") is None
    assert refusal_code(check_zip_archive, upload) is None
    assert upload.tell() == 0


def test_a_program_inside_an_archive_is_refused_by_its_name_or_its_content():
    named = with_members(zip_bytes("word/document.xml"), {"word/a.EXE": b"text"})
    disguised = with_members(zip_bytes("word/document.xml"), {"word/a.xml": b"MZ\x90\x00"})

    assert refusal_code(check_zip_archive, named) == "archive_executable"
    assert refusal_code(check_zip_archive, disguised) == "archive_executable"


def test_a_pdf_with_javascript_is_refused_and_a_plain_one_passes():
    assert refusal_code(check_pdf, pdf_bytes()) is None
    assert (
        refusal_code(check_pdf, pdf_bytes().replace(b"/Pages 2 0 R", b"/Pages 2 0 R /JS 3 0 R"))
        == "pdf_active_content"
    )
