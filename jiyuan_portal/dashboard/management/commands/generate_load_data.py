from django.core.management.base import BaseCommand, CommandError

from jiyuan_portal.dashboard.load_data import NoPlansLoaded, generate


class Command(BaseCommand):
    help = (
        "Grow the database to N times the seed, for measuring the portal: cloned tasks with "
        "their bureaus, milestones and targets, reports in every review state, registry "
        "records over the towns, and N load bureaus with a staff user each. Running it "
        "again with the same N adds nothing; a larger N adds the difference. Never on a "
        "production database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=10, help="copies of the seed to reach (default 10)"
        )

    def handle(self, *args, scale, **options):
        if scale < 1:
            raise CommandError("--scale is at least 1.")
        try:
            created = generate(scale)
        except NoPlansLoaded as error:
            raise CommandError(str(error)) from error
        for line in created.lines():
            self.stdout.write(line)
        if created.reports:
            self.stdout.write(
                "Run `python manage.py flag_overdue` to raise the alerts of the new overdue items."
            )
