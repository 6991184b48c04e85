"""Writing spreadsheets safely: text that looks like a formula stays text.

A town name, a file name or any free text typed into the portal may start with ``=``,
``+``, ``-`` or ``@``; written into a cell as is, Excel and WPS would run it as a formula
(``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``) when the export is opened. Every export writes
its rows through ``text_safe_row``, so such a value is a text cell (and marked with Excel's
quote prefix, so that editing the cell does not turn it into a formula either), with the
value unchanged.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    """Whether a spreadsheet program would read ``value`` as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def text_cell(sheet, value):
    """A cell of ``sheet`` holding ``value`` as text, never as a formula."""
    from openpyxl.cell import Cell

    cell = Cell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def text_safe_row(sheet, values) -> list:
    """``values`` for ``sheet.append``, each formula-like text replaced by a text cell."""
    return [text_cell(sheet, value) if looks_like_formula(value) else value for value in values]
