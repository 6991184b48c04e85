"""Reading the lists' exports back, as a spreadsheet user would."""

import csv
import io

import openpyxl


def xlsx_sheet(response, data_only=True):
    """(headers, rows) of an exported xlsx file's first sheet."""
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content), data_only=data_only)
    rows = [list(row) for row in book.active.iter_rows(values_only=True)]
    return rows[0], rows[1:]


def csv_rows(response):
    """(headers, rows) of an exported CSV file, decoded as Excel reads it (UTF-8 with BOM)."""
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    return rows[0], rows[1:]
