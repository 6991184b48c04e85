"""The town target table (技术改造{year}年攻坚目标任务分解表) as an Excel workbook.

Reading turns a workbook as published (a title row, a merged two-row header, a 合计 row,
then one row per town) or as a plain table (a single header row) into a flat
``tablib.Dataset`` with one row per town, which ``TownTargetResource`` imports. Columns
are found by their header text, not by position; towns through their aliases. Every
problem of the file is collected before anything is refused, so an admin fixes the
whole file at once.

Writing produces the published layout again (``write_town_table``), so an exported
table can be edited in Excel or WPS and imported back.

``town_progress`` puts each town's targets beside the approved reform projects recorded
for it, for the technical-reform plan page.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import tablib
from django.conf import settings
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from jiyuan_portal.tracking.models import Town

# Headers of the flat dataset; also the column names of ``TownTargetResource``.
TOWN = "地区"
YEAR = "年份"
INDUSTRIAL_INVESTMENT = "工业投资(亿元)"
REFORM_INVESTMENT = "工业技改投资(亿元)"
REFORM_ENTERPRISES = "实施技改规模以上工业企业(家)"
DATASET_HEADERS = [TOWN, YEAR, INDUSTRIAL_INVESTMENT, REFORM_INVESTMENT, REFORM_ENTERPRISES]

# The model field behind each value column, in the published order.
VALUE_COLUMNS = {
    INDUSTRIAL_INVESTMENT: "industrial_investment",
    REFORM_INVESTMENT: "reform_investment",
    REFORM_ENTERPRISES: "reform_enterprises",
}
# Headers as the published table writes them (the last one with the source's own typo).
PUBLISHED_HEADERS = {
    TOWN: "指标\n\n地区",
    INDUSTRIAL_INVESTMENT: "工业投资\n(亿元)",
    REFORM_INVESTMENT: "工业技改投资\n(亿元)",
    REFORM_ENTERPRISES: "实施技改规模以上\n工业企(家)",
}
TOTAL_LABEL = "合计"
_TOTAL_LABELS = {"合计", "总计", "全市", "全市合计"}
_NOTE_PREFIXES = ("注", "备注", "说明")

_DECIMAL_PLACES = Decimal("0.0001")  # as the model stores them
_MAX_VALUE = Decimal("1000000")  # max_digits=10, decimal_places=4
_MAX_ROWS = 1000  # a town table has 20 rows; more is not this table
_MAX_COLUMNS = 50
_YEAR = re.compile(r"(20\d\d)\s*年")
_UNIT = re.compile(r"\((亿元|万元|元|家|个|户)\)|单位:?(亿元|万元|家|个)")
_FULL_WIDTH = str.maketrans(
    "\uff08\uff09\uff1a\uff0c\uff0e\uff0d" + "".join(chr(0xFF10 + d) for d in range(10)),
    "():,.-0123456789",
)


def normalise_header(text) -> str:
    """A header cell reduced to what identifies its column.

    Line breaks, spaces (also full-width), full-width brackets, units and a leading year
    are dropped: ``"工业投资\\n（亿元）"`` and ``"2017年工业投资"`` both become ``"工业投资"``.
    """
    if text is None:
        return ""
    text = re.sub(r"\s+", "", str(text).replace("\u3000", "")).translate(_FULL_WIDTH)
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


def _cell_text(value) -> str:
    return re.sub(r"\s+", "", str(value).replace("\u3000", "")) if value is not None else ""


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
    """Refuse what is too large or is not an .xlsx workbook, judged by its content."""
    limit = settings.JIYUAN_MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise TownTableError(
            [
                Problem(
                    _("The file is %(size)s bytes; at most %(limit)s bytes are accepted.")
                    % {"size": len(data), "limit": limit}
                )
            ],
            file_name,
        )
    if not is_xlsx(data):
        raise TownTableError([Problem(_("The file is not an Excel workbook (.xlsx)."))], file_name)


def is_xlsx(data_or_file) -> bool:
    """An .xlsx workbook is a zip archive with ``xl/workbook.xml`` in it."""
    source = io.BytesIO(data_or_file) if isinstance(data_or_file, bytes) else data_or_file
    try:
        with zipfile.ZipFile(source) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


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
            if any(_cell_text(v) in _TOTAL_LABELS for v in following):
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
        text = _cell_text(value).translate(_FULL_WIDTH).replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation as error:
            raise ValueError(value) from error
    else:
        raise ValueError(value)
    if not number.is_finite():
        raise ValueError(value)
    return number


def read_town_table(
    data: bytes, file_name: str = "", year: int | None = None, towns=None
) -> TownTable:
    """Read and check a workbook; raise ``TownTableError`` listing every problem.

    ``year`` (from ``--year``) is used when the title and header name none, and must
    agree with them when they do. ``towns`` is a name -> town map (``alias_map()``).
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
            for match in _YEAR.findall(_cell_text(v))
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

    towns = towns if towns is not None else Town.objects.alias_map()
    table = TownTable(year=table_year)
    first_row_of = {}
    value_problem_columns = set()
    sums = dict.fromkeys(VALUE_COLUMNS, Decimal(0))
    town_name = written[TOWN]
    for offset, values in enumerate(rows[end + 1 :], start=end + 2):
        cells = {column: values[index] for column, index in indexes.items()}
        if all(_is_blank(value) for value in values):
            continue
        label = _cell_text(cells[TOWN])
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
                            "total": format_number(stated),
                            "sum": format_number(computed),
                        },
                        row=table.total["row"],
                        column=written[column],
                        value=format_number(stated),
                    )
                )
    if problems:
        problems.sort(key=lambda problem: problem.row or 0)
        raise TownTableError(problems, file_name)
    return table


