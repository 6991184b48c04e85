"""The award and subsidy rules (奖励, 补助, 后补助, 奖补, 配套支持) a task's text states, the
way the transcription in ``fixtures/plans/*.yaml`` reads them: one rule per amount the text
pays, with what it is paid for, how it is reckoned and the limits the text sets.

A rule is a "给予…奖励" (or "奖励N万元") and its subject, the "对…的" / "认定为…的" /
"凡…的" before it. Its method is what the text says of the money:
- ``fixed``: an amount (给予30万元奖励, 给予一次性500万元的补助);
- ``rate``: a share of something (按照设备、研发投入的30%给予后补助), ``base_label`` the
  something;
- ``unspecified``: the text promises money without saying how much (给予资金奖励, 按照…的一定
  比例给予后补助); ``amount_note`` quotes it.
A "给予奖补" that says none of these is a policy restated, not a rule the portal could pay
by ("重点按照节能降耗效果给予奖补" repeats two rules of the plan), and a 补贴 or 资助 is
another programme's (培训补贴, 住房补贴): neither is drafted.

"分别给予50万元、30万元奖励" for "国家级、省级" gives one rule per level, and a subject naming
several kinds of recognition ("技术创新示范企业、质量标杆企业", or "(智能工厂、智能车间)") one
rule per kind, as the portal registers each apart. A registry, conditions and fields are the
portal's and not drafted.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

MONEY = r"\d+(?:\.\d+)?(?:万元|元)"
AWARD = r"资金奖励|资金补助|后补助|补助|奖补|奖励|配套支持"
GIVE = re.compile(
    r"给予(?:其申报单位|申报单位|其)?(?P<once>一次性)?(?P<some>一定(?:数额)?的?)?"
    rf"(?P<amounts>(?:{MONEY}[、和及]?)*)的?(?P<word>{AWARD})(?P<after>(?:{MONEY}[、和及]?)*)"
)
# "一次性奖励50万元", with no 给予.
GIVE_AMOUNT = re.compile(rf"(?P<once>一次性)?(?P<word>奖励|补助)(?P<after>(?:{MONEY}[、和及]?)+)")
AMOUNT = re.compile(r"(\d+(?:\.\d+)?)(万元|元)")
RATE = re.compile(r"按(?:照)?(?P<base>[^,，。;；按]*?)的?(?P<rate>\d+(?:\.\d+)?)%")
SOME_RATE = re.compile(r"按(?:照)?(?P<base>[^,，。;；按]*?)的?一定比例")
SUBJECT = re.compile(r"对于|(?<![针面相绝反])对(?![外接])|凡是|凡|经?认定为|获评为?")
SUBJECT_END = re.compile(r"[,，]|分别|给予|按照?")
THRESHOLD = re.compile(r"(?P<label>[^,，的]*?)在?(?P<value>\d+(?:\.\d+)?)万元(?:及)?以上的?")
CAP = re.compile(r"(?:最高(?:不超过|不得超过|可达)?|不超过|不得超过)(?P<value>\d+(?:\.\d+)?)万元")
DURATION = re.compile(r"连续(?:支持|补助|奖励|资助)?(\d+)年")
FIRST_YEAR = re.compile(r"(?:从|自)?(\d{4})年(?:起|开始)")
LEVEL = re.compile(r"国家级|省级|市级|县级")
LEVELS = re.compile(r"^(?:(?:国家级|省级|市级|县级)[、和及]?)+(?:认定的)?")
LEADING_VERBS = re.compile(r"^(?:经?认定为|被认定为|通过|获得|获评为?|创建成为|创建为|成功创建)")
TRAILING_OF = re.compile(r"的(?:企业|单位|项目|个人)?$")
# What a kind of recognition is called by: a subject is a list of kinds only if each of its
# parts ends so ("重大节能、节水、…示范项目" is one kind with several qualities).
HEADS = ("企业", "中心", "单位", "工厂", "园区", "基地", "平台", "车间", "项目", "产品", "方案")
PAREN = re.compile(r"[(（]([^()（）]*)[)）]")
NAME_LENGTH = 60


@dataclass
class DraftAwardRule:
    task: str
    name: str
    clause: str
    method: str  # "fixed" | "rate" | "unspecified"
    fixed_amount: Decimal | None = None  # 万元
    rate: Decimal | None = None  # percent
    base_label: str = ""
    threshold: Decimal | None = None  # 万元
    threshold_label: str = ""
    cap: Decimal | None = None  # 万元, a project's
    annual_cap: Decimal | None = None  # 万元, a year's
    duration_years: int | None = None
    first_year: int | None = None
    amount_note: str = ""
    unsure: list[str] = field(default_factory=list)


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, each as a clause is quoted: with its 。, not its ;."""
    parts = re.findall(r"[^。;；]+[。;；]?", paragraph)
    return [part.rstrip(";；").strip() for part in parts if part.strip(" 。;；")]


