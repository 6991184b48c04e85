"""The header of a notice: its number (文号), title, issuer, the office that issued it, its
index number and its dates, the way ``fixtures/notice.yaml`` records them.

Notices published on the government's site carry a header of labelled fields, several to a
line and spaced freely ("索 引 号: … 有 效 性: 有效", "发文机关: 市政府办公室 发文字号: 济政
〔2017〕27号", "标  题: …", "成文日期: 2017-08-02 发布时间: 2017-08-02"). A notice copied
from elsewhere has none, so each field falls back on how the notice itself writes it: the
"关于…的通知" line as its title, its number alone on a line, its date alone on a line, the
signature above that date, and the footer "…办公室 2017年8月3日印发". The issuer is read
from the number's prefix first, as the prefix is the issuing government's own (济政 is 济源
市人民政府's, whoever's office printed it).
"""

import datetime
import itertools
import re
from dataclasses import dataclass, field

# Brackets around a number's year, as notices and web pages spell them, all read as 〔〕.
_OPEN, _CLOSE = "〔[［【﹝(（", "〕]］】﹞)）"
NUMBER = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fa5]{{1,10}})\s*[{re.escape(_OPEN)}]\s*(?P<year>\d{{4}})\s*"
    rf"[{re.escape(_CLOSE)}]\s*(?P<serial>\d{{1,4}})\s*号"
)
# The governments whose numbers the portal knows, by the prefix of the number.
ISSUERS = {
    "济政": "济源市人民政府",
    "济政办": "济源市人民政府",
    "济政文": "济源市人民政府",
}
# The header's labels, each spaced as the site pleases ("索 引 号", "标  题").
LABELS = {
    "index_number": ("索引号",),
    "validity": ("有效性",),
    "issuing_office": ("发文机关", "发布机构"),
    "number": ("发文字号", "文号"),
    "title": ("标题",),
    "issued_on": ("成文日期",),
    "published_on": ("发布时间", "发布日期"),
    "topic": ("主题分类", "主题词"),
}
_SPACED = r"[ \t\u3000]*"
_LABEL = re.compile(
    "(?:"
    + "|".join(
        rf"(?P<{key}_{n}>{_SPACED.join(label)})"
        for key, labels in LABELS.items()
        for n, label in enumerate(labels)
    )
    + ")"
    + _SPACED
    + "[:：]"
)
DATE = re.compile(r"(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?")
DATE_LINE = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$")
TITLE_LINE = re.compile(r"^关于\S.*(?:通知|意见|决定|通报|批复)$")
PRINTED_LINE = re.compile(
    r"^(?P<office>\S{2,30}?)\s*(?P<date>\d{4}年\d{1,2}月\d{1,2}日)\s*印发\s*$"
)
SIGNATURE_LINE = re.compile(r"^\S{2,30}(?:人民政府|人民政府办公室|政府办公室|办公厅|委员会|局|厅)$")
FIELDS = (
    "number",
    "title",
    "issuer",
    "issuing_office",
    "index_number",
    "issued_on",
    "published_on",
    "printed_on",
)


@dataclass
class DraftNotice:
    number: str = ""
    title: str = ""
    issuer: str = ""
    issuing_office: str = ""
    index_number: str = ""
    issued_on: datetime.date | None = None
    published_on: datetime.date | None = None
    printed_on: datetime.date | None = None
    # The fields the text does not give, or gives only by inference (an issuing office read
    # from the footer): what the reviewer should fill in or check.
    unsure: list[str] = field(default_factory=list)


def normalise_number(text: str) -> str:
    """济政[2017]27号, 济政【2017】27号, 济政(2017)27号 → 济政〔2017〕27号."""
    match = NUMBER.search(text)
    if not match:
        return ""
    return f"{match['prefix']}〔{match['year']}〕{match['serial']}号"


def _date(text: str) -> datetime.date | None:
    match = DATE.search(text or "")
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _lines(text: str) -> list[str]:
    return [line.replace("\u3000", " ").strip() for line in text.splitlines()]


def labelled_fields(text: str) -> dict[str, str]:
    """The header's labelled fields, {key: value as written}; the first of each wins, as the
    header comes before any text that might quote a label."""
    found: dict[str, str] = {}
    for line in _lines(text):
        labels = list(_LABEL.finditer(line))
        for label, following in zip(labels, [*labels[1:], None], strict=False):
            key = re.sub(r"_\d+$", "", label.lastgroup or "")
            end = following.start() if following else len(line)
            value = line[label.end() : end].strip()
            if value and key not in found:
                found[key] = value
    return found


def _issuer_of(number: str, lines: list[str]) -> str:
    """The government whose number it is; else the signature above the notice's date."""
    if match := NUMBER.search(number):
        issuer = ISSUERS.get(match["prefix"])
        if issuer:
            return issuer
    candidates = [line for line in lines if line]
    for line, after in itertools.pairwise(candidates):
        if SIGNATURE_LINE.match(line) and DATE_LINE.match(after):
            return line
    return ""


def parse_header(text: str) -> DraftNotice:
    fields = labelled_fields(text)
    lines = _lines(text)
    notice = DraftNotice()
    inferred = []

    notice.number = normalise_number(fields.get("number", ""))
    if not notice.number:
        alone = next((line for line in lines if NUMBER.fullmatch(line)), "")
        notice.number = normalise_number(alone)

    notice.title = fields.get("title", "")
    if not notice.title:
        notice.title = next((line for line in lines if TITLE_LINE.match(line)), "")

    notice.index_number = fields.get("index_number", "")
    notice.issued_on = _date(fields.get("issued_on", ""))
    if notice.issued_on is None:
        notice.issued_on = _date(next((line for line in lines if DATE_LINE.match(line)), ""))
    notice.published_on = _date(fields.get("published_on", ""))

    printed = next((match for line in lines if (match := PRINTED_LINE.match(line))), None)
    if printed:
        notice.printed_on = _date(printed["date"])

    notice.issuing_office = fields.get("issuing_office", "")
    if not notice.issuing_office and printed:
        # The office that printed the notice stands for the one that issued it; the
        # published header names it shorter (市政府办公室), so the reviewer should look.
        notice.issuing_office = printed["office"]
        inferred.append("issuing_office")

    notice.issuer = _issuer_of(notice.number, lines)

    notice.unsure = [name for name in FIELDS if not getattr(notice, name)]
    notice.unsure += [name for name in inferred if name not in notice.unsure]
    return notice
