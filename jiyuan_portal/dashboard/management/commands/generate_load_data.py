from django.core.management.base import BaseCommand, CommandError

from jiyuan_portal.dashboard.load_data import NoPlansLoaded, add_milestones, generate


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
        parser.add_argument(
            "--milestones",
            type=int,
            default=0,
            help="then add milestones to the copies' tasks until there are this many "
            "(100000: the large scenario)",
        )

    def handle(self, *args, scale, milestones, **options):
        if scale < 1:
            raise CommandError("--scale is at least 1.")
        try:
            created = generate(scale)
        except NoPlansLoaded as error:
            raise CommandError(str(error)) from error
        for line in created.lines():
            self.stdout.write(line)
        added = add_milestones(milestones) if milestones else 0
        if added:
            self.stdout.write(f"Added {added} milestones to the copies' tasks.")
        if created.reports or added:
            self.stdout.write(
                "Run `python manage.py flag_overdue` to raise the alerts of the new overdue items."
            )
