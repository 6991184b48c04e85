"""What follows from the workflow's signals and from deleting a report's evidence."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Evidence, MilestoneReport
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
