"""The numeric targets of a drafted task or plan: each figure the text sets, with its unit,
year, bound and kind, the way the transcription read them.

A figure is a number with a unit of the notice's kinds (家 个 项 万吨 亿元 万元 % 个百分点).
Its year is the year phrase of its clause (2017年, 到2020年), or the last one before it in
the text; "每年" in its clause makes one target a year from then to the plans' last (2020).
Its bound: 以上 / 不低于 / 至少 → at least, 突破 / 超过 → more than, 不超过 / 以内 / 以下 →
at most, else exact. Its kind: a
share (%), a growth (增长, 增速, 个百分点), a change against a year (比2016年降低), an amount
(万吨, 亿元, 万元) or a count. A figure in a sentence that gives money (奖励, 补助 …) belongs
to an award rule, and the figure a share rises from (由16%提高到30%) is its starting point.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

FIGURE = re.compile(
    r"(?P<before>不低于|至少|突破|最高不超过|不超过|超过|控制在|达到|达)?\s*"
    r"(?P<value>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>个百分点|万吨|亿元|万元|家|个|项|%)(?P<after>以上|以内|以下)?"
)
YEAR = re.compile(r"(?<!比)(?:到)?(\d{4})年")
# A figure in a clause about money given to someone is an award rule, not a target.
AWARD_WORDS = re.compile(r"奖励|补助|补贴|奖补|给予|资助|一次性|贴息")
# "由16%提高到30%": the first figure is where it starts from.
FROM_FIGURE = re.compile(r"^\s*(?:提高到|提高至|增加到|增长到)")
LAST_YEAR = 2020


@dataclass
class DraftTarget:
    value: Decimal
    unit: str
    year: int
    bound: str
    kind: str
    clause: str
    year_stated: bool = True  # False: no year in its sentence, one before it was taken
    baseline_value: Decimal | None = None  # 由16%提高到30%: 16
    issue_year: int | None = None  # the notice's: where a 由…提高到… figure stands now

    @property
    def baseline_year(self) -> int | None:
        """The year a change is measured against (比2016年降低18%), or, for a figure that
        rises from a starting one (由16%提高到30%), the notice's year."""
        match = re.search(r"比(\d{4})年", self.clause)
        if match:
            return int(match.group(1))
        return self.issue_year if self.baseline_value is not None else None


def _bound(before: str | None, after: str | None, clause_start: str) -> str:
    if after in ("以内", "以下") or before in ("最高不超过", "不超过"):
        return "at_most"
    if after or before in ("不低于", "至少") or "不低于" in clause_start[-6:]:
        return "at_least"
    if before in ("突破", "超过"):
        return "more_than"
    return "exact"


def _kind(unit: str, context: str) -> str:
    if unit == "个百分点" or (unit == "%" and re.search(r"增长|增速", context)):
        return "growth"
    if unit == "%" and re.search(r"比\d{4}年.{0,4}降低|降低", context):
        return "change"
    if unit == "%":
        return "share"
    if unit in ("万吨", "亿元", "万元"):
        return "amount"
    return "count"


def of_text(paragraphs: list[str], issue_year: int | None, default_year: int | None = None):
    """The targets of some paragraphs, in the order of the text."""
    targets = []
    first = issue_year or 2017
    year = None  # carried from paragraph to paragraph, as a year heads what follows it
    for paragraph in paragraphs:
        for sentence in re.split(r"[。;；]", paragraph):
            sentence_year = None  # "2017年起,每年…": where a yearly target starts
            for clause in re.split(r"[,，]", sentence):
                yearly = "每年" in clause
                if match := YEAR.search(clause):
                    year = sentence_year = int(match.group(1))
                if AWARD_WORDS.search(sentence):
                    continue
                baseline = None
                for figure in FIGURE.finditer(clause):
                    if FROM_FIGURE.match(clause[figure.end() :]):
                        baseline = Decimal(figure.group("value"))
                        continue
                    context = clause[: figure.start()]
                    bound = _bound(figure.group("before"), figure.group("after"), context)
                    kind = _kind(figure.group("unit"), clause)
                    value = Decimal(figure.group("value"))
                    if 1900 < value < 2100 and figure.group("unit") == "个":
                        continue
                    years = (
                        range(sentence_year or first, LAST_YEAR + 1)
                        if yearly
                        else [year or default_year or first]
                    )
                    stated = yearly or sentence_year is not None
                    for each in years:
                        targets.append(
                            DraftTarget(
                                value,
                                figure.group("unit"),
                                each,
                                bound,
                                kind,
                                clause,
                                stated,
                                baseline,
                                first,
                            )
                        )
    return targets


def years_named(paragraphs: list[str]) -> list[int]:
    return [int(year) for paragraph in paragraphs for year in YEAR.findall(paragraph)]


def of_task(paragraphs: list[str], issue_year: int | None) -> list[DraftTarget]:
    """A task's targets; a figure without a year is due by the last year the task names."""
    named = years_named(paragraphs)
    return of_text(paragraphs, issue_year, max(named) if named else None)


def of_plan(goals: list[str], issue_year: int | None, task_targets=()) -> list[DraftTarget]:
    """The plan's general targets; one a task restates is the task's."""
    taken = {(t.year, t.value, t.unit) for t in task_targets}
    return [t for t in of_text(goals, issue_year) if (t.year, t.value, t.unit) not in taken]
