from django.core.management import call_command
from django.core.management.base import BaseCommand

from jiyuan_portal.accounts.roles import ensure_roles
from jiyuan_portal.alerts.schedule import ensure_periodic_tasks


class Command(BaseCommand):
    help = (
        "Idempotent set-up after migrate: load the plans, create the roles and the "
        "periodic jobs, and with --demo the demo accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="also create demo accounts")

    def handle(self, *args, demo, **options):
        call_command("load_plans", stdout=self.stdout)
        ensure_roles()
        ensure_periodic_tasks()
        if demo:
            call_command("create_demo_accounts", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Portal set up."))