def _masked(text: str) -> str:
    """``text`` with what its parentheses hold blanked out, offsets kept: a comma in
    "(若开展试点示范工作,以取得试点示范为准)" does not end a subject."""
    out, depth = [], 0
    for char in text:
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(depth - 1, 0)
        elif depth:
            char = "□"
        out.append(char)
    return "".join(out)


def _amounts(text: str) -> list[Decimal]:
    return [
        Decimal(value) if unit == "万元" else Decimal(value) / 10000
        for value, unit in AMOUNT.findall(text or "")
    ]


def _gives(sentence: str) -> list[re.Match]:
    masked = _masked(sentence)
    found = list(GIVE.finditer(masked))
    for match in GIVE_AMOUNT.finditer(masked):
        if not any(m.start() <= match.start() < m.end() for m in found):
            found.append(match)
    return sorted(found, key=lambda m: m.start())


def _subject(segment: str) -> str:
    """Who or what is rewarded, as written: "获得国家级、省级服务型制造领域试点示范的企业"."""
    masked = _masked(segment)
    if marker := SUBJECT.search(masked):
        start = marker.end()
        end = SUBJECT_END.search(masked, start)
        return segment[start : end.start() if end else len(segment)].strip()
    # No "对…": the sentence's first words ("创新中心从列入市培育名单年度起,…").
    first = re.split(r"[,，]", segment.strip())[0]
    return re.split(r"从|自|以|按照?|在", first)[0].strip()


def _threshold(subject: str) -> tuple[Decimal | None, str]:
    if match := THRESHOLD.search(subject):
        return Decimal(match["value"]), match["label"].strip()
    return None, ""


def _is_kind(part: str) -> bool:
    return len(part) >= 3 and part.removesuffix("等").endswith(HEADS)


def _kinds(text: str) -> list[str]:
    """The kinds a list names, or [] if it is not a list of kinds."""
    masked, parts, start = _masked(text), [], 0
    for at in [m.start() for m in re.finditer("、", masked)] + [len(text)]:
        parts.append(text[start:at].strip())
        start = at + 1
    parts = [part for part in parts if part]
    if len(parts) > 1 and all(_is_kind(part) for part in parts):
        return parts
    return []


def _what(subject: str) -> tuple[str, list[str], list[str]]:
    """The subject as a rule's name says it, and the kinds it lists (top level; and in its
    parenthesis) that each make a rule of their own."""
    what = TRAILING_OF.sub("", subject.strip(" ,，"))
    what = re.sub(rf"^.*?{THRESHOLD.pattern}", "", what)
    what = LEADING_VERBS.sub("", what)
    what = LEVELS.sub("", what)
    what = what.replace("领域", "")
    listed: list[str] = []
    for match in PAREN.finditer(what):
        if not listed:
            listed = _kinds(match.group(1))
    # A parenthesis holding a list or an aside goes; "首台(套)" stays.
    what = PAREN.sub(lambda m: "" if re.search(r"[、,，;；]", m.group(1)) else m.group(0), what)
    top = _kinds(what)
    return what, top, listed


def _base(text: str) -> str:
    """What a rate is of, as the transcription labels it: "项目的设备、研发投入" → "设备、
    研发投入", "年度内购置…设备投入资金" → "年度购置…设备投入"."""
    text = re.sub(r"^(?:项目|企业的项目)的", "", text.strip())
    text = re.sub(r"^(年度)内", r"\1", text)
    return re.sub(r"资金$", "", text)


