from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from techreform.models import TownTarget
from techreform.town_table.writing import export_town_targets


class Command(BaseCommand):
    help = (
        "Export a year's town targets as an .xlsx workbook in the published layout "
        "(title, merged header, 合计, towns in the published order), ready to re-import."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx workbook to write")
        parser.add_argument(
            "--year", type=int, help="the year (default: the latest year with town targets)"
        )

    def handle(self, *args, file, year, **options):
        if year is None:
            year = TownTarget.objects.order_by("-year").values_list("year", flat=True).first()
            if year is None:
                raise CommandError(_("There are no town targets to export; give --year."))
        count = TownTarget.objects.filter(year=year).count()
        path = Path(file)
        try:
            path.write_bytes(export_town_targets(year))
        except OSError as error:
            raise CommandError(
                _("%(file)s: cannot be written (%(error)s).")
                % {"file": path, "error": error.strerror or error}
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("%(file)s: %(count)s towns of %(year)s written.")
                % {"file": path, "count": count, "year": year}
            )
        )
