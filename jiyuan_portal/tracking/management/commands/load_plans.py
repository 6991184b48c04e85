from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jiyuan_portal.tracking.loading import (
    FIXTURES_DIR,
    PlanDataError,
    load_all,
    load_draft,
    load_master_data,
)


class Command(BaseCommand):
    help = (
        "Load (or update) bureaus, towns, the notice and the five plans from fixtures/; "
        "with --draft, the notice and plans of a file written by draft_plan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", default=str(FIXTURES_DIR), help="fixtures directory")
        parser.add_argument("--draft", help="a YAML file of draft_plan: the notice, then its plans")
        parser.add_argument(
            "--master-data-only",
            action="store_true",
            help="only the bureaus and towns (a portal for a later notice, drafted in 方案草拟)",
        )

    def handle(self, *args, fixtures, draft, master_data_only, **options):
        try:
            if draft:
                report = load_draft(Path(draft))
            elif master_data_only:
                report = load_master_data(Path(fixtures))
            else:
                report = load_all(Path(fixtures))
        except PlanDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Plans loaded ({report})."))