def _rule_for(
    sentence: str, give: re.Match, segment: str, tail: str, task: str, first_year: int | None
) -> list[DraftAwardRule]:
    groups = give.groupdict()
    word = ("一次性" if groups.get("once") else "") + give["word"]
    amounts = _amounts(groups.get("amounts")) + _amounts(give["after"])
    unsure: list[str] = []
    method, rate, base, note = "fixed", None, "", ""
    if not amounts:
        rates = list(RATE.finditer(segment))
        some = list(SOME_RATE.finditer(segment))
        if rates and not (some and some[-1].start() > rates[-1].start()):
            method, rate, base = "rate", Decimal(rates[-1]["rate"]), _base(rates[-1]["base"])
        elif some or groups.get("some") or give["word"].startswith("资金"):
            method = "unspecified"
            start = some[-1].start() if some else give.start()
            note = sentence[start : give.end()]
            base = _base(some[-1]["base"]) if some else ""
            unsure.append("amount")
        else:
            return []  # "给予奖补" and no more: a policy restated, not a rule to pay by.
    subject = _subject(segment)
    threshold, threshold_label = _threshold(subject)
    what, top_kinds, listed = _what(subject)
    levels = LEVEL.findall(subject)
    if len(amounts) > 1 and len(levels) != len(amounts):
        levels = [f"第{n}档" for n in range(1, len(amounts) + 1)]
        unsure.append("levels")
    # A cap is a year's when its clause says so: "年度补助金额最高不超过500万元".
    caps = [
        (m, re.search(r"年度|每年", re.split(r"[,，]", tail[: m.start()])[-1]))
        for m in CAP.finditer(tail)
    ]
    cap = next((Decimal(m["value"]) for m, annual in caps if not annual), None)
    annual_cap = next((Decimal(m["value"]) for m, annual in caps if annual), None)
    duration = DURATION.search(segment + tail)
    clause = sentence.strip()

    def name(kind: str | None, level: str | None) -> str:
        # A kind the subject lists is the rule's name; one its parenthesis lists qualifies it.
        text = kind + word if kind and top_kinds else what + word + (f"({kind})" if kind else "")
        return (text + (f"({level})" if level else ""))[:NAME_LENGTH]

    if len(amounts) > 1:
        paid = list(zip(amounts, levels, strict=True))
    else:
        paid = [(amounts[0] if amounts else None, None)]
    return [
        DraftAwardRule(
            task=task,
            name=name(kind, level),
            clause=clause,
            method=method,
            fixed_amount=amount,
            rate=rate,
            base_label=base if method == "rate" else "",
            threshold=threshold,
            threshold_label=threshold_label,
            cap=cap,
            annual_cap=annual_cap,
            duration_years=int(duration.group(1)) if duration else None,
            first_year=first_year,
            amount_note=note,
            unsure=list(unsure),
        )
        for kind in (top_kinds or listed or [None])
        for amount, level in paid
    ]


def of_sentence(sentence: str, task: str, first_year: int | None = None) -> list[DraftAwardRule]:
    rules = []
    gives = _gives(sentence)
    for n, give in enumerate(gives):
        start = gives[n - 1].end() if n else 0
        end = gives[n + 1].start() if n + 1 < len(gives) else len(sentence)
        segment, tail = sentence[start : give.start()], sentence[give.start() : end]
        rules += _rule_for(sentence, give, segment, tail, task, first_year)
    return rules


def of_task(paragraphs: list[str], task_number: str) -> list[DraftAwardRule]:
    """The award rules a task's paragraphs state, in the order of the text. "从2017年起"
    holds for the rules after it in its paragraph, as the text writes it once."""
    rules = []
    for paragraph in paragraphs:
        first_year = None
        for sentence in sentences(paragraph):
            if match := FIRST_YEAR.search(sentence):
                first_year = int(match.group(1))
            rules += of_sentence(sentence, task_number, first_year)
    return rules
