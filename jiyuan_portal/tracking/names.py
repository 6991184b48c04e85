"""How names of bureaus and towns are spelled in source texts and spreadsheets.

Both functions return the candidate spellings to look up, most specific first; the
aliases stored in the database decide which one is right.
"""

from jiyuan_portal.utils.text import half_width, without_spaces

# Written before a bureau's name or left off, as in 市工业和信息化委、发展和改革委员会.
_CITY_PREFIXES = ("济源市", "市")
# Suffixes a town name may carry or lose in a spreadsheet, longest first.
_TOWN_SUFFIXES = (
    "经济技术开发区",
    "高新技术产业开发区",
    "产业集聚区",
    "经济开发区",
    "管委会",
    "办事处",
    "开发区",
    "集聚区",
    "街道",
    "镇",
)


def clean(name: str) -> str:
    """Drop every kind of white space (including full-width) and normalise brackets."""
    return half_width(without_spaces(name or ""), brackets_only=True)


# How a notice says its list of units is not complete: "…环保局等单位".
OPEN_LIST_ENDINGS = ("等部门", "等单位")


def is_open_ended(units: str) -> bool:
    """Whether a 责任单位 line ends by saying others are concerned too (等部门 / 等单位)."""
    return clean(units).endswith(OPEN_LIST_ENDINGS)


def bureau_lookup_keys(name: str) -> list[str]:
    name = clean(name)
    for ending in OPEN_LIST_ENDINGS:
        if name.endswith(ending):
            name = name[: -len(ending)]
    keys = [name]
    for prefix in _CITY_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            keys.append(name[len(prefix) :])
    keys.extend(f"市{key}" for key in list(keys))
    return list(dict.fromkeys(keys))


def town_lookup_keys(name: str) -> list[str]:
    name = clean(name)
    keys = [name]
    stripped = name
    for prefix in _CITY_PREFIXES:
        if stripped.startswith(prefix) and len(stripped) > len(prefix) + 1:
            stripped = stripped[len(prefix) :]
            keys.append(stripped)
            break
    changed = True
    while changed:
        changed = False
        for suffix in _TOWN_SUFFIXES:
            if stripped.endswith(suffix) and len(stripped) > len(suffix):
                stripped = stripped[: -len(suffix)]
                keys.append(stripped)
                changed = True
                break
    return list(dict.fromkeys(keys))
