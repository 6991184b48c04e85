"""Check uploaded evidence files by their content, not only by their name.

Each allowed type names the extensions it may carry and a test of the file's first bytes
(and, for Office Open XML, of the zip's contents), so a renamed executable is refused. Then
the whole content is checked (``jiyuan_portal.utils.files``): a zip archive before it is
opened (a zip bomb; programs or macros inside), a PDF for active content (JavaScript,
automatic actions, embedded files) or web page code, an OLE2 document for macros and
packaged programs.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from jiyuan_portal.utils.files import (
    check_ole2,
    check_pdf,
    check_zip_archive,
    upload_limit_exceeded,
    zip_contains,
)

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97, Excel 97, WPS and ET documents
ZIP = b"PK\x03\x04"  # Office Open XML documents


@dataclass(frozen=True)
class FileType:
    code: str
    mime_type: str
    extensions: tuple[str, ...]
    magic: bytes
    zip_prefix: str = ""

    def matches(self, head: bytes, upload) -> bool:
        if not head.startswith(self.magic):
            return False
        return not self.zip_prefix or zip_contains(upload, self.zip_prefix)


FILE_TYPES = {
    file_type.code: file_type
    for file_type in (
        FileType("pdf", "application/pdf", (".pdf",), b"%PDF-"),
        FileType("jpeg", "image/jpeg", (".jpg", ".jpeg"), b"\xff\xd8\xff"),
        FileType("png", "image/png", (".png",), b"\x89PNG\r\n\x1a\n"),
        FileType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
            ZIP,
            "word/",
        ),
        FileType(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (".xlsx",),
            ZIP,
            "xl/",
        ),
        FileType("doc", "application/msword", (".doc",), OLE2),
        FileType("xls", "application/vnd.ms-excel", (".xls",), OLE2),
        FileType("wps", "application/vnd.ms-works", (".wps",), OLE2),
        FileType("et", "application/vnd.ms-excel", (".et",), OLE2),
    )
}


def allowed_types(codes=None) -> list[FileType]:
    """The types of ``codes`` (``FILE_TYPES`` keys), by default the evidence files'."""
    return [FILE_TYPES[code] for code in codes or settings.JIYUAN_EVIDENCE_TYPES]


def allowed_extensions(codes=None) -> list[str]:
    return sorted({ext for file_type in allowed_types(codes) for ext in file_type.extensions})


def stored_extension(name: str, mime_type: str) -> str:
    """The extension to store a checked file under: its own when its type allows it
    (``.jpeg`` stays ``.jpeg``), else the first of its type's; ``""`` for an unknown type."""
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    types = [t for t in FILE_TYPES.values() if t.mime_type == mime_type]
    if any(extension in t.extensions for t in types):
        return extension
    return types[0].extensions[0] if types else ""


def check_upload_size(upload) -> None:
    """Refuse an upload over ``JIYUAN_MAX_UPLOAD_BYTES``, naming the file and both sizes."""
    if (limit := upload_limit_exceeded(upload.size)) is not None:
        raise ValidationError(
            _("“%(name)s” is %(size)s; files may be at most %(limit)s."),
            code="too_large",
            params={
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
        )


def check_evidence_file(upload, types=None) -> FileType:
    """Return the file's type, or raise ValidationError naming the file and the problem.
    ``types``: the codes of the types allowed, by default the evidence files'."""
    name = upload.name
    check_upload_size(upload)
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    candidates = [t for t in allowed_types(types) if extension in t.extensions]
    if not candidates:
        raise ValidationError(
            _("“%(name)s” is not an allowed type; allowed: %(allowed)s."),
            code="type_not_allowed",
            params={"name": name, "allowed": "、".join(allowed_extensions(types))},
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(ZIP):
        check_zip_archive(upload, name)  # before anything inflates a member
    for file_type in candidates:
        if file_type.matches(head, upload):
            if file_type.magic == b"%PDF-":
                check_pdf(upload, name)
            elif file_type.magic == OLE2:
                check_ole2(upload, name)
            return file_type
    raise ValidationError(
        _("The content of “%(name)s” is not a %(extension)s file."),
        code="content_mismatch",
        params={"name": name, "extension": extension},
    )
