"""The data version: a number that changes whenever the plan data change, so that the pages
which summarise all of them (the cockpit, the league table, the lists) can keep what they
computed until then, the way DHIS2's analytics tables are rebuilt when data arrive.

Every save or delete of a model of the plan data's apps (what the notice says, what bureaus
report, what supervision raised, the public's complaints, each plan app's registries) marks
the data changed through Django's signals; code that writes in bulk (``bulk_create``,
``QuerySet.update``), which sends no signal, calls ``mark_changed()`` itself. The number goes
up when the transaction commits, once per transaction: a page never caches what a rolled-back
change showed, and no row lock is held while the transaction runs, so concurrent submissions
do not queue on it.

Read ``current()`` once a request; the cache key of a page adds what else decides its
content (the portal's today, the language, the user's scope, the query string).
"""

from django.apps import apps
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .models import DataVersion
from .plan_apps import plan_apps

IGNORED_MODELS = {
    # what the summaries do not show: notifications and mail
    "alerts.notification",
    "alerts.notificationpreference",
    "alerts.outgoingemail",
    # derived and rewritten with what it derives from (the approved target reports)
    "reporting.latesttargetvalue",
    "tracking.dataversion",
}


def current() -> int:
    number = DataVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    return number or 0


def mark_changed() -> None:
    """Count one change of the plan data, when the current transaction commits."""
    if not connection.in_atomic_block:
        _bump()
    elif not any(callback is _bump for _, callback, _ in connection.run_on_commit):
        # robust: a failure here is logged; it must not fail the request that committed.
        transaction.on_commit(_bump, robust=True)


def _bump() -> None:
    now = timezone.now()  # the row is made by a migration; get_or_create if it was deleted
    if not DataVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=now):
        DataVersion.objects.get_or_create(pk=1, defaults={"number": 1, "changed_at": now})


def watched_models() -> list:
    """The models of the plan data: every model of ``tracking``, ``reporting``, ``alerts``,
    ``complaints`` and the plan apps, but their history tables (written with them) and
    ``IGNORED_MODELS``.

    Receivers are connected to these senders only: a receiver for every model would keep
    Django from deleting any other table's rows in bulk (its fast delete needs no listener)."""
    labels = {
        "tracking",
        "reporting",
        "alerts",
        "complaints",
        *(config.label for config in plan_apps()),
    }
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in labels
        and model._meta.label_lower not in IGNORED_MODELS
        and not hasattr(model, "instance_type")  # django-simple-history's Historical<Model>
    ]


def _on_write(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("post_"):  # m2m_changed sends pre_ and post_
        mark_changed()


def connect() -> None:
    for model in watched_models():
        uid = f"data_version_{model._meta.label_lower}"
        post_save.connect(_on_write, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_write, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_on_write, sender=field.remote_field.through, dispatch_uid=uid)
