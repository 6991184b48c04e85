"""What follows from the workflow's signals and from deleting a report's evidence."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .actuals import refresh_latest_values
from .models import Evidence, MilestoneReport, TargetReport
from .signals import report_approved


@receiver(report_approved, sender=MilestoneReport)
def complete_or_reschedule_milestone(sender, report, **kwargs):
    report.apply_to_milestone()


@receiver(post_delete, sender=Evidence)
def delete_evidence_file(sender, instance, **kwargs):
    """The stored file goes with its row (also when a report is deleted in the admin), once
    the deletion is committed, so a rolled-back delete keeps its file."""
    file = instance.file
    transaction.on_commit(lambda: file.delete(save=False))


@receiver(post_save, sender=TargetReport)
@receiver(post_delete, sender=TargetReport)
def keep_latest_value(sender, instance, **kwargs):
    """Whatever changed (approved, edited in the admin, deleted), the target's latest
    approved value is read again."""
    refresh_latest_values([instance.target_id])
