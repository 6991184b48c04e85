"""The import/export format of the admin: the town target table as published."""

from decimal import Decimal

from django.utils.translation import gettext as _
from import_export.formats.base_formats import XLSX

from . import town_table


class TownTableXLSX(XLSX):
    """An .xlsx workbook in the published layout of the town target table.

    django-import-export's own XLSX reader takes the first row as the header; this one
    finds the header rows and columns by their text, checks every row, and hands the
    resource a flat dataset (``town_table.read_town_dataset``). On export it writes the
    published layout back (title, merged header, 合计, towns in the published order).
    """

    def create_dataset(self, in_stream):
        return town_table.read_town_dataset(bytes(in_stream))

    def export_data(self, dataset, **kwargs):
        """One sheet per year of the flat ``TownTargetResource`` export."""
        missing = [h for h in town_table.DATASET_HEADERS if h not in (dataset.headers or [])]
        if missing:
            raise ValueError(
                _("The export lacks the columns %(columns)s.") % {"columns": "、".join(missing)}
            )
        years = sorted({int(_number(year)) for year in dataset[town_table.YEAR]}) or [EMPTY_YEAR]
        # Several years: one sheet each; an import reads the first (active) one.
        return town_table.write_town_tables([(year, _rows(dataset, year)) for year in years])


# The year of an export with no rows: the table of notice 济政〔2017〕27号.
EMPTY_YEAR = 2017


def _number(value):
    if isinstance(value, str):
        value = value.replace(",", "").strip()
    return Decimal(str(value))


def _rows(dataset, year):
    return [
        (
            row[town_table.TOWN],
            *(_number(row[column]) for column in town_table.VALUE_COLUMNS),
        )
        for row in dataset.dict
        if int(_number(row[town_table.YEAR])) == year
    ]
