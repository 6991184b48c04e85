"""Writing the town target table in its published layout (a title row, a merged two-row
header, a 合计 row, then one row per town), so an exported table can be edited in Excel
or WPS and imported back. Every row goes through ``text_safe_row``: a name starting with
``=``, ``+``, ``-`` or ``@`` is written as text, never as a live formula.
"""

import io
from decimal import Decimal

from jiyuan_portal.utils.spreadsheets import text_safe_row

from .columns import PUBLISHED_HEADERS, TOTAL_LABEL, TOWN, VALUE_COLUMNS


def _excel_number(value):
    """A Decimal as Excel stores numbers: int when whole, else float."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


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

    def append(values):
        sheet.append(text_safe_row(sheet, values))

    append([f"技术改造{year}年攻坚目标任务分解表", None, None, None])
    append([PUBLISHED_HEADERS[TOWN], f"技术改造{year}年目标", None, None])
    append([None, *(PUBLISHED_HEADERS[c] for c in VALUE_COLUMNS)])
    totals = [sum((Decimal(row[i]) for row in rows), Decimal(0)) for i in (1, 2, 3)]
    append([TOTAL_LABEL, *(_excel_number(v) for v in totals)])
    for name, *values in rows:
        append([name, *(_excel_number(v) for v in values)])

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
    from ..models import TownTarget

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
