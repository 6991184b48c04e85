"""Every list's export to xlsx and CSV (django-tables2's ``TableExport`` over tablib).

The files go to meetings and into other people's spreadsheets, so the cells keep their
types (numbers as numbers, dates as dates) and text that a spreadsheet would run as a
formula (CSV/formula injection: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) is written as text behind an apostrophe, in both formats.
"""

import datetime
import html
from decimal import Decimal

import django_tables2 as tables
from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.html import strip_tags
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeData
from django_tables2.export import TableExport
from tablib import Dataset

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = (TableExport.XLSX, TableExport.CSV)
# Excel opens a CSV file without a byte-order mark in the machine's code page (GBK on a
# Chinese Windows), which garbles every Chinese header.
UTF8_BOM = "\ufeff"
DATE_COLUMNS = (tables.DateColumn, tables.DateTimeColumn)


def neutralise_formula(text: str) -> str:
    """``=1+1`` → ``'=1+1``: a spreadsheet shows the text instead of running it."""
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def raw_or_exported(row, bound_column):
    """The cell's export value; a date column's own date, where django-tables2 would give
    its ISO text (and the column's placeholder for an empty date)."""
    if isinstance(bound_column.column, DATE_COLUMNS) and not hasattr(
        row.table, f"value_{bound_column.name}"
    ):
        return bound_column.accessor.resolve(row.record, quiet=True)
    return row.get_cell_value(bound_column.name)


def cell_value(value):
    """A table cell as the spreadsheet should hold it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        # 120.0000 → 120 and 6.5000 → 6.5, as utils.numbers.plain_decimal (out of this
        # layer's reach) writes them.
        return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
    if isinstance(value, int | float | datetime.date):
        if isinstance(value, datetime.datetime):
            # xlsx cells hold no time zone: the portal's local time, as the pages show it.
            return (
                timezone.localtime(value).replace(tzinfo=None)
                if timezone.is_aware(value)
                else value
            )
        return value
    text = force_str(value)
    if isinstance(value, SafeData):  # a cell rendered as HTML without a value_<column>
        text = html.unescape(strip_tags(text))
    return neutralise_formula(text)


class PortalTableExport(TableExport):
    """The table's columns (by their verbose names) and all its rows, typed and escaped."""

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        exclude_columns = exclude_columns or ()
        columns = [
            column
            for column in table.columns.iterall()
            if not (column.column.exclude_from_export or column.name in exclude_columns)
        ]
        dataset = Dataset(**(dataset_kwargs or {}))
        dataset.headers = [neutralise_formula(force_str(column.header)) for column in columns]
        for row in table.rows:
            dataset.append([cell_value(raw_or_exported(row, column)) for column in columns])
        return dataset

    def export(self):
        content = self.dataset.export(self.format)
        if self.format == TableExport.CSV:
            return UTF8_BOM + content
        return content

    def response(self, filename=None):
        response = HttpResponse(self.export(), content_type=self.content_type())
        if filename is not None:
            # RFC 6266's filename*: Chinese file names reach the browser intact.
            response["Content-Disposition"] = content_disposition_header(True, filename)
        return response
