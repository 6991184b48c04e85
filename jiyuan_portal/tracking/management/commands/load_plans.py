from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jiyuan_portal.tracking.loading import FIXTURES_DIR, PlanDataError, load_all, load_draft


class Command(BaseCommand):
    help = (
        "Load (or update) bureaus, towns, the notice and the five plans from fixtures/; "
        "with --draft, the notice and plans of a file written by draft_plan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", default=str(FIXTURES_DIR), help="fixtures directory")
        parser.add_argument("--draft", help="a YAML file of draft_plan: the notice, then its plans")

    def handle(self, *args, fixtures, draft, **options):
        try:
            report = load_draft(Path(draft)) if draft else load_all(Path(fixtures))
        except PlanDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Plans loaded ({report})."))
