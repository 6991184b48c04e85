from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from techreform.importing import remove_stale_import_files


class Command(BaseCommand):
    help = (
        "Delete the files of town-table import previews that were never confirmed and are "
        "older than JIYUAN_IMPORT_PREVIEW_HOURS (each new import does this too)."
    )

    def handle(self, *args, **options):
        removed = remove_stale_import_files()
        self.stdout.write(
            _("%(count)s unconfirmed import file(s) older than %(hours)s hours deleted.")
            % {"count": removed, "hours": settings.JIYUAN_IMPORT_PREVIEW_HOURS}
        )
