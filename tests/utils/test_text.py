from jiyuan_portal.utils.text import half_width, without_spaces


def test_without_spaces_removes_every_white_space_including_the_full_width_one():
    assert without_spaces(" 虎岭\u3000产业\n集聚区\t") == "虎岭产业集聚区"


def test_without_spaces_turns_none_into_empty_text_and_other_values_into_text():
    assert without_spaces(None) == ""
    assert without_spaces(6.5) == "6.5"


def test_half_width_turns_full_width_brackets_punctuation_and_digits_into_ascii():
    assert half_width("（亿元）：１，２３４．５－") == "(亿元):1,234.5-"


def test_half_width_brackets_only_leaves_digits_and_punctuation_alone():
    assert half_width("（１２）：", brackets_only=True) == "(１２)："
