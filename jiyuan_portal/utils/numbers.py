"""Numbers for display."""

from decimal import Decimal


def plain_decimal(value) -> Decimal:
    """``Decimal('120.0000')`` → ``120``, ``Decimal('6.5000')`` → ``6.5`` (never ``1.2E+2``).

    Stored values carry the model's decimal places; people write them without trailing
    zeros. Format the result with ``"f"`` (``f"{plain_decimal(v):f}"``) for text that
    never uses an exponent, or with ``number_format`` for the page.
    """
    value = Decimal(value)
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