def read_town_dataset(data: bytes, file_name: str = "", year: int | None = None):
    """The flat dataset ``TownTargetResource`` imports; see ``read_town_table``."""
    return read_town_table(data, file_name=file_name, year=year).as_dataset()


def format_number(value) -> str:
    """``Decimal("6.5000")`` -> ``"6.5"``; ``Decimal("8.0000")`` -> ``"8"``."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def _excel_number(value):
    """A Decimal as Excel stores numbers: int when whole, else float."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


# -- writing ---------------------------------------------------------------------------


def write_town_table(year: int, rows) -> bytes:
    """The published layout as .xlsx bytes.

    ``rows`` are ``(town name, industrial investment, reform investment, enterprises)``
    in the order to write them; the 合计 row is computed from them and written as
    numbers (not formulas), so that it reads back without a spreadsheet program.
    """
    return write_town_tables([(year, rows)])


def write_town_tables(tables) -> bytes:
    """Several years' tables, ``[(year, rows), …]``, one sheet each; the first is active."""
    import openpyxl

    workbook = openpyxl.Workbook()
    for index, (year, rows) in enumerate(tables):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        _write_sheet(sheet, year, list(rows))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _write_sheet(sheet, year, rows):
    from openpyxl.styles import Alignment, Border, Font, Side

    sheet.title = f"{year}"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    sheet.append([f"技术改造{year}年攻坚目标任务分解表", None, None, None])
    sheet.append([PUBLISHED_HEADERS[TOWN], f"技术改造{year}年目标", None, None])
    sheet.append([None, *(PUBLISHED_HEADERS[c] for c in VALUE_COLUMNS)])
    totals = [sum((Decimal(row[i]) for row in rows), Decimal(0)) for i in (1, 2, 3)]
    sheet.append([TOTAL_LABEL, *(_excel_number(v) for v in totals)])
    for name, *values in rows:
        sheet.append([name, *(_excel_number(v) for v in values)])

    sheet.merge_cells("A1:D1")
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:D2")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = centre
    sheet.row_dimensions[1].height = 28
    sheet.row_dimensions[2].height = 22
    sheet.row_dimensions[3].height = 36
    for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row, max_col=4):
        for cell in row:
            cell.border = border
            cell.alignment = centre
            if cell.row <= 4:
                cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 12
    for letter in "BCD":
        sheet.column_dimensions[letter].width = 16


def export_town_targets(year: int) -> bytes:
    """The year's town targets in the published layout, towns in the published order."""
    from .models import TownTarget

    targets = (
        TownTarget.objects.filter(year=year)
        .select_related("town")
        .order_by("town__order", "town__name")
    )
    return write_town_table(
        year,
        [
            (t.town.name, t.industrial_investment, t.reform_investment, t.reform_enterprises)
            for t in targets
        ],
    )


