"""What a unit allows: how many decimals a reported value may have, and whether it may be
negative. Units not listed allow two decimals and no negative value."""

COUNT_UNITS = {"家", "个", "项", "户", "座", "台", "套"}
DECIMALS = {"亿元": 4, "万元": 2, "万吨": 2, "万千瓦": 2, "%": 2, "个百分点": 2}
DEFAULT_DECIMALS = 2
# Kinds of target whose value may fall below zero (a growth rate, a change).
SIGNED_KINDS = {"growth", "change"}


def decimals_for(unit: str) -> int:
    return 0 if unit in COUNT_UNITS else DECIMALS.get(unit, DEFAULT_DECIMALS)


def allows_negative(kind: str) -> bool:
    return kind in SIGNED_KINDS
