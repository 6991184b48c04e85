"""The structure of a notice's text: its plans, their numbered sections (一、) and items
((一), 1.), each item's text and the units the text makes responsible for it.

Units are read in the three ways notices write them:
- a line "责任单位:A、B、C" after the item (the first leads);
- lines "牵头单位:A" and "责任单位:B、C" (or "配合单位:"), the 牵头 unit leading;
- a parenthesis at the end of the item: "(市发改委牵头,市财政局、各县区配合)".
An item without any of them takes the units its own text names as acting
("市发改委、工信委、环保局等单位要…"), the way the transcription read 四(二) and 四(三).
"""

import re
from dataclasses import dataclass, field

from jiyuan_portal.utils.text import half_width

CHINESE_NUMERALS = "一二三四五六七八九十"
SECTION = re.compile(rf"^([{CHINESE_NUMERALS}]+)、\s*(.+?)\s*$")
ITEM = re.compile(rf"^[(（]([{CHINESE_NUMERALS}]+)[)）]\s*(.*)$")
NUMBERED = re.compile(r"^(\d{1,2})[.．、]\s*(.+)$")
PLAN_TITLE = re.compile(r"^\S{2,40}(方案|实施意见|实施方案|行动计划|工作方案)$")
UNIT_LINE = re.compile(r"^(责任单位|牵头单位|配合单位|协办单位)\s*[:：]\s*(.*)$")
LABELLED_UNITS = re.compile(r"(责任单位|牵头单位|配合单位|协办单位)\s*[:：]\s*")
UNIT_PARENTHESIS = re.compile(r"[(（](责任单位|牵头单位)\s*[:：]\s*([^()（）]+)[)）]\s*[。.]?$")
PARENTHESIS_UNITS = re.compile(
    r"[(（]([^()（）]*?)牵头[,，;；]?([^()（）]*?)(配合|参与)?[)）]\s*[。.]?$"
)
ACTING_UNITS = re.compile(
    r"((?:市?[\u4e00-\u9fa5]{2,12}?(?:委|局|办|厅|公司|中心|支行)、?)+)(?:等(?:单位|部门))?要"
)
# The notice's closing: a signature (济源市人民政府办公室), a date alone (2018年3月1日), the
# printing line (…2017年8月3日印发). What follows belongs to no task.
CLOSING = re.compile(
    r"^(?:[^\s:：,，、。]{2,20}(?:人民政府|办公室|委员会)|\d{4}年\d{1,2}月\d{1,2}日|.{0,60}\d{4}年\d{1,2}月\d{1,2}日印发)$"
)
# Sections whose items are not tasks: the plan's general requirements and goals.
NOT_TASK_SECTIONS = ("总体要求", "主要目标", "工作目标", "指导思想", "基本原则")
SAFEGUARD_WORDS = ("保障",)
ORGANISATION_WORDS = ("组织实施",)


@dataclass
class Item:
    number: str  # as the transcription writes it: 二(一), or 二(一)3
    title: str
    lines: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)  # the unit leading, first
    units: list[str] = field(default_factory=list)  # every unit, the lead first
    open_ended: bool = False
    # How the text names the units: "line" (责任单位: …), "parenthesis", "acting" (the units
    # the text has act, "市发改委等单位要…"), or "" (none found).
    units_from: str = ""
    section: str = "key_task"
    numbered: bool = False  # a "1." item rather than a "(一)" one

    @property
    def text(self) -> str:
        return "\n\n".join(self.lines)


@dataclass
class DraftPlan:
    title: str
    items: list[Item] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)  # the paragraphs of 总体要求 / 目标
    preamble: list[str] = field(default_factory=list)  # before the first section
    issue_year: int | None = None  # the year the notice was issued
    sections: list[tuple[str, str]] = field(default_factory=list)  # (numeral, heading)


def split_units(text: str) -> list[str]:
    text = re.sub(r"[。.;；]+$", "", half_width(text, brackets_only=True).strip())
    return [part.strip() for part in re.split(r"[、,，;；]", text) if part.strip()]


def section_kind(heading: str) -> str | None:
    if any(word in heading for word in NOT_TASK_SECTIONS):
        return None
    if any(word in heading for word in ORGANISATION_WORDS):
        return "organisation"
    if any(word in heading for word in SAFEGUARD_WORDS) or "措施" in heading:
        return "safeguard"
    return "key_task"


