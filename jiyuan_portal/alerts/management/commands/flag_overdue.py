import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from jiyuan_portal.alerts import emails, reminders, scan


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Run the daily supervision scan now, as the Celery job does: flag overdue milestones "
        "and targets behind, note items done late, notify the bureaus, climb the escalation "
        "ladder and send the reminders; print what it did."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would be done, change nothing"
        )
        parser.add_argument(
            "--with-digests",
            action="store_true",
            help="also send each user the daily digest of what is new (make run does, at start)",
        )
        parser.add_argument(
            "--as-of", type=datetime.date.fromisoformat, help="judge on this date (YYYY-MM-DD)"
        )

    def handle(self, *args, dry_run, as_of, with_digests, **options):
        try:
            with transaction.atomic():
                result = scan.run_scan(as_of)
                reminded = reminders.send_reminders(as_of)
                queued = emails.queue_immediate_emails()
                if with_digests:
                    queued += emails.queue_daily_digests(as_of)
                if dry_run:
                    raise Rollback
        except Rollback:
            self.stdout.write(_("Dry run, nothing was saved."))
        except ValueError as error:
            raise CommandError(error) from error
        self.stdout.write(str(result))
        self.stdout.write(
            _("reminders %(reminded)s, emails queued %(queued)s")
            % {"reminded": reminded, "queued": queued}
        )
        if not dry_run:
            sent = emails.send_pending_emails()
            self.stdout.write(_("emails sent %(sent)s") % {"sent": sent})
