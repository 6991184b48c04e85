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
    records: int = 1  # more than one for a burst of creations shown as one entry


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
                    records=count,
                )
            )
        else:
            collapsed.extend(group)
    return collapsed


def _object_key(queryset) -> str:
    """The column of a history table that holds the object's own primary key."""
    return queryset.model.instance_type._meta.pk.attname


def _entries(history_querysets, subject) -> tuple[list[Entry], list]:
    """The entries of the records of ``history_querysets``, newest first, before bursts
    are collapsed, and the date of every record read (some records change nothing shown
    and make no entry)."""
    pending = []  # (entry, raw changes)
    dates = []
    for queryset in history_querysets:
        key = _object_key(queryset)
        records = queryset.select_related("history_user").order_by(key, "history_date")
        for _pk, versions in groupby(records, key=lambda record: getattr(record, key)):
            previous = None
            for record in versions:
                dates.append(record.history_date)
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
    return entries, dates


def timeline(*history_querysets, subject=subject_of) -> list[Entry]:
    """Entries of every record in the given ``Model.history`` querysets, newest first.

    Each queryset is one query, plus one per kind of related object a change shows.
    """
    entries, _dates = _entries(history_querysets, subject)
    return _collapse_bursts(entries)


def recent_timeline(*history_querysets, limit, subject=subject_of) -> tuple[list[Entry], int]:
    """The newest ``limit`` entries of ``timeline`` and how many recorded changes are older.

    Each queryset reads only the versions of the objects among its ``limit`` latest
    records (a subquery), so the cost follows ``limit`` and how often one object changes,
    not how many objects there are: those latest records are the only ones that can be
    among the newest ``limit`` overall, and each needs the version before it for its diff.
    Each queryset also makes a count, plus one query per kind of related object shown.
    """
    narrowed, total = [], 0
    for queryset in history_querysets:
        key = _object_key(queryset)
        latest = queryset.order_by("-history_date", "-history_id").values(key)[:limit]
        narrowed.append(queryset.filter(**{f"{key}__in": latest}))
        total += queryset.count()
    entries, dates = _entries(narrowed, subject)
    entries = _collapse_bursts(entries)
    if len(entries) <= limit:
        return entries, total - len(dates)
    shown = entries[:limit]
    last = shown[-1]
    # A collapsed burst stands for its whole minute.
    oldest = last.when.replace(second=0, microsecond=0) if last.records > 1 else last.when
    return shown, total - sum(1 for when in dates if when >= oldest)
