import io
import zipfile

from jiyuan_portal.utils.files import upload_limit_exceeded, zip_contains


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
