"""The text of a notice uploaded as a file: plain text (UTF-8, or GB18030 as Chinese
Windows saves it) or a Word document (.docx, checked like every Office file before it is
opened). What is refused is refused with the file's name and the reason."""

import docx
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from docx.table import Table

from jiyuan_portal.reporting.uploads import check_evidence_file, check_upload_size
from jiyuan_portal.tracking.drafting.tables import table_lines

ENCODINGS = ("utf-8-sig", "gb18030")


def _plain_text(upload) -> str:
    check_upload_size(upload)
    upload.seek(0)
    content = upload.read()
    if b"\x00" in content:
        raise ValidationError(
            _("“%(name)s” is not a text file."), code="not_text", params={"name": upload.name}
        )
    for encoding in ENCODINGS:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(
        _("“%(name)s” is neither UTF-8 nor GB18030 text; save it as UTF-8 and try again."),
        code="encoding",
        params={"name": upload.name},
    )


def _word_text(upload) -> str:
    check_evidence_file(upload, types=("docx",))  # size, content, zip bombs, macros
    upload.seek(0)
    document = docx.Document(upload)
    lines = []
    for block in document.iter_inner_content():  # paragraphs and tables, in reading order
        if isinstance(block, Table):
            lines.extend(table_lines([_cells(row) for row in block.rows]))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _cells(row) -> list[str]:
    """A row's cells' text, a merged cell once (python-docx lists it per column it spans)."""
    seen, cells = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append("\n".join(paragraph.text for paragraph in cell.paragraphs).strip())
    return cells


def text_of_upload(upload) -> str:
    """The text of an uploaded .txt or .docx file, or ValidationError saying what is wrong."""
    name = upload.name.lower()
    if name.endswith(".txt"):
        text = _plain_text(upload)
    elif name.endswith(".docx"):
        text = _word_text(upload)
    else:
        raise ValidationError(
            _("“%(name)s” is not an allowed type; allowed: %(allowed)s."),
            code="type_not_allowed",
            params={"name": upload.name, "allowed": ".txt、.docx"},
        )
    if not text.strip():
        raise ValidationError(
            _("“%(name)s” holds no text."), code="empty", params={"name": upload.name}
        )
    return text
