"""Keep the entitlements in step: when a registry record or a money rule is saved or
deleted, the rules that read it are applied again once the transaction commits (once per
rule and transaction, however many records a demo load or an import writes)."""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from jiyuan_portal.reporting.states import ReviewStatus
from jiyuan_portal.tracking.models import AwardRule
from jiyuan_portal.tracking.plan_apps import plan_apps

from . import entitlements

_pending = threading.local()


def _changed_models() -> set:
    if not hasattr(_pending, "models"):
        _pending.models = set()
    return _pending.models


def _refresh_pending():
    models, _pending.models = _changed_models(), set()
    if not models:
        return
    pks = {rule.pk for model in models for rule in entitlements.rules_reading(model)}
    for rule in AwardRule.objects.filter(pk__in=pks):
        entitlements.refresh(rule)


def _on_record_write(sender, instance, **kwargs):
    """Only approved records are entitled: a draft saved, submitted or deleted changes
    nothing, unless it had been approved (an admin may change a status)."""
    was_counted = instance.entitlements.exists() if kwargs.get("created") is False else False
    if instance.status != ReviewStatus.APPROVED and not was_counted:
        return
    _changed_models().add(sender)
    # Every write asks; the first callback to run takes the whole set, the others find it
    # empty and do nothing.
    transaction.on_commit(_refresh_pending, robust=True)


def _on_rule_write(sender, instance, **kwargs):
    """A changed rule is applied again (a deleted one takes its entitlements with it)."""
    transaction.on_commit(lambda: _refresh_rule(instance.pk), robust=True)


def _refresh_rule(pk):
    rule = AwardRule.objects.filter(pk=pk).first()
    if rule is not None:
        entitlements.refresh(rule)


def connect() -> None:
    for config in plan_apps():
        for model, _form in config.get_registries():
            uid = f"funding_{model._meta.label_lower}"
            post_save.connect(_on_record_write, sender=model, dispatch_uid=uid)
            post_delete.connect(_on_record_write, sender=model, dispatch_uid=uid)
    post_save.connect(_on_rule_write, sender=AwardRule, dispatch_uid="funding_awardrule")
