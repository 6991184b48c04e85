"""Reading the town target table: a workbook as published (a title row, a merged two-row
header, a 合计 row, then one row per town) or as a plain table (a single header row)
becomes a flat ``tablib.Dataset`` with one row per town, which ``TownTargetResource``
imports. Columns are found by their header text, not by position; towns through their
aliases (``Town.objects.match``). Every problem of the file is collected before anything
is refused, so an admin fixes the whole file at once.
"""

import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jiyuan_portal.tracking.models import Town
from jiyuan_portal.utils.files import check_zip_archive, upload_limit_exceeded, zip_contains
from jiyuan_portal.utils.numbers import plain_decimal
from jiyuan_portal.utils.text import half_width, without_spaces

from .columns import (
    DATASET_HEADERS,
    INDUSTRIAL_INVESTMENT,
    PUBLISHED_HEADERS,
    REFORM_ENTERPRISES,
    REFORM_INVESTMENT,
    TOWN,
    VALUE_COLUMNS,
)

_TOTAL_LABELS = {"合计", "总计", "全市", "全市合计"}
_NOTE_PREFIXES = ("注", "备注", "说明")

_DECIMAL_PLACES = Decimal("0.0001")  # as the model stores them
_MAX_VALUE = Decimal("1000000")  # max_digits=10, decimal_places=4
_MAX_ROWS = 1000  # a town table has 20 rows; more is not this table
_MAX_COLUMNS = 50
_YEAR = re.compile(r"(20\d\d)\s*年")
_UNIT = re.compile(r"\((亿元|万元|元|家|个|户)\)|单位:?(亿元|万元|家|个)")


def normalise_header(text) -> str:
    """A header cell reduced to what identifies its column.

    Line breaks, spaces (also full-width), full-width brackets, units and a leading year
    are dropped: ``"工业投资\\n（亿元）"`` and ``"2017年工业投资"`` both become ``"工业投资"``.
    """
    if text is None:
        return ""
    text = half_width(without_spaces(text))
    text = _UNIT.sub("", text)
    return _YEAR.sub("", text)


def column_of(header: str) -> str | None:
    """Which column of the flat dataset a normalised header names, if any."""
    if not header:
        return None
    if "投资" in header:
        return (
            REFORM_INVESTMENT
            if ("技改" in header or "技术改造" in header)
            else (INDUSTRIAL_INVESTMENT)
        )
    if "企" in header:
        return REFORM_ENTERPRISES
    if any(word in header for word in ("地区", "乡镇", "镇办", "镇街", "单位", "区域")):
        return TOWN
    return None


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _flat(header: str) -> str:
    return header.replace("\n", "")


