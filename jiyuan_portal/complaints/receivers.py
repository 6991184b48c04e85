from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import ComplaintPhoto


@receiver(post_delete, sender=ComplaintPhoto, dispatch_uid="complaint-photo-file")
def delete_photo_file(sender, instance, **kwargs):
    """The stored photo goes with its row, once the deletion is committed."""
    file = instance.file
    transaction.on_commit(lambda: file.delete(save=False))
