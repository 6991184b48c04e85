"""Checks of uploaded files: their size, what a zip archive (.xlsx, .docx) holds, whether
it is a zip bomb or carries programs or macros, and whether a PDF holds active content."""

import io
import re
import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def upload_limit_exceeded(size: int) -> int | None:
    """``JIYUAN_MAX_UPLOAD_BYTES`` when ``size`` (in bytes) is over it, else None.

    The caller words the refusal, since an evidence form, the admin and the command line
    each say it in their own way; the limit is returned for that message.
    """
    limit = settings.JIYUAN_MAX_UPLOAD_BYTES
    return limit if size > limit else None


def zip_contains(source, member: str) -> bool:
    """Whether ``source`` (bytes or a file) is a zip archive holding ``member``.

    A ``member`` ending in ``/`` is a folder: any file in it counts (``"xl/"``).
    A file is read from its start and left at its start. Judging by the content, not the
    name, refuses a renamed file; a damaged or non-zip file is simply ``False``.
    """
    is_file = not isinstance(source, bytes)
    try:
        if is_file:
            source.seek(0)
        with zipfile.ZipFile(source if is_file else io.BytesIO(source)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        if is_file:
            source.seek(0)
    if member.endswith("/"):
        return any(name.startswith(member) for name in names)
    return member in names


# --- Zip archives (.xlsx, .docx and every Office Open XML file) ------------------------------

# An archive member smaller than this is never judged by its ratio: tiny XML parts of a real
# document compress far, and cannot inflate to anything that hurts.
_RATIO_FLOOR = 1024 * 1024

# Members that run code when opened or double-clicked: never part of a document.
EXECUTABLE_SUFFIXES = frozenset(
    {
        ".apk",
        ".app",
        ".bat",
        ".cmd",
        ".com",
        ".cpl",
        ".dll",
        ".exe",
        ".hta",
        ".jar",
        ".js",
        ".jse",
        ".lnk",
        ".msi",
        ".msp",
        ".pif",
        ".ps1",
        ".py",
        ".scr",
        ".sh",
        ".so",
        ".sys",
        ".vb",
        ".vbe",
        ".vbs",
        ".wsf",
        ".wsh",
    }
)
# Magic numbers of executables: Windows (MZ), Linux (ELF), macOS (Mach-O), Java classes.
EXECUTABLE_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"\xca\xfe\xba\xbe",
    b"\xcf\xfa\xed\xfe",
    b"\xce\xfa\xed\xfe",
)
# An OLE object holding a packaged file (Word's 插入对象 → 包): how an .exe rides in a .docx.
_OLE_PACKAGE = "Ole10Native".encode("utf-16-le")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _refuse(message, code, **params):
    raise ValidationError(message, code=code, params=params)


def check_zip_archive(source, name: str) -> None:
    """Refuse a zip archive that is a zip bomb or carries executables or macros.

    Judged from the archive's directory before any member is inflated: the total
    uncompressed size (``JIYUAN_MAX_UNZIPPED_BYTES``), the number of members
    (``JIYUAN_MAX_ZIP_MEMBERS``) and the compression ratio of the whole and of each member
    (``JIYUAN_MAX_ZIP_RATIO``). Only then are the members looked into, a few bytes each (the
    sizes are now known to be bounded, and ``zipfile`` never inflates past a member's declared
    size): executables by name or magic number, VBA macros and ActiveX controls, and OLE
    objects that package a file. Raises ``ValidationError`` naming ``name``; what is not a
    zip archive at all passes, for the type check to refuse.
    ``source`` is bytes or a file, read from its start and left at its start.
    """
    is_file = not isinstance(source, bytes)
    if is_file:
        source.seek(0)
    try:
        archive = zipfile.ZipFile(source if is_file else io.BytesIO(source))
    except (zipfile.BadZipFile, OSError, ValueError):
        if is_file:
            source.seek(0)
        return
    try:
        with archive:
            _check_sizes(archive.infolist(), name)
            _check_members(archive, name)
    finally:
        if is_file:
            source.seek(0)


def _check_sizes(infos, name):
    if len(infos) > settings.JIYUAN_MAX_ZIP_MEMBERS:
        _refuse(
            _(
                "“%(name)s” holds %(count)s files inside; at most %(limit)s are accepted. "
                "It is not an ordinary document."
            ),
            "archive_too_many_members",
            name=name,
            count=len(infos),
            limit=settings.JIYUAN_MAX_ZIP_MEMBERS,
        )
    total = sum(info.file_size for info in infos)
    limit = settings.JIYUAN_MAX_UNZIPPED_BYTES
    if total > limit:
        _refuse(
            _(
                "“%(name)s” would unpack to %(size)s; at most %(limit)s are accepted. "
                "It may be a zip bomb; save the document again in Office or WPS and upload "
                "that copy."
            ),
            "archive_too_large",
            name=name,
            size=filesizeformat(total),
            limit=filesizeformat(limit),
        )
    ratio = settings.JIYUAN_MAX_ZIP_RATIO
    compressed = sum(info.compress_size for info in infos)
    members = [(info.file_size, info.compress_size) for info in infos]
    for size, packed in [(total, compressed), *members]:
        if size > _RATIO_FLOOR and size > ratio * max(packed, 1):
            _refuse(
                _(
                    "“%(name)s” is compressed more than %(ratio)s times (%(packed)s unpack "
                    "to %(size)s), far more than a real document. It may be a zip bomb; save "
                    "the document again in Office or WPS and upload that copy."
                ),
                "archive_ratio",
                name=name,
                ratio=ratio,
                packed=filesizeformat(packed),
                size=filesizeformat(size),
            )