def _display(value) -> str:
    """A cell value as the admin typed it, for messages."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass
class Problem:
    """One thing wrong with the file; ``message`` already names row, column and value."""

    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None


class TownTableError(Exception):
    """The file is refused as a whole; ``messages`` lists every problem found."""

    def __init__(self, problems: list[Problem], file_name: str = ""):
        self.problems = problems
        self.file_name = file_name
        super().__init__("\n".join(self.messages))

    @property
    def messages(self) -> list[str]:
        prefix = f"{self.file_name}: " if self.file_name else ""
        return [f"{prefix}{problem.message}" for problem in self.problems]

    def __str__(self):
        return "\n".join(self.messages)


@dataclass
class TownTable:
    """What a workbook says: its year, its town rows and its 合计 row (if it has one)."""

    year: int
    rows: list[dict] = field(default_factory=list)  # town, row, and one value per column
    total: dict | None = None

    def as_dataset(self) -> tablib.Dataset:
        dataset = tablib.Dataset(headers=DATASET_HEADERS)
        for row in self.rows:
            dataset.append([row[TOWN].name, self.year, *(row[column] for column in VALUE_COLUMNS)])
        return dataset


def check_xlsx(data: bytes, file_name: str = "") -> None:
    """Refuse what is too large, a zip bomb, carries programs or macros, or is not an .xlsx
    workbook, judged by its content and before openpyxl inflates anything."""
    if (limit := upload_limit_exceeded(len(data))) is not None:
        raise TownTableError(
            [
                Problem(
                    _("The file is %(size)s bytes; at most %(limit)s bytes are accepted.")
                    % {"size": len(data), "limit": limit}
                )
            ],
            file_name,
        )
    try:
        check_zip_archive(data, file_name or _("the workbook"))
    except ValidationError as error:
        raise TownTableError([Problem(message) for message in error.messages]) from error
    if not is_xlsx(data):
        raise TownTableError([Problem(_("The file is not an Excel workbook (.xlsx)."))], file_name)


def is_xlsx(data_or_file) -> bool:
    """An .xlsx workbook is a zip archive with ``xl/workbook.xml`` in it."""
    return zip_contains(data_or_file, "xl/workbook.xml")


def _sheet_rows(data: bytes, file_name: str) -> list[list]:
    """The values of the first sheet that has any, starting with the active one."""
    import openpyxl

    check_xlsx(data, file_name)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise TownTableError(
            [Problem(_("The file is not an Excel workbook (.xlsx)."))], file_name
        ) from error
    try:
        sheets = [workbook.active, *(ws for ws in workbook.worksheets if ws != workbook.active)]
        for sheet in sheets:
            if sheet is None or not hasattr(sheet, "iter_rows"):
                continue
            rows = []
            for values in sheet.iter_rows(max_col=_MAX_COLUMNS, values_only=True):
                rows.append(list(values))
                if len(rows) > _MAX_ROWS:
                    raise TownTableError(
                        [
                            Problem(
                                _("The sheet has more than %(max)s rows; it is not a town table.")
                                % {"max": _MAX_ROWS}
                            )
                        ],
                        file_name,
                    )
            while rows and all(_is_blank(value) for value in rows[-1]):
                rows.pop()
            if rows:
                width = max(len(row) for row in rows)
                return [row + [None] * (width - len(row)) for row in rows]
    finally:
        workbook.close()
    raise TownTableError([Problem(_("The workbook is empty."))], file_name)


def _find_header(rows: list[list]) -> tuple[int, int, dict[str, int], dict[str, str]] | None:
    """(first header row, last header row, column -> index, column -> header as written).

    The header starts at the first row naming the town column or two value columns and
    goes on while rows name columns and hold no numbers (a merged two-row header).
    """
    for start, values in enumerate(rows):
        found = [column_of(normalise_header(value)) for value in values]
        if TOWN not in found and len({c for c in found if c}) < 2:
            continue
        end = start
        while end + 1 < len(rows):
            following = rows[end + 1]
            if any(isinstance(v, int | float | Decimal) for v in following):
                break
            if not any(column_of(normalise_header(v)) for v in following):
                break
            if any(without_spaces(v) in _TOTAL_LABELS for v in following):
                break
            end += 1
        indexes, written = {}, {}
        for index in range(len(values)):
            # The lowest header cell that names a column decides (a group header such
            # as 技术改造2017年目标 above it names none).
            for row in range(end, start - 1, -1):
                text = rows[row][index]
                column = column_of(normalise_header(text))
                if column:
                    indexes.setdefault(column, index)
                    name = re.sub(r"\s+", "", str(text))
                    if column == TOWN and name.startswith("指标") and len(name) > 2:
                        name = name[2:]  # the diagonal 指标/地区 corner cell
                    written.setdefault(column, name)
                    break
        return start, end, indexes, written
    return None


def parse_number(value) -> Decimal | None:
    """A cell as a Decimal: numbers, or numeric text (full-width digits, thousands commas).

    Returns None for a blank cell and raises ``ValueError`` for anything else.
    """
    if _is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    elif isinstance(value, str):
        text = half_width(without_spaces(value)).replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation as error:
            raise ValueError(value) from error
    else:
        raise ValueError(value)
    if not number.is_finite():
        raise ValueError(value)
    return number


def read_town_table(data: bytes, file_name: str = "", year: int | None = None) -> TownTable:
    """Read and check a workbook; raise ``TownTableError`` listing every problem.

    ``year`` (from ``--year``) is used when the title and header name none, and must
    agree with them when they do.
    """
    rows = _sheet_rows(data, file_name)
    header = _find_header(rows)
    expected = "、".join(f"«{_flat(text)}»" for text in PUBLISHED_HEADERS.values())
    if header is None:
        raise TownTableError(
            [
                Problem(
                    _("No header row with the columns %(columns)s was found.")
                    % {"columns": expected}
                )
            ],
            file_name,
        )
    _start, end, indexes, written = header
    problems = []
    for column in (TOWN, *VALUE_COLUMNS):
        if column not in indexes:
            name = _flat(PUBLISHED_HEADERS[column])
            problems.append(
                Problem(_("The column «%(column)s» is missing.") % {"column": name}, column=name)
            )
    if problems:
        raise TownTableError(problems, file_name)

    # The year: from the title and header rows, else from the caller.
    years = sorted(
        {
            int(match)
            for values in rows[: end + 1]
            for v in values
            for match in _YEAR.findall(without_spaces(v))
        }
    )
    if len(years) > 1:
        problems.append(
            Problem(
                _("The title and header name more than one year: %(years)s.")
                % {"years": "、".join(map(str, years))}
            )
        )
    elif years and year is not None and years[0] != int(year):
        problems.append(
            Problem(
                _("The table is for %(file_year)s but the year %(year)s was asked for.")
                % {"file_year": years[0], "year": year}
            )
        )
    elif not years and year is None:
        problems.append(
            Problem(
                _(
                    "The year is not in the title or header (e.g. 技术改造2017年目标); "
                    "write it there or give --year."
                )
            )
        )
    table_year = years[0] if years else (int(year) if year is not None else 0)

    towns = Town.objects.alias_map()  # one query for every row
    table = TownTable(year=table_year)
    first_row_of = {}
    value_problem_columns = set()
    sums = dict.fromkeys(VALUE_COLUMNS, Decimal(0))
    town_name = written[TOWN]
    for offset, values in enumerate(rows[end + 1 :], start=end + 2):
        cells = {column: values[index] for column, index in indexes.items()}
        if all(_is_blank(value) for value in values):
            continue
        label = without_spaces(cells[TOWN])
        if label.startswith(_NOTE_PREFIXES) and all(_is_blank(cells[c]) for c in VALUE_COLUMNS):
            continue  # a footnote under the table
        entry = {"row": offset}
        row_ok = True
        is_total = label in _TOTAL_LABELS
        if not is_total:
            town = Town.objects.match(label, towns) if label else None
            if town is None:
                row_ok = False
                problems.append(
                    Problem(
                        _("Row %(row)s, column «%(column)s»: unknown town «%(value)s».")
                        % {"row": offset, "column": town_name, "value": _display(cells[TOWN])}
                        if label
                        else _("Row %(row)s, column «%(column)s»: the town is missing.")
                        % {"row": offset, "column": town_name},
                        row=offset,
                        column=town_name,
                        value=label,
                    )
                )
            elif town.pk in first_row_of:
                row_ok = False
                problems.append(
                    Problem(
                        _(
                            "Row %(row)s, column «%(column)s»: «%(value)s» is the same town "
                            "as row %(first)s."
                        )
                        % {
                            "row": offset,
                            "column": town_name,
                            "value": _display(cells[TOWN]),
                            "first": first_row_of[town.pk],
                        },
                        row=offset,
                        column=town_name,
                        value=label,
                    )
                )
            else:
                first_row_of[town.pk] = offset
            entry[TOWN] = town
        for column in VALUE_COLUMNS:
            problem = None
            name = written[column]
            raw = cells[column]
            where = {"row": offset, "column": name, "value": _display(raw)}
            try:
                number = parse_number(raw)
            except ValueError:
                number = None
                problem = _("Row %(row)s, column «%(column)s»: «%(value)s» is not a number.")
            else:
                if number is None:
                    problem = _("Row %(row)s, column «%(column)s»: the value is missing.")
                elif number < 0:
                    problem = _("Row %(row)s, column «%(column)s»: «%(value)s» is negative.")
                elif number >= _MAX_VALUE:
                    problem = _("Row %(row)s, column «%(column)s»: «%(value)s» is too large.")
                elif column == REFORM_ENTERPRISES and number != number.to_integral_value():
                    problem = _(
                        "Row %(row)s, column «%(column)s»: «%(value)s» is not a whole number."
                    )
            if problem:
                row_ok = False
                value_problem_columns.add(column)
                problems.append(
                    Problem(problem % where, row=offset, column=name, value=where["value"])
                )
                continue
            if column == REFORM_ENTERPRISES:
                entry[column] = int(number)
            else:
                entry[column] = number.quantize(_DECIMAL_PLACES, rounding=ROUND_HALF_UP)
            if not is_total:
                sums[column] += entry[column]
        if is_total:
            if table.total is not None:
                problems.append(
                    Problem(
                        _("Row %(row)s: a second 合计 row (the first is row %(first)s).")
                        % {"row": offset, "first": table.total["row"]},
                        row=offset,
                    )
                )
            else:
                table.total = entry
        elif row_ok:
            table.rows.append(entry)

    if not problems and not table.rows:
        problems.append(Problem(_("The workbook has no town rows below the header.")))

    # The 合计 row must be the sum of the towns, column by column.
    if table.total is not None:
        for column in VALUE_COLUMNS:
            if column in value_problem_columns:
                continue
            computed = sums[column]
            stated = Decimal(table.total[column])
            if computed != stated:
                problems.append(
                    Problem(
                        _(
                            "Row %(row)s (合计), column «%(column)s»: the total says %(total)s "
                            "but the towns add up to %(sum)s."
                        )
                        % {
                            "row": table.total["row"],
                            "column": written[column],
                            "total": f"{plain_decimal(stated):f}",
                            "sum": f"{plain_decimal(computed):f}",
                        },
                        row=table.total["row"],
                        column=written[column],
                        value=f"{plain_decimal(stated):f}",
                    )
                )
    if problems:
        problems.sort(key=lambda problem: problem.row or 0)
        raise TownTableError(problems, file_name)
    return table


def read_town_dataset(data: bytes, file_name: str = "", year: int | None = None):
    """The flat dataset ``TownTargetResource`` imports; see ``read_town_table``."""
    return read_town_table(data, file_name=file_name, year=year).as_dataset()
