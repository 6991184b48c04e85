from decimal import Decimal

import pytest

from jiyuan_portal.utils.numbers import plain_decimal


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("120.0000"), "120"),
        (Decimal("6.5000"), "6.5"),
        (Decimal("0.0001"), "0.0001"),
        (Decimal("1E+2"), "100"),
        ("8.10", "8.1"),
        (3, "3"),
    ],
)
def test_plain_decimal_drops_trailing_zeros_and_never_uses_an_exponent(value, text):
    result = plain_decimal(value)

    assert isinstance(result, Decimal)
    assert f"{result:f}" == text
    assert str(result) == text


def test_plain_decimal_keeps_the_value():
    assert plain_decimal(Decimal("6.5000")) == Decimal("6.5")


def test_plain_decimal_refuses_none():
    with pytest.raises(TypeError):
        plain_decimal(None)
