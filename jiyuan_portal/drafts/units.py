"""The unit names a draft's tasks give (责任单位 as written) and what each denotes: a bureau
the portal knows (by its name or an alias), or, for a name it does not know, the admin's
decision: an alias of an existing bureau, or a new bureau. The closest known bureau is
proposed, so that a variant spelling (工业和信息化委委员会) is one click."""

import difflib
from dataclasses import dataclass

from jiyuan_portal.tracking.loading import split_responsible
from jiyuan_portal.tracking.models import Bureau, BureauAlias
from jiyuan_portal.tracking.names import bureau_lookup_keys

ALIAS, NEW = "alias", "new"
# How alike a known name must be (difflib's ratio) to be proposed as what a name means.
PROPOSAL_RATIO = 0.6


@dataclass
class UnitName:
    written: str  # as the text writes it, without "等部门"
    bureau: Bureau | None = None  # the bureau the portal already knows by this name
    proposal: Bureau | None = None  # the closest known bureau, for an unknown name
    decision: dict | None = None  # the admin's, for an unknown name

    @property
    def known(self) -> bool:
        return self.bureau is not None

    @property
    def decided(self) -> bool:
        return self.known or self.decision is not None


def written_name(name: str) -> str:
    return bureau_lookup_keys(name)[0]


def names_in(data: dict) -> list[str]:
    """Every unit name of the draft's tasks, once each, in the order of the text."""
    names = {}
    for plan in data.get("plans", []):
        for task in plan.get("tasks", []):
            for name in split_responsible(task.get("responsible") or ""):
                names.setdefault(written_name(name), None)
    return list(names)


def _closest(name: str, known: dict[str, Bureau]) -> Bureau | None:
    best, ratio = None, PROPOSAL_RATIO
    for spelling, bureau in known.items():
        score = difflib.SequenceMatcher(None, name, spelling).ratio()
        if score > ratio:
            best, ratio = bureau, score
    return best


def review(data: dict) -> list[UnitName]:
    """Each unit name of the draft with what it denotes, in two queries."""
    known = Bureau.objects.alias_map()
    bureaus = {bureau.pk for bureau in known.values()}
    decisions = data.get("units", {})
    units = []
    for name in names_in(data):
        bureau = next((known[key] for key in bureau_lookup_keys(name) if key in known), None)
        unit = UnitName(name, bureau=bureau)
        if bureau is None:
            decision = decisions.get(name)
            if decision and decision.get("action") == ALIAS and decision["bureau"] not in bureaus:
                decision = None  # the bureau chosen has been deleted since: decide again
            unit.decision = decision
            unit.proposal = _closest(name, known)
        units.append(unit)
    return units


def undecided(data: dict) -> list[str]:
    return [unit.written for unit in review(data) if not unit.decided]


def _denotes(unit: UnitName):
    """What a unit name will denote once published: a bureau's pk, or a new bureau's name."""
    if unit.known:
        return unit.bureau.pk
    decision = unit.decision or {}
    return decision.get("bureau") if decision.get("action") == ALIAS else unit.written


def named_twice(data: dict) -> list[tuple[str, str, list[str]]]:
    """(plan title, task number, the names) of each task two of whose unit names denote the
    same bureau (市发改委 and 市发展和改革委员会, or a name made an alias of a unit the task
    names already): the loader would refuse the task."""
    denotes = {unit.written: _denotes(unit) for unit in review(data)}
    found = []
    for plan in data.get("plans", []):
        for task in plan.get("tasks", []):
            names = [written_name(n) for n in split_responsible(task.get("responsible") or "")]
            by_bureau = {}
            for name in names:
                by_bureau.setdefault(denotes.get(name, name), []).append(name)
            found += [
                (plan["title"], task["number"], same)
                for same in by_bureau.values()
                if len(same) > 1
            ]
    return found


def apply_decisions(data: dict) -> list[str]:
    """Create the bureaus and aliases the admin decided on; returns what was created. Run
    inside the publishing transaction: a refused publication creates none of them."""
    created = []
    for unit in review(data):
        if unit.known:
            continue
        decision = unit.decision or {}
        if decision.get("action") == ALIAS:
            bureau = Bureau.objects.get(pk=decision["bureau"])
            BureauAlias.objects.create(bureau=bureau, name=unit.written)
            created.append(f"{unit.written} → {bureau.name}")
        elif decision.get("action") == NEW:
            order = (Bureau.objects.order_by("-order").values_list("order", flat=True).first()) or 0
            Bureau.objects.get_or_create(
                name=unit.written,
                defaults={"short_name": decision.get("short_name", "")[:50], "order": order + 1},
            )
            created.append(unit.written)
    return created
