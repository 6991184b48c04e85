"""The text of an uploaded notice: a Word document's paragraphs and tables in reading order,
a 任务分解 table written as the lines the drafter reads."""

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from jiyuan_portal.drafts.reading import text_of_upload
from jiyuan_portal.tracking.drafting.draft import draft_notice


def word_with_task_table() -> SimpleUploadedFile:
    document = docx.Document()
    document.add_paragraph("济源市示例推进工作方案")
    document.add_paragraph("二、任务分解")
    table = document.add_table(rows=3, cols=5)
    rows = [
        ("序号", "工作任务", "牵头单位", "责任单位", "完成时限"),
        (
            "1",
            "开展示例排查。全面摸清底数。",
            "市发展和改革委员会",
            "市财政局、市统计局",
            "2018年6月底前",
        ),
        ("2", "建立示例台账", "市工业和信息化委员会", "市商务局", "2018年12月底前"),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("三、保障措施")
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("示例.docx", buffer.getvalue())


def test_a_task_table_in_a_word_document_drafts_one_task_a_row_with_its_units_and_deadline():
    text = text_of_upload(word_with_task_table())

    [plan] = draft_notice(text)["plans"]

    first, second = plan["tasks"]
    assert (first["number"], first["title"]) == ("二(一)", "开展示例排查")
    assert first["responsible"] == "市发展和改革委员会、市财政局、市统计局"
    assert [(m["when"], m["what"]) for m in first["milestones"]] == [
        ("2018年6月底前", "开展示例排查")
    ]
    assert second["responsible"] == "市工业和信息化委员会、市商务局"
    assert [(m["when"], m["what"]) for m in second["milestones"]] == [
        ("2018年12月底前", "建立示例台账")
    ]


def test_a_table_that_is_not_a_task_table_is_read_cell_by_cell():
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "甲"
    table.rows[0].cells[1].text = "乙"
    buffer = io.BytesIO()
    document.save(buffer)

    assert text_of_upload(SimpleUploadedFile("表.docx", buffer.getvalue())) == "甲\n乙"


PASTED_TABLE = (
    "济源市示例推进工作方案\n"
    "二、任务分解\n"
    "序号\t工作任务\t牵头单位\t责任单位\t完成时限\n"
    "1\t开展示例排查\t市发改委\t市财政局、市统计局\t2018年6月底前\n"
    "2\t建立示例台账\t市工业和信息化委员会\t\t2018年12月底前\n"
    "三、保障措施\n"
)


def test_a_task_table_pasted_from_word_as_tab_separated_lines_drafts_one_task_a_row():
    draft = draft_notice(PASTED_TABLE)

    first, second = draft["plans"][0]["tasks"]
    assert (first["title"], first["responsible"]) == (
        "开展示例排查",
        "市发改委、市财政局、市统计局",
    )
    assert first["milestones"][0]["when"] == "2018年6月底前"
    assert second["responsible"] == "市工业和信息化委员会"
    # Each item is found in the text as pasted: its words are highlighted there.
    start, end = first["source"]
    assert PASTED_TABLE[start:end] == "开展示例排查"
    start, end = first["units_source"]
    assert PASTED_TABLE[start:end] == "市发改委"


def test_a_text_file_over_the_upload_limit_is_refused_with_its_size(settings):
    import pytest
    from django.core.exceptions import ValidationError

    settings.JIYUAN_MAX_UPLOAD_BYTES = 100

    with pytest.raises(ValidationError) as refused:
        text_of_upload(SimpleUploadedFile("通知.txt", ("通知" * 100).encode()))

    assert refused.value.code == "too_large"
    assert "通知.txt" in str(refused.value)
