from django.core.management.base import BaseCommand

from jiyuan_portal.funding.entitlements import refresh_all


class Command(BaseCommand):
    help = "Apply every award rule to the approved registry records again (after a bulk load)."

    def handle(self, *args, **options):
        self.stdout.write(f"{refresh_all()} entitlements computed.")
