from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from jiyuan_portal.accounts.roles import ensure_roles


class Command(BaseCommand):
    help = (
        "Idempotent set-up after migrate: load the plans, create the roles, and with "
        "--demo the demo accounts and the demo data set (演示数据). (The periodic jobs are "
        "created by a migration.)"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo", action="store_true", help="also create demo accounts and load demo data"
        )
        parser.add_argument(
            "--without-plans",
            action="store_true",
            help="load the bureaus and towns but not 27号's plans (a portal for a later "
            "notice, whose plans an admin drafts from its text in 方案草拟)",
        )

    def handle(self, *args, demo, without_plans, **options):
        if demo and without_plans:
            raise CommandError("--demo needs the plans: leave out --without-plans.")
        call_command("load_plans", master_data_only=without_plans, stdout=self.stdout)
        ensure_roles()
        if demo:
            call_command("create_demo_accounts", stdout=self.stdout)
            call_command("load_demo_data", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Portal set up."))
