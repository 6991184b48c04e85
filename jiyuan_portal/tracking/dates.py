"""Turn the deadline phrases of the source text into dates.

2017年5月底前     -> 2017-05-31
6月底前 (in 2017) -> 2017-06-30
2018年 / 到2020年 -> the last day of that year
年底前 (in 2018)   -> 2018-12-31 (also 年末前, 年内)
持续 / 常态化      -> ongoing, no date
每年 / 每年滚动    -> yearly, no date
未明确时限         -> undated: the text gives no date (a 时间节点 such as 攻克一批先进基础工艺)
"""

import calendar
import datetime
import re
from dataclasses import dataclass

ONGOING_WORDS = ("持续", "常态化", "长期")
UNDATED_WORDS = ("未明确时限",)
YEARLY_WORDS = ("每年",)

_YEAR_MONTH_DAY = re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日")
_MONTH_END = re.compile(r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?:底|末)?")
_YEAR = re.compile(r"(?P<year>\d{4})年")
_YEAR_END = re.compile(r"^(?:到)?(?:年底|年末|年内)")


class DeadlineError(ValueError):
    pass


@dataclass(frozen=True)
class Deadline:
    due_date: datetime.date | None
    recurrence: str  # "once", "yearly", "ongoing" or "undated", as Milestone.Recurrence


def _month_end(year: int, month: int) -> datetime.date:
    if not 1 <= month <= 12:
        raise DeadlineError(f"no such month: {month}")
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(phrase: str, year: int | None = None) -> Deadline:
    """Parse ``phrase``; ``year`` is the year of the paragraph, for phrases without one."""
    phrase = (phrase or "").strip()
    if any(word in phrase for word in UNDATED_WORDS):
        return Deadline(None, "undated")
    if any(word in phrase for word in YEARLY_WORDS):
        return Deadline(None, "yearly")
    if any(word in phrase for word in ONGOING_WORDS):
        return Deadline(None, "ongoing")
    if match := _YEAR_MONTH_DAY.search(phrase):
        return Deadline(
            datetime.date(int(match["year"]), int(match["month"]), int(match["day"])), "once"
        )
    if match := _MONTH_END.search(phrase):
        month_year = match["year"] or year
        if month_year is None:
            raise DeadlineError(f"{phrase!r} names a month but no year, and none was given")
        return Deadline(_month_end(int(month_year), int(match["month"])), "once")
    if match := _YEAR.search(phrase):
        return Deadline(datetime.date(int(match["year"]), 12, 31), "once")
    if _YEAR_END.search(phrase):
        if year is None:
            raise DeadlineError(
                f"{phrase!r} names the end of a year but not which, and none was given"
            )
        return Deadline(datetime.date(int(year), 12, 31), "once")
    raise DeadlineError(f"cannot read a deadline from {phrase!r}")