# -- the plan page ---------------------------------------------------------------------


@dataclass
class TownProgress:
    """A town's targets beside what its approved reform projects add up to."""

    town: Town | None
    industrial_investment: Decimal | None = None
    reform_investment: Decimal | None = None
    reform_enterprises: int | None = None
    actual_investment: Decimal = Decimal(0)
    actual_enterprises: int = 0
    actual_projects: int = 0

    @staticmethod
    def _share(actual, target):
        if not target:
            return None
        return (Decimal(actual) * 100 / Decimal(target)).quantize(Decimal("0.1"))

    @property
    def investment_share(self):
        """Per cent of the technical-reform investment target reached, or None."""
        return self._share(self.actual_investment, self.reform_investment)

    @property
    def enterprises_share(self):
        return self._share(self.actual_enterprises, self.reform_enterprises)


@dataclass
class TownProgressTable:
    year: int
    rows: list[TownProgress]
    total: TownProgress
    plan_investment: object = None  # the plan's own Target rows for the year, if any
    plan_enterprises: object = None

    @property
    def plan_investment_share(self):
        if self.plan_investment is None:
            return None
        return TownProgress._share(self.total.actual_investment, self.plan_investment.value)

    @property
    def plan_enterprises_share(self):
        if self.plan_enterprises is None:
            return None
        return TownProgress._share(self.total.actual_enterprises, self.plan_enterprises.value)


def _plan_target(plan, year, code, unit, words):
    """The plan's target by its code, else by unit and indicator wording."""
    from jiyuan_portal.tracking.models import Target

    targets = list(Target.objects.filter(plan=plan, year=year, unit=unit))
    for target in targets:
        if target.code == code:
            return target
    for target in targets:
        if all(word in target.indicator for word in words) and target.kind != "share":
            return target
    return None


def town_progress(year: int | None = None, plan=None) -> TownProgressTable:
    """Each town's targets for ``year`` beside its actuals, in a constant number of queries.

    The actuals are the approved reform projects recorded for the town in that year: the
    sum of their investment, and the number of distinct enterprises carrying them out. Towns
    appear in the published order when they have a target or a recorded project.
    ``year`` defaults to the latest year with town targets (2017 if there are none).
    """
    from .models import ReformProject, TownTarget

    if year is None:
        latest = TownTarget.objects.order_by("-year").values_list("year", flat=True).first()
        year = latest or 2017
    targets = {t.town_id: t for t in TownTarget.objects.filter(year=year)}
    projects = ReformProject.objects.approved().filter(year=year)
    actuals = {
        row["town"]: row
        for row in projects.values("town")
        .annotate(
            investment=Sum("investment"),
            enterprises=Count("enterprise", distinct=True),
            projects=Count("id"),
        )
        .order_by()
    }
    rows = []
    total = TownProgress(
        town=None,
        industrial_investment=Decimal(0),
        reform_investment=Decimal(0),
        reform_enterprises=0,
    )
    for town in Town.objects.filter(pk__in={*targets, *actuals}).order_by("order", "name"):
        target = targets.get(town.pk)
        actual = actuals.get(town.pk, {})
        row = TownProgress(
            town=town,
            industrial_investment=target.industrial_investment if target else None,
            reform_investment=target.reform_investment if target else None,
            reform_enterprises=target.reform_enterprises if target else None,
            actual_investment=actual.get("investment") or Decimal(0),
            actual_enterprises=actual.get("enterprises") or 0,
            actual_projects=actual.get("projects") or 0,
        )
        rows.append(row)
        if target:
            total.industrial_investment += target.industrial_investment
            total.reform_investment += target.reform_investment
            total.reform_enterprises += target.reform_enterprises
        total.actual_investment += row.actual_investment
        total.actual_projects += row.actual_projects
    # An enterprise with projects in two towns counts once for the city.
    total.actual_enterprises = projects.values("enterprise").distinct().count()
    table = TownProgressTable(year=year, rows=rows, total=total)
    if plan is not None:
        table.plan_investment = _plan_target(
            plan, year, f"reform-investment-{year}", "亿元", ("技术改造", "投资")
        )
        table.plan_enterprises = _plan_target(
            plan, year, f"reform-enterprises-{year}", "家", ("企业",)
        )
    return table
