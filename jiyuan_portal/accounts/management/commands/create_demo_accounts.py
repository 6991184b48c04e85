from django.core.management.base import BaseCommand

from jiyuan_portal.accounts.demo import DEMO_ACCOUNTS, create_demo_accounts


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts listed in README.md. Demo use only."

    def handle(self, *args, **options):
        create_demo_accounts()
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"{account.username} / {account.password}  ({account.description})")
