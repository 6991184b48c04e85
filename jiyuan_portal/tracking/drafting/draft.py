"""A whole notice drafted for review: its header, and its plans in the fixtures' layout, each
drafted item carrying where in the text it came from and what the drafter was unsure of.

``draft_notice(text)`` returns plain data (JSON-safe: dates as ISO strings), which the review
pages (``jiyuan_portal.drafts``) keep and edit, and ``loadable()`` turns back into what the
plan loader takes. The review's own keys on an item:

- ``source``: ``[start, end]``, the offsets in the text of the words it was read from (a
  task's title, a milestone's commitment, a target's or award rule's clause), or None;
- ``units_source``: a task's, where its responsible units are written;
- ``sources``: the notice's, where each field of its header is written;
- ``unsure``: codes of what the reviewer should check (``UNSURE``).
"""

import datetime
import re

from ..dates import DeadlineError, parse_deadline
from .awards import of_task as award_rules_of
from .fixture import as_fixture, award_rule_entry
from .header import parse_header
from .milestones import UNDATED
from .structure import parse
from .tables import untabulate

REVIEW_KEYS = ("source", "sources", "units_source", "unsure")
# What the drafter marks for the reviewer; ``jiyuan_portal.drafts`` words them.
UNSURE = (
    "not_found",  # the words were not found in the text as written
    "no_units",  # the task names no responsible unit
    "units_from_text",  # units read from who the text has act, not a 责任单位 line
    "open_ended",  # "…等部门": the list of units is open
    "undated",  # a commitment with no date in the text (未明确时限)
    "year_carried",  # a deadline's year carried from an earlier phrase
    "unparsed",  # a deadline phrase the portal cannot turn into a date
    "yearly",  # "每年": one target a year was drafted
    "year_inferred",  # the target's clause names no year; the text's before it was taken
    # and, on the notice, the name of each header field not found: "number", "issued_on" …
    "award_amount",  # an award rule whose amount or method should be checked
)
DATE_FIELDS = ("issued_on", "published_on", "printed_on")
REQUIRED_HEADER = ("number", "title", "issuer", "issued_on")


class Locator:
    """Finds drafted words in the text, in reading order from a cursor."""

    def __init__(self, text: str):
        self.text = text

    def find(self, fragment: str, start: int = 0, end: int | None = None) -> list[int] | None:
        fragment = (fragment or "").strip()
        if not fragment:
            return None
        for probe in (fragment, fragment[:16]):
            at = self.text.find(probe, start, end)
            if at >= 0:
                return [at, at + len(fragment if probe == fragment else probe)]
        return None

    def line(self, line: str, start: int = 0) -> list[int] | None:
        """``line`` where it stands alone on a line (a plan's title, not its mention)."""
        pattern = rf"^[ \t\u3000]*({re.escape(line)})[ \t\u3000]*$"
        match = re.compile(pattern, re.M).search(self.text, start)
        return [match.start(1), match.end(1)] if match else self.find(line, start)


def _plan_code(number: str, order: int) -> str:
    """济政〔2017〕27号 → 2017-27-1: plan codes are slugs, and the notice's figures are what
    tell its plans apart from another notice's."""
    figures = "-".join(re.findall(r"\d+", number or ""))
    return f"{figures or 'draft'}-{order}"


def _milestone_unsure(entry: dict) -> list[str]:
    unsure = []
    if entry["when"] == UNDATED:
        unsure.append("undated")
    if entry.get("year"):
        unsure.append("year_carried")
    try:
        parse_deadline(str(entry["when"]), entry.get("year"))
    except DeadlineError:
        unsure.append("unparsed")
    return unsure


def _mark(entry: dict, source, unsure: list[str] = ()) -> dict:
    entry["source"] = source
    entry["unsure"] = [*entry.get("unsure", []), *unsure, *([] if source else ["not_found"])]
    return entry


def _header(text: str, locator: Locator) -> dict:
    notice = parse_header(text)
    data = {
        "number": notice.number,
        "title": notice.title,
        "issuer": notice.issuer,
        "issuing_office": notice.issuing_office,
        "index_number": notice.index_number,
        **{
            name: value.isoformat() if (value := getattr(notice, name)) else None
            for name in DATE_FIELDS
        },
    }
    # Where each field's words are: a date as the header prints it (2017-08-02) or as the
    # notice's closing writes it (2017年8月2日).
    sources = {}
    for name in data:
        value = getattr(notice, name)
        spellings = (
            [value.isoformat(), f"{value.year}年{value.month}月{value.day}日"]
            if name in DATE_FIELDS and value
            else [value]
        )
        for spelling in spellings:
            if spelling and (span := locator.find(spelling)):
                sources[name] = span
                break
    data["sources"] = sources
    # What a notice must have; the rest of its header is often not printed with its text.
    data["unsure"] = [name for name in notice.unsure if name in REQUIRED_HEADER]
    return data


def draft_notice(text: str, code: str = "") -> dict:
    """The notice's header and plans, drafted from its text, for review."""
    locator = Locator(text)
    notice = _header(text, locator)
    plans = []
    cursor = 0
    # A table pasted from Word comes as tab-separated lines; the words are found in ``text``.
    for order, plan in enumerate(parse(untabulate(text)), start=1):
        document = as_fixture(plan, f"{code}-{order}" if code else "", order)
        document["code"] = document["code"] or _plan_code(notice["number"], order)
        plan_source = locator.line(plan.title, cursor)
        plan_start = cursor = plan_source[0] if plan_source else cursor
        document["source"] = plan_source
        for entry in document["milestones"]:
            _mark(entry, locator.find(entry["what"], plan_start), _milestone_unsure(entry))
        for entry in document["targets"]:
            _mark(entry, locator.find(entry["clause"], plan_start))
        rules = []
        for item, task in zip(plan.items, document["tasks"], strict=True):
            source = locator.find(item.title, cursor)
            start = cursor = source[0] if source else cursor
            unsure = []
            if not item.units:
                unsure.append("no_units")
            elif item.units_from == "acting":
                unsure.append("units_from_text")
            if item.open_ended:
                unsure.append("open_ended")
            _mark(task, source, unsure)
            task["units_source"] = locator.find(item.units[0], start) if item.units else None
            for entry in task["milestones"]:
                _mark(entry, locator.find(entry["what"], start), _milestone_unsure(entry))
            for entry in task["targets"]:
                _mark(entry, locator.find(entry["clause"], start))
            for found in award_rules_of(item.lines, item.number):
                entry = award_rule_entry(found, f"award-{len(rules) + 1}")
                unsure = ["award_amount"] if found.unsure else []
                rules.append(_mark(entry, locator.find(found.clause, start), unsure))
        document["award_rules"] = rules
        plans.append(document)
    return {"notice": notice, "plans": plans}


def strip_review_keys(value):
    """``value`` without the review's keys, at any depth."""
    if isinstance(value, dict):
        return {k: strip_review_keys(v) for k, v in value.items() if k not in REVIEW_KEYS}
    if isinstance(value, list):
        return [strip_review_keys(v) for v in value]
    return value


def loadable_notice(notice: dict, text: str = "") -> dict:
    """The drafted header in ``notice.yaml``'s layout (dates as dates), for the loader."""
    data = {k: v for k, v in strip_review_keys(notice).items() if v not in (None, "")}
    for name in DATE_FIELDS:
        if data.get(name):
            data[name] = datetime.date.fromisoformat(data[name])
    if text:
        data["text"] = text
    return data


def loadable_plan(plan: dict) -> dict:
    """A drafted plan in a plan file's layout, for the loader."""
    return strip_review_keys(plan)
