"""The import/export format of the admin: the town target table as published."""

from decimal import Decimal

from django.utils.translation import gettext as _
from import_export.formats.base_formats import XLSX

from .town_table.columns import DATASET_HEADERS, TOWN, VALUE_COLUMNS, YEAR
from .town_table.reading import read_town_dataset
from .town_table.writing import write_town_tables


class TownTableXLSX(XLSX):
    """An .xlsx workbook in the published layout of the town target table.

    django-import-export's own XLSX reader takes the first row as the header; this one
    finds the header rows and columns by their text, checks every row, and hands the
    resource a flat dataset (``town_table.reading.read_town_dataset``). On export it writes the
    published layout back (title, merged header, 合计, towns in the published order).
    """

    def create_dataset(self, in_stream):
        return read_town_dataset(bytes(in_stream))

    def export_data(self, dataset, **kwargs):
        """One sheet per year of the flat ``TownTargetResource`` export."""
        missing = [h for h in DATASET_HEADERS if h not in (dataset.headers or [])]
        if missing:
            raise ValueError(
                _("The export lacks the columns %(columns)s.") % {"columns": "、".join(missing)}
            )
        years = sorted({int(_number(year)) for year in dataset[YEAR]}) or [EMPTY_YEAR]
        # Several years: one sheet each; an import reads the first (active) one.
        return write_town_tables([(year, _rows(dataset, year)) for year in years])


# The year of an export with no rows: the table of notice 济政〔2017〕27号.
EMPTY_YEAR = 2017


def _number(value):
    if isinstance(value, str):
        value = value.replace(",", "").strip()
    return Decimal(str(value))


def _rows(dataset, year):
    return [
        (
            row[TOWN],
            *(_number(row[column]) for column in VALUE_COLUMNS),
        )
        for row in dataset.dict
        if int(_number(row[YEAR])) == year
    ]