def _check_members(archive, name):
    for info in archive.infolist():
        if info.is_dir():
            continue
        member = info.filename.replace("\\", "/")
        lower = member.lower()
        base = lower.rsplit("/", 1)[-1]
        if base in ("vbaproject.bin", "vbadata.xml") or "/activex/" in f"/{lower}":
            _refuse(
                _(
                    "“%(name)s” contains macros or ActiveX controls (%(member)s), which are "
                    "not accepted; save it as a document without macros (.docx, .xlsx)."
                ),
                "archive_macro",
                name=name,
                member=member,
            )
        if "." in base and "." + base.rsplit(".", 1)[-1] in EXECUTABLE_SUFFIXES:
            _refuse_executable(name, member)
        with archive.open(info) as opened:
            head = opened.read(8)
            if head.startswith(EXECUTABLE_MAGIC):
                _refuse_executable(name, member)
            if head.startswith(_OLE2) and _OLE_PACKAGE in head + opened.read():
                _refuse_executable(name, member)
        if lower == "[content_types].xml":
            with archive.open(info) as opened:
                types = opened.read().lower()
            if b"macroenabled" in types or b"vbaproject" in types:
                _refuse(
                    _(
                        "“%(name)s” contains macros or ActiveX controls (%(member)s), which "
                        "are not accepted; save it as a document without macros (.docx, "
                        ".xlsx)."
                    ),
                    "archive_macro",
                    name=name,
                    member=member,
                )


def _refuse_executable(name, member):
    _refuse(
        _(
            "“%(name)s” carries a program or an embedded file (%(member)s), which is not "
            "accepted; remove it from the document and upload it again."
        ),
        "archive_executable",
        name=name,
        member=member,
    )


# --- PDF ------------------------------------------------------------------------------------

# Names that make a reader act on its own: run JavaScript, launch a program, open an embedded
# file, submit or fetch data, on opening (/OpenAction) or on events (/AA). A scanned or printed
# report has none of them.
_PDF_ACTIVE = re.compile(
    rb"/(OpenAction|AA|JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|SubmitForm|ImportData"
    rb"|GoToE|XFA)(?=[\s()<>\[\]{}/%]|$)"
)
_PDF_HEADER = re.compile(rb"%PDF-\d\.\d")
_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Markup a browser would render as a page (PDF syntax never has it outside its streams).
_HTML = re.compile(
    rb"<\s*(!doctype|html|head|body|script|iframe|frame|svg|object|embed|meta)\b", re.I
)


def _pdf_names(text: bytes) -> bytes:
    """``/J#61vaScript`` is ``/JavaScript``: undo the escapes a name may be written with."""
    return _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), text)


def _read_all(source) -> bytes:
    """All of ``source`` (bytes, or a file left at its start afterwards)."""
    if isinstance(source, bytes):
        return source
    source.seek(0)
    data = source.read()
    source.seek(0)
    return data


def check_pdf(source, name: str) -> None:
    """Refuse a PDF with active content, or a file that starts ``%PDF-`` but is a web page.

    The whole file is read (it is within ``JIYUAN_MAX_UPLOAD_BYTES``): the text outside the
    streams, and the compressed object streams (``/ObjStm``) where a PDF 1.5 file keeps its
    dictionaries, inflated up to ``JIYUAN_MAX_UNZIPPED_BYTES`` in all. Raises
    ``ValidationError`` naming ``name``. ``source`` is bytes or a file left at its start.
    """
    data = _read_all(source)
    if not _PDF_HEADER.match(data):
        _refuse(
            _("The content of “%(name)s” is not a PDF document."),
            "content_mismatch",
            name=name,
        )
    outside = _PDF_STREAM.sub(b"stream endstream", data)
    if _HTML.search(outside):
        _refuse(
            _("The content of “%(name)s” is not a PDF document: it holds web page code (HTML)."),
            "content_mismatch",
            name=name,
        )
    texts = [_pdf_names(outside)]
    budget = settings.JIYUAN_MAX_UNZIPPED_BYTES
    for match in _PDF_STREAM.finditer(data):
        dictionary = data[max(0, match.start() - 1024) : match.start()].rsplit(b"obj", 1)[-1]
        if b"/ObjStm" not in _pdf_names(dictionary) or budget <= 0:
            continue
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(match.group(1), budget)
        except zlib.error:
            continue
        budget -= len(inflated)
        texts.append(_pdf_names(inflated))
    for text in texts:
        if found := _PDF_ACTIVE.search(text):
            _refuse(
                _(
                    "“%(name)s” contains active content (%(what)s: scripts, automatic "
                    "actions or embedded files), which is not accepted; print it to a new PDF "
                    "or scan it, and upload that copy."
                ),
                "pdf_active_content",
                name=name,
                what="/" + found.group(1).decode(),
            )


# --- Word 97, Excel 97, WPS and ET documents (OLE2 compound files) ---------------------------

_OLE_MACROS = "_VBA_PROJECT".encode("utf-16-le")


def check_ole2(source, name: str) -> None:
    """Refuse an OLE2 document (.doc, .xls, .wps, .et) with VBA macros or a packaged file.

    Both are streams named in the compound file's directory (``_VBA_PROJECT``,
    ``Ole10Native``), so the whole file (within ``JIYUAN_MAX_UPLOAD_BYTES``) is searched for
    their names. Raises ``ValidationError`` naming ``name``.
    """
    data = _read_all(source)
    if _OLE_MACROS in data:
        _refuse(
            _(
                "“%(name)s” contains macros or ActiveX controls (%(member)s), which are "
                "not accepted; save it as a document without macros (.docx, .xlsx)."
            ),
            "archive_macro",
            name=name,
            member="_VBA_PROJECT",
        )
    if _OLE_PACKAGE in data:
        _refuse_executable(name, "Ole10Native")
