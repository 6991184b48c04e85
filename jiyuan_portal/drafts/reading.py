"""The text of a notice uploaded as a file: plain text (UTF-8, or GB18030 as Chinese
Windows saves it) or a Word document (.docx, checked like every Office file before it is
opened). What is refused is refused with the file's name and the reason."""

import docx
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from docx.table import Table

from jiyuan_portal.reporting.uploads import check_evidence_file
from jiyuan_portal.utils.files import upload_limit_exceeded

ENCODINGS = ("utf-8-sig", "gb18030")


def _plain_text(upload) -> str:
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
            lines.extend(_table_lines([_cells(row) for row in block.rows]))
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


# The columns of a 任务分解 table, by the words of their heading, and how each is written
# as a line of text the drafter reads (``tracking.drafting.structure``).
TASK_COLUMNS = (("工作任务", "task"), ("重点任务", "task"), ("任务", "task"), ("内容", "task"))
LABELLED_COLUMNS = (
    ("牵头单位", "牵头单位"),
    ("责任单位", "责任单位"),
    ("配合单位", "配合单位"),
    ("完成时限", "时间节点"),
    ("时间节点", "时间节点"),
    ("完成时间", "时间节点"),
)
NUMERALS = "一二三四五六七八九十"


def _chinese_number(number: int) -> str:
    if number <= 10:
        return NUMERALS[number - 1]
    tens, ones = divmod(number, 10)
    return f"{NUMERALS[tens - 1] if tens > 1 else ''}十{NUMERALS[ones - 1] if ones else ''}"


def _column_roles(heading: list[str]) -> dict[int, str]:
    roles = {}
    for index, text in enumerate(heading):
        for words, label in LABELLED_COLUMNS:
            if words in text:
                roles[index] = label
                break
        else:
            if any(words in text for words, _role in TASK_COLUMNS) and "task" not in roles.values():
                roles[index] = "task"
    return roles


def _table_lines(rows: list[list[str]]) -> list[str]:
    """A 任务分解 table (a heading row naming 牵头单位 or 责任单位) as the lines a notice
    would write: "(一)task", then "牵头单位:…", "责任单位:…", "时间节点:…"; any other table
    cell by cell."""
    roles = _column_roles(rows[0]) if rows else {}
    if "task" not in roles.values() or not {"牵头单位", "责任单位"} & set(roles.values()):
        return [cell for row in rows for cell in row if cell]
    lines = []
    for number, row in enumerate((r for r in rows[1:] if any(r)), start=1):
        by_role = {roles[i]: cell for i, cell in enumerate(row) if i in roles and cell}
        if "task" not in by_role:
            continue
        lines.append(f"({_chinese_number(number)}){by_role['task']}")
        lines.extend(
            f"{label}:{by_role[label]}"
            for label in ("时间节点", "牵头单位", "责任单位", "配合单位")
            if label in by_role
        )
    return lines


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
