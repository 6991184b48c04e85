"""Importing the town target table: one service for the admin and the command line.

Both read the workbook with ``town_table.reading`` (which refuses a bad file as a whole), import
the flat dataset with ``TownTargetResource`` in one transaction, and write one
``TownTargetImport`` log entry with the before/after values of every change.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from import_export.results import Result, RowResult

from jiyuan_portal.utils.numbers import plain_decimal

from .models import TownTargetImport
from .resources import TownTargetResource
from .town_table.columns import YEAR
from .town_table.reading import Problem, TownTableError, read_town_table

logger = logging.getLogger(__name__)

# Where django-import-export's MediaStorage keeps the file between preview and confirmation.
PREVIEW_FOLDER = "django-import-export"


@dataclass
class ImportOutcome:
    result: Result
    year: int
    log: TownTargetImport | None  # None for a dry run

    @property
    def created(self) -> int:
        return self.result.totals[RowResult.IMPORT_TYPE_NEW]

    @property
    def updated(self) -> int:
        return self.result.totals[RowResult.IMPORT_TYPE_UPDATE]

    @property
    def unchanged(self) -> int:
        return self.result.totals[RowResult.IMPORT_TYPE_SKIP]


def _values(instance) -> dict[str, str | int]:
    return {
        "industrial_investment": f"{plain_decimal(instance.industrial_investment):f}",
        "reform_investment": f"{plain_decimal(instance.reform_investment):f}",
        "reform_enterprises": int(instance.reform_enterprises),
    }


def result_problems(result: Result) -> list[Problem]:
    """The errors the resource found (the reader catches nearly everything before)."""
    problems = [Problem(str(error.error)) for error in result.base_errors]
    for number, errors in result.row_errors():
        problems += [Problem(f"{number}: {error.error}") for error in errors]
    for invalid in result.invalid_rows:
        for column, messages in invalid.error_dict.items():
            problems += [Problem(f"{invalid.number} «{column}»: {m}") for m in messages]
    return problems


def import_dataset(
    dataset, *, file_name: str, user=None, dry_run: bool = False, source=None
) -> tuple[Result, TownTargetImport | None]:
    """Import a flat dataset (``town_table.reading.read_town_dataset``) all or nothing.

    Returns the import-export ``Result`` (every row as new, update or skip) and, unless
    ``dry_run`` or the import failed, the ``TownTargetImport`` written for it.
    """
    resource = TownTargetResource()
    log = None
    with transaction.atomic():
        result = resource.import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=False,
            use_transactions=True,
            rollback_on_validation_errors=True,
            retain_instance_in_row_result=True,
            file_name=file_name,
            user=user,
        )
        if result.has_errors() or result.has_validation_errors():
            transaction.set_rollback(True)
            return result, None
        if not dry_run:
            log = _record(result, dataset, file_name, user, source)
    return result, log


def _record(result, dataset, file_name, user, source) -> TownTargetImport:
    changes = []
    for row in result.rows:
        if row.import_type == RowResult.IMPORT_TYPE_NEW:
            before = None
        elif row.import_type == RowResult.IMPORT_TYPE_UPDATE:
            before = _values(row.original)
        else:
            continue
        changes.append(
            {
                "town": row.instance.town.name,
                "action": row.import_type,
                "before": before,
                "after": _values(row.instance),
            }
        )
    years = {int(year) for year in dataset[YEAR]}
    return TownTargetImport.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        source=source or TownTargetImport.Source.ADMIN,
        file_name=file_name[:255],
        year=min(years) if years else 0,
        created_count=result.totals[RowResult.IMPORT_TYPE_NEW],
        updated_count=result.totals[RowResult.IMPORT_TYPE_UPDATE],
        unchanged_count=result.totals[RowResult.IMPORT_TYPE_SKIP],
        changes=changes,
    )


def import_file(
    data: bytes,
    *,
    file_name: str,
    user=None,
    year: int | None = None,
    dry_run: bool = False,
    source=None,
) -> ImportOutcome:
    """Read, check and import a workbook; raise ``TownTableError`` with every problem."""
    table = read_town_table(data, file_name=file_name, year=year)
    result, log = import_dataset(
        table.as_dataset(), file_name=file_name, user=user, dry_run=dry_run, source=source
    )
    if result.has_errors() or result.has_validation_errors():
        raise TownTableError(result_problems(result), file_name)
    return ImportOutcome(result=result, year=table.year, log=log)


def remove_stale_import_files(now=None) -> int:
    """Delete preview files older than ``JIYUAN_IMPORT_PREVIEW_HOURS``: an admin who looked at
    a preview and never confirmed it leaves one behind. Run on each new import and by
    ``manage.py clean_import_files``. Returns how many were deleted."""
    storage = (
        storages["import_export"] if "import_export" in settings.STORAGES else storages["default"]
    )
    try:
        _folders, names = storage.listdir(PREVIEW_FOLDER)
    except FileNotFoundError:
        return 0
    oldest = (now or timezone.now()) - datetime.timedelta(
        hours=settings.JIYUAN_IMPORT_PREVIEW_HOURS
    )
    removed = 0
    for name in names:
        path = f"{PREVIEW_FOLDER}/{name}"
        try:
            if storage.get_modified_time(path) < oldest:
                storage.delete(path)
                removed += 1
        except FileNotFoundError:
            continue  # removed meanwhile by a confirmation or another cleanup
    if removed:
        logger.info("Removed %s unconfirmed import preview file(s).", removed)
    return removed
