from django.core.management.base import BaseCommand, CommandError

from jiyuan_portal.tracking.loading import FIXTURES_DIR, PlanDataError, load_all


class Command(BaseCommand):
    help = "Load (or update) bureaus, towns, the notice and the five plans from fixtures/."

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", default=str(FIXTURES_DIR), help="fixtures directory")

    def handle(self, *args, fixtures, **options):
        from pathlib import Path

        try:
            report = load_all(Path(fixtures))
        except PlanDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Plans loaded ({report})."))
