"""How names and spreadsheet cells are normalised before they are compared.

Source texts and spreadsheets space names freely (also with the full-width space U+3000)
and mix full-width and ASCII brackets, digits and punctuation.
"""

import re

_SPACES = re.compile(r"\s+")  # on str, \s includes the full-width space U+3000
_BRACKETS = "\uff08\uff09"
_FULL_WIDTH = str.maketrans(
    _BRACKETS + "\uff1a\uff0c\uff0e\uff0d" + "".join(chr(0xFF10 + d) for d in range(10)),
    "():,.-0123456789",
)
_FULL_WIDTH_BRACKETS = str.maketrans(_BRACKETS, "()")


def without_spaces(value) -> str:
    """``str(value)`` with every white space removed (also U+3000); ``""`` for None."""
    if value is None:
        return ""
    return _SPACES.sub("", str(value).replace("\u3000", ""))


def half_width(text: str, *, brackets_only: bool = False) -> str:
    """Full-width brackets, colon, comma, full stop, hyphen and digits as ASCII.

    ``brackets_only`` leaves all but the brackets alone: names keep their other
    characters as the aliases in the database spell them.
    """
    return text.translate(_FULL_WIDTH_BRACKETS if brackets_only else _FULL_WIDTH)
