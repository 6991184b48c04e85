from django.core.management import call_command
from django.core.management.base import BaseCommand

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

    def handle(self, *args, demo, **options):
        call_command("load_plans", stdout=self.stdout)
        ensure_roles()
        if demo:
            call_command("create_demo_accounts", stdout=self.stdout)
            call_command("load_demo_data", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Portal set up."))
