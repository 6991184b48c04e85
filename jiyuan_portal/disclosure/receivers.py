"""A publication made or withdrawn, or a published record or target changed, starts a new
generation of the public pages' cache when its transaction commits."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jiyuan_portal.tracking.models import Target

from .caching import start_new_generation
from .models import Publication
from .publishing import public_registries


def _on_commit(**kwargs):
    transaction.on_commit(start_new_generation)


@receiver([post_save, post_delete], sender=Publication, dispatch_uid="public-publication")
def publication_changed(**kwargs):
    _on_commit()


def _published_changed(sender, instance, **kwargs):
    if getattr(instance, "publication", None) is not None:
        _on_commit()


def connect_published_models() -> None:
    for model in (Target, *public_registries()):
        post_save.connect(_published_changed, sender=model, dispatch_uid=f"public-{model}")
