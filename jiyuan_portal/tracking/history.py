"""A readable timeline of changes from django-simple-history's records: who changed what
when, with the values before and after."""

from dataclasses import dataclass, field
from itertools import groupby

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
SKIPPED_FIELDS = {"version", "updated_at"}
# Fields that name a record well enough for a timeline, in order of preference.
LABEL_FIELDS = (
    "number",
    "indicator",
    "description",
    "title",
    "name",
    "enterprise",
    "original_name",
)
# A burst of more creations than this by one user in one minute (loading the plans) shows
# as a single entry.
BURST = 3


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class Entry:
    when: object
    user: object
    action: str
    subject: str
    changes: list[Change] = field(default_factory=list)


def subject_of(record) -> str:
    """E.g. "目标 2017 实施技术改造示范项目", from the record's own columns (no queries)."""
    model = record.instance_type._meta
    label = next(
        (str(getattr(record, name)) for name in LABEL_FIELDS if hasattr(record, name)),
        # The object's own number: ``record.pk`` is the history row's, different each time.
        f"#{getattr(record, model.pk.attname)}",
    )
    year = getattr(record, "year", None)
    return f"{model.verbose_name} {year or ''} {label}".replace("  ", " ")


def _raw(record, name):
    return getattr(record, record._meta.get_field(name).attname)


def _changes(record, previous) -> list[tuple]:
    delta = record.diff_against(previous)
    return [
        (
            record._meta.get_field(change.field),
            _raw(previous, change.field),
            _raw(record, change.field),
        )
        for change in delta.changes
        if change.field not in SKIPPED_FIELDS
    ]


def _resolver(raw_changes):
    """Look up every foreign key value shown, one query per related model."""
    wanted: dict = {}
    for field_, old, new in raw_changes:
        if isinstance(field_, models.ForeignKey):
            wanted.setdefault(field_.related_model, set()).update(
                value for value in (old, new) if value is not None
            )
    objects = {model: model._default_manager.in_bulk(ids) for model, ids in wanted.items()}

    def display(field_, value):
        if value in (None, ""):
            return ""
        if isinstance(field_, models.ForeignKey):
            return objects[field_.related_model].get(value, value)
        if field_.choices:
            return dict(field_.flatchoices).get(value, value)
        return value

    return display


def _collapse_bursts(entries: list[Entry]) -> list[Entry]:
    collapsed = []
    key = lambda entry: (entry.user, entry.action, entry.when.replace(second=0, microsecond=0))  # noqa: E731
    for (user, action, _minute), group in groupby(entries, key=key):
        group = list(group)
        if action == ACTIONS["+"] and len(group) > BURST:
            count = len(group)
            collapsed.append(
                Entry(
                    group[0].when,
                    user,
                    action,
                    ngettext("%(count)d item", "%(count)d items", count) % {"count": count},
                )
            )
        else:
            collapsed.extend(group)
    return collapsed


def timeline(*history_querysets, subject=subject_of) -> list[Entry]:
    """Entries of every record in the given ``Model.history`` querysets, newest first.

    Each queryset is one query, plus one per kind of related object a change shows.
    """
    pending = []  # (entry, raw changes)
    for queryset in history_querysets:
        key = queryset.model.instance_type._meta.pk.attname
        records = queryset.select_related("history_user").order_by(key, "history_date")
        for _pk, versions in groupby(records, key=lambda record: getattr(record, key)):
            previous = None
            for record in versions:
                raw = _changes(record, previous) if previous and record.history_type == "~" else []
                previous = record
                if record.history_type == "~" and not raw:
                    continue
                entry = Entry(
                    record.history_date,
                    record.history_user,
                    ACTIONS[record.history_type],
                    subject(record),
                )
                pending.append((entry, raw))
    display = _resolver([change for _, raw in pending for change in raw])
    for entry, raw in pending:
        entry.changes = [
            Change(str(field_.verbose_name), display(field_, old), display(field_, new))
            for field_, old, new in raw
        ]
    entries = sorted((entry for entry, _ in pending), key=lambda e: e.when, reverse=True)
    return _collapse_bursts(entries)
