from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from techreform.importing import import_file
from techreform.models import TownTargetImport
from techreform.town_table.reading import TownTableError


class Command(BaseCommand):
    help = (
        "Import the town target table (技术改造年度攻坚目标任务分解表) from an .xlsx "
        "workbook, as published or as a plain table. The file is refused as a whole, "
        "with every problem listed, or imported in one transaction and logged."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx workbook")
        parser.add_argument(
            "--year", type=int, help="the year, when the title and header do not name it"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and report, save nothing")
        parser.add_argument("--user", help="username to record as the importer")

    def handle(self, *args, file, year, dry_run, user, **options):
        path = Path(file)
        user_obj = None
        if user:
            try:
                user_obj = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist as error:
                raise CommandError(_("Unknown user «%(user)s».") % {"user": user}) from error
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("%(file)s: cannot be read (%(error)s).")
                % {"file": path.name, "error": error.strerror or error}
            ) from error
        try:
            outcome = import_file(
                data,
                file_name=path.name,
                user=user_obj,
                year=year,
                dry_run=dry_run,
                source=TownTargetImport.Source.COMMAND,
            )
        except TownTableError as error:
            raise CommandError("\n".join(error.messages)) from error
        summary = _(
            "%(file)s (%(year)s): %(new)s new, %(updated)s updated, %(unchanged)s unchanged."
        ) % {
            "file": path.name,
            "year": outcome.year,
            "new": outcome.created,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
        }
        if dry_run:
            summary += " " + _("Dry run: nothing was saved.")
        self.stdout.write(self.style.SUCCESS(summary))
