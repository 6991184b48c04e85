import io

import openpyxl
import pytest

from jiyuan_portal.utils.spreadsheets import text_safe_row


def written(values):
    workbook = openpyxl.Workbook()
    workbook.active.append(text_safe_row(workbook.active, values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active[1]


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil","点此")', "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"],
)
def test_text_starting_like_a_formula_is_written_as_text_with_its_value_unchanged(text):
    [cell] = written([text])

    assert cell.data_type == "s"
    assert cell.value == text
    assert cell.quotePrefix


def test_numbers_and_ordinary_text_are_written_as_they_are():
    cells = written(["虎岭", 12.5, -3, None, "合计"])

    assert [cell.value for cell in cells] == ["虎岭", 12.5, -3, None, "合计"]
    assert [cell.data_type for cell in cells[:3]] == ["s", "n", "n"]
    assert not cells[0].quotePrefix
