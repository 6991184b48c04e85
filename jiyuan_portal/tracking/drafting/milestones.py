"""The dated commitments (时间节点) of a drafted task: each phrase of a deadline with what
must be done by then, the way the transcription read them.

A 时间节点 paragraph is cut into clauses (at 。 and ; and at a comma that opens a new
deadline); a clause opening with a deadline phrase (2017年5月底前, 6月底前, 到2020年,
持续, 常态化, 每年) is a milestone, its year carried to the phrases after it that have none.
A clause that counts something (2家, 120万吨, 20%) is a numeric target, not a milestone. A
paragraph with no deadline at all is one undated milestone per clause (未明确时限). Outside
时间节点, a clause opening with 持续 or 到20XX年 in a labelled paragraph (退出任务:…) or a
sentence is a milestone too.
"""

import re
from dataclasses import dataclass

from ..dates import DeadlineError, parse_deadline

DEADLINE = re.compile(
    r"^(?P<phrase>(?:到)?(?:\d{4}年)(?:\d{1,2}月(?:底|末)?前?|年?(?:底|末)前?)?"
    r"|\d{1,2}月(?:底|末)前?|年(?:底|末)前?|年内|持续|常态化|每年(?:滚动)?)"
)
COUNTED = re.compile(r"\d+(?:\.\d+)?\s*(?:家|个|项|万吨|亿元|万元|%|户|台|条|万千瓦|百分点)")
LABEL = re.compile(r"^(时间节点|退出任务|工作目标)\s*[:：]\s*")
UNDATED = "未明确时限"


@dataclass
class DraftMilestone:
    when: str
    what: str
    year: int | None = None  # the year carried from an earlier phrase
    source: str = ""  # the sentence it came from

    def deadline(self):
        try:
            return parse_deadline(self.when, self.year)
        except DeadlineError:
            return None


def _clauses(body: str) -> list[str]:
    parts = []
    for sentence in re.split(r"[。;；]", body):
        start = 0
        for match in re.finditer(r"[,，]", sentence):
            if DEADLINE.match(sentence[match.end() :].lstrip()):
                parts.append(sentence[start : match.start()])
                start = match.end()
        parts.append(sentence[start:])
    return [part.strip(" ,，") for part in parts if part.strip(" ,，")]


def _year_of(phrase: str) -> int | None:
    match = re.search(r"(\d{4})年", phrase)
    return int(match.group(1)) if match else None


def _uncounted_runs(text: str) -> list[str]:
    """The runs of ``text``'s comma-separated parts that count nothing: "争取…取得突破,
    建成…20家以上,基本实现…全覆盖" is two commitments around a target."""
    runs, run = [], []
    for part in re.split(r"[,，]", text):
        part = part.strip()
        if not part:
            continue
        if COUNTED.search(part):
            if run:
                runs.append(",".join(run))
            run = []
        else:
            run.append(part)
    if run:
        runs.append(",".join(run))
    return runs


def _uncounted(text: str) -> str:
    runs = _uncounted_runs(text)
    return runs[0] if len(runs) == 1 else ""


def from_timeline(body: str, source: str = "", carry_years=True) -> list[DraftMilestone]:
    """The milestones of a 时间节点 paragraph's body (or of a goal paragraph)."""
    milestones, year, dated = [], None, False
    for clause in _clauses(body):
        match = DEADLINE.match(clause)
        if not match:
            # Before any deadline: a commitment the text gives no date (未明确时限).
            if not dated and (what := _uncounted(clause)) and carry_years:
                milestones.append(DraftMilestone(UNDATED, what, source=source))
            continue
        dated = True
        phrase = match.group("phrase")
        year = _year_of(phrase) or year
        if not clause[match.end() :].strip(" ,，") and carry_years:
            # "时间节点:2018年6月底前" alone (a 任务分解 table's 完成时限): the task itself
            # is due then; its title is what (``fixture.as_fixture``).
            milestones.append(
                DraftMilestone(phrase, "", None if _year_of(phrase) else year, source)
            )
            continue
        for what in _uncounted_runs(clause[match.end() :]):
            milestones.append(
                DraftMilestone(phrase, what, None if _year_of(phrase) else year, source)
            )
    return milestones


def _shares_words(one: str, other: str, length: int = 8) -> bool:
    return any(one[i : i + length] in other for i in range(max(len(one) - length + 1, 0)))


def plan_milestones(goals: list[str], issue_year=None, task_milestones=()) -> list[DraftMilestone]:
    """The plan's own dated goals: in its 总体要求 / 工作目标 paragraphs, what is due by a
    later year than the notice's (到2020年, 2020年 …) and counts nothing. The goals of the
    notice's own year are what the tasks' 时间节点 set out, and a goal a task repeats is
    the task's."""
    milestones = []
    for paragraph in goals:
        label = LABEL.match(paragraph)
        body = paragraph[label.end() :] if label else paragraph
        body = re.sub(r"^[(（][一二三四五六七八九十]+[)）][^。]{0,12}。", "", body)
        for sentence in re.split(r"[。;；]", body):
            if not DEADLINE.match(sentence.strip()):
                continue
            for found in from_timeline(sentence.strip(), paragraph, carry_years=False):
                year = _year_of(found.when)
                if not year or (issue_year and year <= issue_year):
                    continue
                if any(_shares_words(found.what, m.what) for m in task_milestones):
                    continue
                milestones.append(found)
    return milestones


def of_paragraphs(paragraphs: list[str], issue_year: int | None = None) -> list[DraftMilestone]:
    """The milestones of a task's paragraphs, in the order of the text; a deadline naming no
    year (年底前, 6月底前) in a sentence of its own is in the notice's year."""
    milestones = []
    for paragraph in paragraphs:
        label = LABEL.match(paragraph)
        if label and label.group(1) == "时间节点":
            milestones.extend(from_timeline(paragraph[label.end() :], paragraph))
            continue
        body = paragraph[label.end() :] if label else paragraph
        for sentence in re.split(r"[。;；]", body):
            sentence = sentence.strip()
            match = DEADLINE.match(sentence)
            if match and _year_of(match.group()) and re.match(r"[,，]", sentence[match.end() :]):
                # "2017年,重点在…谋划实施…" / "到2020年,争取…": a sentence opened by its year
                for what in _uncounted_runs(sentence[match.end() :]):
                    milestones.append(DraftMilestone(match.group("phrase"), what, None, paragraph))
                continue
            phrase = match.group("phrase") if match else ""
            dated = _year_of(phrase) or (issue_year and re.search(r"月|年(?:底|末|内)", phrase))
            if dated and phrase.endswith(("前", "年内")):
                # "2018年6月底前完成…", "年底前完成…": a sentence opened by its deadline
                year = None if _year_of(phrase) else issue_year
                for what in _uncounted_runs(sentence[match.end() :]):
                    milestones.append(DraftMilestone(phrase, what, year, paragraph))
                continue
            for clause in _clauses(sentence):
                match = DEADLINE.match(clause)
                if match and match.group("phrase") in ("持续", "常态化"):
                    if what := _uncounted(clause[match.end() :]):
                        milestones.append(
                            DraftMilestone(match.group("phrase"), what, None, paragraph)
                        )
                elif label and "常态化" in clause and (what := _uncounted(clause)):
                    milestones.append(DraftMilestone("常态化", what, None, paragraph))
    return milestones
