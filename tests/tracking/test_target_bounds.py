"""The bound of every target reads as its clause words it: 超过 / 突破 right before the
value is strictly more (more_than), 以上 / 不低于 at least (or exact where the text says 达到)."""

from decimal import Decimal

from jiyuan_portal.tracking.models import Target
from jiyuan_portal.utils.numbers import plain_decimal


def test_every_target_whose_clause_says_more_than_its_value_is_strictly_more(seed):
    strict, loose = [], []
    for target in Target.objects.all():
        value = f"{plain_decimal(Decimal(target.value)):f}"
        said = any(f"{word}{value}" in target.clause for word in ("超过", "突破"))
        if said:
            strict.append(target.code)
            if target.bound != Target.Bound.MORE_THAN:
                loose.append(target.code)
        elif target.bound == Target.Bound.MORE_THAN:
            loose.append(target.code)
    assert loose == []
    assert sorted(strict) == [
        "high-tech-enterprises-2017",
        "high-tech-enterprises-2018",
        "national-rd-platforms-2020",
        "reform-investment-share-2018",
    ]
