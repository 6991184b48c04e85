"""What the review page shows: the source text cut into pieces, each marked with the drafted
items that were read from it, and the drafted items with their ids, their unsure marks in
words and what their deadlines come to."""

import itertools
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from jiyuan_portal.tracking.dates import DeadlineError, parse_deadline
from jiyuan_portal.tracking.loading import split_responsible
from jiyuan_portal.tracking.models import Target

from .units import written_name

UNSURE_LABELS = {
    "not_found": _("not found in the text as drafted"),
    "no_units": _("no responsible unit found"),
    "units_from_text": _("units read from the text, not from a 责任单位 line"),
    "open_ended": _("the list of units is open (等部门)"),
    "undated": _("no date in the text"),
    "year_carried": _("year taken from an earlier phrase"),
    "unparsed": _("the deadline cannot be read"),
    "yearly": _("每年: one target a year was drafted"),
    "year_inferred": _("the clause names no year"),
    "award_amount": _("check the amount and how it is paid"),
    "number": _("document number not found"),
    "title": _("title not found"),
    "issuer": _("issuer not found"),
    "issued_on": _("date of issue not found"),
}


def unsure_labels(entry: dict) -> list[str]:
    return [str(UNSURE_LABELS.get(code, code)) for code in entry.get("unsure") or []]


@dataclass
class Piece:
    text: str
    marks: list[str] = field(default_factory=list)  # ids of the drafted items read from it
    anchors: list[str] = field(default_factory=list)  # ids whose words start here


def pieces(text: str, spans: dict[str, list[int]], start: int = 0, end: int | None = None):
    """``text[start:end]`` cut where a drafted item's words start or end."""
    end = len(text) if end is None else end
    inside = {key: span for key, span in spans.items() if span and start <= span[0] < end}
    cuts = sorted({start, end, *(min(max(p, start), end) for s in inside.values() for p in s)})
    result = []
    for left, right in itertools.pairwise(cuts):
        if left == right:
            continue
        result.append(
            Piece(
                text[left:right],
                marks=[key for key, (s, e) in inside.items() if s <= left and right <= e],
                anchors=[key for key, (s, _e) in inside.items() if s == left],
            )
        )
    return result


def _due(entry: dict) -> str:
    try:
        deadline = parse_deadline(str(entry["when"]), entry.get("year"))
    except DeadlineError:
        return ""
    if deadline.due_date:
        return deadline.due_date.isoformat()
    return str(deadline.recurrence or "")


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _target(entry: dict, key: str) -> dict:
    return _item(
        entry,
        key,
        bound=_label(Target.Bound, entry.get("bound")),
        kind=_label(Target.Kind, entry.get("kind")),
    )


def _item(entry: dict, key: str, **extra) -> dict:
    return {
        "id": key,
        "entry": entry,
        "unsure": unsure_labels(entry),
        "has_source": bool(entry.get("source")),
        **extra,
    }


def plan_items(plan: dict, index: int, known_units: set[str]) -> dict:
    """A plan's drafted items, each with an id its words in the text are marked with."""
    prefix = f"p{index}"
    tasks = []
    for t, task in enumerate(plan.get("tasks", []), start=1):
        key = f"{prefix}-t{t}"
        names = split_responsible(task.get("responsible") or "")
        tasks.append(
            _item(
                task,
                key,
                index=t,
                units=[(name, written_name(name) in known_units) for name in names],
                units_id=f"{key}-u" if task.get("units_source") else "",
                milestones=[
                    _item(m, f"{key}-m{n}", due=_due(m))
                    for n, m in enumerate(task.get("milestones", []), start=1)
                ],
                targets=[
                    _target(g, f"{key}-g{n}")
                    for n, g in enumerate(task.get("targets", []), start=1)
                ],
            )
        )
    return {
        "milestones": [
            _item(m, f"{prefix}-m{n}", due=_due(m))
            for n, m in enumerate(plan.get("milestones", []), start=1)
        ],
        "targets": [
            _target(g, f"{prefix}-g{n}") for n, g in enumerate(plan.get("targets", []), start=1)
        ],
        "tasks": tasks,
        "award_rules": [
            _item(a, f"{prefix}-a{n}") for n, a in enumerate(plan.get("award_rules", []), start=1)
        ],
    }


def spans_of(plan: dict, index: int) -> dict[str, list[int]]:
    """Every drafted item's words in the text, by the ids ``plan_items`` gives."""
    prefix = f"p{index}"
    spans = {prefix: plan.get("source")}
    for n, m in enumerate(plan.get("milestones", []), start=1):
        spans[f"{prefix}-m{n}"] = m.get("source")
    for n, g in enumerate(plan.get("targets", []), start=1):
        spans[f"{prefix}-g{n}"] = g.get("source")
    for n, a in enumerate(plan.get("award_rules", []), start=1):
        spans[f"{prefix}-a{n}"] = a.get("source")
    for t, task in enumerate(plan.get("tasks", []), start=1):
        key = f"{prefix}-t{t}"
        spans[key] = task.get("source")
        spans[f"{key}-u"] = task.get("units_source")
        for n, m in enumerate(task.get("milestones", []), start=1):
            spans[f"{key}-m{n}"] = m.get("source")
        for n, g in enumerate(task.get("targets", []), start=1):
            spans[f"{key}-g{n}"] = g.get("source")
    return {key: span for key, span in spans.items() if span}


HEADER_FIELDS = (
    ("number", _("document number")),
    ("title", _("title")),
    ("issuer", _("issuer")),
    ("issuing_office", _("issuing office (发文机关)")),
    ("index_number", _("index number (索引号)")),
    ("issued_on", _("issued on")),
    ("published_on", _("published on")),
    ("printed_on", _("printed on (印发日期)")),
)


def header_rows(notice: dict, end: int) -> list[dict]:
    """The notice's header as the review shows it: each field with the id its words in the
    text (before ``end``, where the plans start) are marked with, where they were found."""
    sources = {k: span for k, span in (notice.get("sources") or {}).items() if span[0] < end}
    return [
        {
            "label": label,
            "value": notice.get(name) or "",
            "id": f"n-{name}" if name in sources else "",
        }
        for name, label in HEADER_FIELDS
    ]


def header_spans(notice: dict) -> dict[str, list[int]]:
    return {f"n-{name}": span for name, span in (notice.get("sources") or {}).items()}


def plan_text_range(plans: list[dict], index: int, length: int) -> tuple[int, int]:
    """Where plan ``index`` (1-based) stands in the text: from its title to the next's."""
    starts = [(plan.get("source") or [None])[0] for plan in plans]
    start = starts[index - 1] or 0
    later = [s for s in starts[index:] if s is not None and s > start]
    return start, (later[0] if later else length)


def count_unsure(plan: dict) -> int:
    count = len(plan.get("unsure") or [])
    for name in ("milestones", "targets", "award_rules"):
        count += sum(bool(entry.get("unsure")) for entry in plan.get(name, []))
    for task in plan.get("tasks", []):
        count += bool(task.get("unsure"))
        count += sum(bool(m.get("unsure")) for m in task.get("milestones", []))
        count += sum(bool(g.get("unsure")) for g in task.get("targets", []))
    return count