def _title_of(rest: str) -> tuple[str, str]:
    """An item's title and what follows it on the same line: "(一)基本思路。按照…"."""
    rest = rest.strip()
    match = re.match(r"^(.{2,40}?)[。.]\s*(.*)$", rest)
    if match and len(match.group(1)) <= 40:
        return match.group(1), match.group(2)
    return rest, ""


def _apply_unit_line(item: Item, label: str, names: list[str]) -> None:
    item.units_from = item.units_from or "line"
    if label == "牵头单位":
        item.lead = names[:1]
        item.units = [*names, *[u for u in item.units if u not in names]]
    else:
        item.units = [*item.units, *[n for n in names if n not in item.units]]
        if not item.lead and names and label == "责任单位":
            item.lead = names[:1]


def _apply_labelled(item: Item, text: str) -> None:
    """ "牵头单位:A" — or several labels in one line or parenthesis, "牵头单位:A;配合单位:B、C"."""
    parts = LABELLED_UNITS.split(text)  # ["", label, names, label, names …]
    for label, written in zip(parts[1::2], parts[2::2], strict=True):
        names = split_units(written)
        if names and names[-1].endswith(("等部门", "等单位")):
            item.open_ended = True
        _apply_unit_line(item, label, names)


def _units_from_parenthesis(item: Item, line: str) -> str:
    """Units written in a parenthesis closing the line: "(责任单位:A、B)" or
    "(A牵头,B、C配合)"; returns the line without it."""
    if match := UNIT_PARENTHESIS.search(line):
        _apply_labelled(item, f"{match.group(1)}:{match.group(2)}")
        item.units_from = "parenthesis"
        return line[: match.start()].rstrip()
    match = PARENTHESIS_UNITS.search(line)
    if not match:
        return line
    leads, others = split_units(match.group(1)), split_units(match.group(2) or "")
    item.units_from = "parenthesis"
    item.lead = leads[:1]
    item.units = [*leads, *others]
    return line[: match.start()].rstrip()


def _units_from_acting(item: Item) -> None:
    for line in item.lines:
        match = ACTING_UNITS.search(line)
        if match:
            names = split_units(match.group(1))
            item.units = names
            item.lead = names[:1]
            item.units_from = "acting"
            item.open_ended = "等" in match.group(0)
            return


def parse(text: str) -> list[DraftPlan]:
    plans: list[DraftPlan] = []
    plan = None
    issued = re.search(
        r"(?:成文日期|发布时间)\s*[:：]\s*(\d{4})|^\s*(\d{4})年\d{1,2}月\d{1,2}日\s*$", text, re.M
    )
    issue_year = int(issued.group(1) or issued.group(2)) if issued else None
    section_numeral, section_type = "", None
    item = None
    for raw in text.splitlines():
        line = raw.strip().replace("\u3000", " ").strip()
        if not line:
            continue
        if PLAN_TITLE.match(line) and not line.startswith("关于"):
            plan = DraftPlan(title=line, issue_year=issue_year)
            plans.append(plan)
            item = None
            continue
        if plan is None:
            continue
        if CLOSING.match(line):
            item = None
            continue
        if match := SECTION.match(line):
            section_numeral, heading = match.groups()
            section_type = section_kind(heading)
            plan.sections.append((section_numeral, heading))
            item = None
            continue
        if not plan.sections:
            plan.preamble.append(line)
            continue
        if section_type is None:  # 总体要求, 工作目标: the plan's goals, no tasks
            plan.goals.append(line)
            item = None
            continue
        if match := ITEM.match(line):
            title, rest = _title_of(match.group(2))
            item = Item(
                number=f"{section_numeral}({match.group(1)})", title=title, section=section_type
            )
            if rest:
                rest = _units_from_parenthesis(item, rest)
                item.lines.append(rest)
            plan.items.append(item)
            continue
        if (match := NUMBERED.match(line)) and section_type and (item is None or item.numbered):
            # 1. 2. 3. items directly under a section (not the points of an (一) item).
            title, rest = _title_of(match.group(2))
            item = Item(
                number=f"{section_numeral}{match.group(1)}.",
                title=title,
                section=section_type,
                numbered=True,
            )
            if rest:
                item.lines.append(_units_from_parenthesis(item, rest))
            title_units = _units_from_parenthesis(item, item.title)
            item.title = title_units
            plan.items.append(item)
            continue
        if item is None:
            continue
        if UNIT_LINE.match(line):
            _apply_labelled(item, line)
            continue
        item.lines.append(_units_from_parenthesis(item, line))
    for plan in plans:
        for draft in plan.items:
            if not draft.units:
                _units_from_acting(draft)
    return plans
