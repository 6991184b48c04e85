"""Reading the town target table: what it accepts, and what it refuses as a whole.

The workbooks are built here with openpyxl; the helpers are used by the other town
target tests and the browser test too.
"""

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings

from jiyuan_portal.tracking.models import Town
from techreform.importing import import_file
from techreform.models import TownTarget, TownTargetImport
from techreform.town_table.columns import (
    INDUSTRIAL_INVESTMENT,
    REFORM_ENTERPRISES,
    REFORM_INVESTMENT,
)
from techreform.town_table.reading import TownTableError, normalise_header, read_town_table

SAMPLE_PATH = Path(settings.BASE_DIR).parent / "shared/samples/town-targets-2017.xlsx"

# 技术改造2017年攻坚目标任务分解表 as published: town, 工业投资, 工业技改投资, 企业(家).
SAMPLE = [
    ("虎岭", 55, 8, 5),
    ("玉川", 40, 6.5, 4),
    ("高新", 30, 5, 4),
    ("济水", 3, 0.4, 2),
    ("沁园", 3.5, 1, 3),
    ("天坛", 11.5, 2, 4),
    ("北海", 3, 0.6, 2),
    ("玉泉", 10, 2, 3),
    ("克井", 16, 2, 4),
    ("五龙口", 6, 1.5, 4),
    ("梨林", 5, 1.5, 4),
    ("轵城", 11, 2, 4),
    ("承留", 16, 2.3, 5),
    ("思礼", 13, 2.2, 5),
    ("坡头", 3, 0.5, 1),
    ("大峪", 3, 0.5, 2),
    ("邵原", 4, 0.5, 1),
    ("王屋", 3, 0.5, 1),
    ("下冶", 4, 1, 2),
]
SAMPLE_TOTAL = (240, 40, 60)
HEADERS = ("工业投资\n(亿元)", "工业技改投资\n(亿元)", "实施技改规模以上\n工业企(家)")


def workbook_bytes(rows, merges=()) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def published(towns=SAMPLE, total=SAMPLE_TOTAL, year=2017, headers=HEADERS) -> bytes:
    """The table laid out as published: title, merged two-row header, 合计, towns."""
    rows = [
        (f"技术改造{year}年攻坚目标任务分解表", None, None, None),
        ("指标\n\n地区", f"技术改造{year}年目标", None, None),
        (None, *headers),
    ]
    if total is not None:
        rows.append(("合计", *total))
    rows += [tuple(town) for town in towns]
    return workbook_bytes(rows, merges=("A1:D1", "A2:A3", "B2:D2"))


def sample_bytes() -> bytes:
    """The shared sample, or the same table built here if the file is absent."""
    return SAMPLE_PATH.read_bytes() if SAMPLE_PATH.exists() else published()


def with_town(name, **changes):
    return [
        (town, *changes.get("values", values)) if town == name else (town, *values)
        for town, *values in SAMPLE
    ]


def stored():
    """Every TownTarget as comparable tuples, to prove a refusal changed nothing."""
    return sorted(
        TownTarget.objects.values_list(
            "town__name",
            "year",
            "industrial_investment",
            "reform_investment",
            "reform_enterprises",
        )
    )


@pytest.fixture
def imported(seed):
    """The shared sample imported once, as the starting point of a refusal."""
    import_file(sample_bytes(), file_name="town-targets-2017.xlsx")
    return stored()


def refused(data, *, year=None, file_name="bad.xlsx") -> list[str]:
    with pytest.raises(TownTableError) as caught:
        import_file(data, file_name=file_name, year=year)
    return caught.value.messages


# -- what it accepts -------------------------------------------------------------------


def test_shared_sample_reads_as_nineteen_towns_of_2017(seed):
    table = read_town_table(sample_bytes(), "town-targets-2017.xlsx")

    assert table.year == 2017
    assert [row["地区"].name for row in table.rows] == [town for town, *_ in SAMPLE]
    huling = table.rows[0]
    assert huling[INDUSTRIAL_INVESTMENT] == Decimal("55")
    assert huling[REFORM_INVESTMENT] == Decimal("8")
    assert huling[REFORM_ENTERPRISES] == 5
    assert table.rows[3][REFORM_INVESTMENT] == Decimal("0.4")
    assert table.total["row"] == 4


def test_shared_sample_imports_nineteen_towns_with_decimal_values(seed):
    outcome = import_file(sample_bytes(), file_name="town-targets-2017.xlsx")

    assert (outcome.created, outcome.updated, outcome.unchanged) == (19, 0, 0)
    assert TownTarget.objects.filter(year=2017).count() == 19
    yuchuan = TownTarget.objects.get(town__name="玉川", year=2017)
    assert yuchuan.reform_investment == Decimal("6.5")
    assert isinstance(yuchuan.reform_investment, Decimal)
    assert yuchuan.industrial_investment == Decimal("40")
    assert yuchuan.reform_enterprises == 4


def test_plain_table_with_one_header_row_and_year_option(seed):
    data = workbook_bytes(
        [("地区", "工业投资(亿元)", "工业技改投资(亿元)", "实施技改规模以上工业企业(家)"), *SAMPLE]
    )

    outcome = import_file(data, file_name="plain.xlsx", year=2017)

    assert outcome.created == 19
    assert TownTarget.objects.get(town__name="下冶").reform_investment == Decimal("1")


def test_columns_are_found_by_header_text_not_position(seed):
    # Reordered, full-width brackets, spaces, line breaks, units, and a year in a header.
    data = workbook_bytes(
        [
            (
                "实施技改 规模以上\n工业企业（家）",
                "2017年工业技改投资（亿元）",
                "乡镇",
                "工业投资 （亿元）",
            ),
            *[(e, r, town, i) for town, i, r, e in SAMPLE],
        ]
    )

    table = read_town_table(data, "reordered.xlsx")

    assert table.year == 2017
    assert table.rows[1]["地区"].name == "玉川"
    assert table.rows[1][REFORM_INVESTMENT] == Decimal("6.5")
    assert table.rows[1][INDUSTRIAL_INVESTMENT] == Decimal("40")
    assert table.rows[1][REFORM_ENTERPRISES] == 4


@pytest.mark.parametrize(
    ("header", "normalised"),
    [
        ("工业投资\n(亿元)", "工业投资"),
        ("工业技改投资（亿元）", "工业技改投资"),
        ("实施技改规模以上\n工业企(家)", "实施技改规模以上工业企"),
        ("2017年 工业投资", "工业投资"),
        ("\u3000地 区\u3000", "地区"),
    ],
)
def test_header_normalisation(header, normalised):
    assert normalise_header(header) == normalised


def test_town_names_with_spaces_and_suffixes_match_through_aliases(seed):
    spelled = {
        "虎岭": "虎岭经济开发区",
        "玉川": "玉川产业集聚区",
        "高新": "高新区",
        "济水": "济水街道",
        "沁园": "沁 园",
        "克井": "克井镇",
        "五龙口": "五 龙 口 镇",
    }
    towns = [(spelled.get(town, town), *values) for town, *values in SAMPLE]

    table = read_town_table(published(towns), "spelled.xlsx")

    assert [row["地区"].name for row in table.rows] == [town for town, *_ in SAMPLE]


def test_numbers_as_numeric_text_and_blank_rows_are_accepted(seed):
    towns = [(town, str(i), f" {r} ", str(e)) for town, i, r, e in SAMPLE]
    towns.insert(5, (None, None, None, None))
    towns.insert(9, ("  ", "", None, None))
    towns.append((None, None, None, None))

    table = read_town_table(published(towns, total=("240", "40.0", "60")), "text.xlsx")

    assert len(table.rows) == 19
    assert table.rows[5]["地区"].name == "天坛"
    assert table.rows[5][INDUSTRIAL_INVESTMENT] == Decimal("11.5")


def test_table_without_total_row_is_accepted(seed):
    assert len(read_town_table(published(total=None), "no-total.xlsx").rows) == 19


def test_float_noise_is_rounded_to_the_stored_precision(seed):
    towns = [("虎岭", 55, 0.1 + 0.2, 5), *SAMPLE[1:]]
    total = (240, 32 + 0.30000000000000004, 60)

    table = read_town_table(published(towns, total=total), "noise.xlsx")

    assert table.rows[0][REFORM_INVESTMENT] == Decimal("0.3000")


def test_year_comes_from_the_option_when_the_file_has_none(seed):
    data = workbook_bytes([("地区", "工业投资", "工业技改投资", "实施技改企业"), *SAMPLE])

    assert read_town_table(data, "x.xlsx", year=2018).year == 2018
    message = refused(data)[0]
    assert "bad.xlsx" in message
    assert "--year" in message


def test_year_option_must_agree_with_the_file(imported):
    messages = refused(published(), year=2018)

    assert any("2017" in m and "2018" in m for m in messages)
    assert stored() == imported


# -- what it refuses, each time leaving the database as it was -------------------------


def test_unknown_town_is_refused_naming_row_column_and_value(imported):
    towns = [("虎岭", 55, 8, 5), ("火星镇", 1, 0, 0), *SAMPLE[1:]]

    messages = refused(published(towns, total=(241, 40, 60)))

    assert len(messages) == 1
    assert "bad.xlsx" in messages[0]
    assert "6" in messages[0] and "地区" in messages[0] and "火星镇" in messages[0]
    assert stored() == imported


def test_value_that_is_not_a_number_is_refused(imported):
    towns = with_town("玉川", values=(40, "六点五", 4))

    messages = refused(published(towns))

    assert len(messages) == 1
    assert "6" in messages[0]
    assert "工业技改投资(亿元)" in messages[0]
    assert "六点五" in messages[0]
    assert stored() == imported


def test_negative_number_is_refused(imported):
    towns = with_town("下冶", values=(4, 1, -2))

    messages = refused(published(towns, total=(240, 40, 56)))

    assert len(messages) == 1
    assert "23" in messages[0] and "实施技改规模以上工业企(家)" in messages[0]
    assert "-2" in messages[0]
    assert stored() == imported


def test_fractional_enterprise_count_is_refused(imported):
    messages = refused(published(with_town("坡头", values=(3, 0.5, 1.5)), total=(240, 40, 60.5)))

    assert any("19" in m and "1.5" in m for m in messages)
    assert stored() == imported


def test_missing_value_is_refused(imported):
    messages = refused(published(with_town("大峪", values=(3, None, 2)), total=(240, 39.5, 60)))

    assert any("20" in m and "工业技改投资(亿元)" in m for m in messages)
    assert stored() == imported


def test_same_town_twice_is_refused_naming_both_rows(imported):
    towns = [*SAMPLE, ("虎岭经济开发区", 1, 1, 1)]

    messages = refused(published(towns, total=(241, 41, 61)))

    assert len(messages) == 1
    assert "24" in messages[0] and "5" in messages[0] and "虎岭经济开发区" in messages[0]
    assert stored() == imported


def test_missing_column_is_refused(imported):
    data = workbook_bytes(
        [("地区", "工业投资(亿元)", "实施技改企业(家)"), *[(t, i, e) for t, i, r, e in SAMPLE]]
    )

    messages = refused(data, year=2017)

    assert len(messages) == 1
    assert "工业技改投资(亿元)" in messages[0]
    assert stored() == imported


def test_total_row_that_disagrees_names_column_and_both_figures(imported):
    messages = refused(published(total=(240, 41.5, 60)))

    assert len(messages) == 1
    assert "4" in messages[0] and "合计" in messages[0]
    assert "工业技改投资(亿元)" in messages[0]
    assert "41.5" in messages[0] and "40" in messages[0]
    assert stored() == imported


def test_file_that_is_not_an_xlsx_workbook_is_refused(imported):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("word/document.xml", "<w:document/>")

    for data in (b"town,industrial\n", b"%PDF-1.4 not a workbook", archive.getvalue()):
        messages = refused(data, file_name="targets.csv")
        assert len(messages) == 1
        assert "targets.csv" in messages[0] and ".xlsx" in messages[0]
    assert stored() == imported


def test_empty_workbook_is_refused(imported):
    assert len(refused(workbook_bytes([]))) == 1
    assert len(refused(workbook_bytes([(None, None), (" ", None)]))) == 1
    # A header without a single town row is as good as empty.
    assert len(refused(published(towns=[], total=None))) == 1
    assert stored() == imported


def test_too_large_file_is_refused(imported, settings):
    settings.JIYUAN_MAX_UPLOAD_BYTES = 1000

    messages = refused(sample_bytes())

    assert "1000" in messages[0]
    assert stored() == imported


def test_every_error_is_reported_at_once(imported):
    towns = [
        ("虎岭", 55, 8, 5),
        ("火星", 1, 1, 1),
        ("玉川", "四十", 6.5, 4),
        ("高新", 30, -5, 4),
        ("虎岭", 1, 1, 1),
        *SAMPLE[3:],
    ]

    messages = refused(published(towns, total=(240, 40, 99)))

    assert len(messages) == 5
    assert any("火星" in m for m in messages)
    assert any("四十" in m for m in messages)
    assert any("-5" in m for m in messages)
    assert any("虎岭" in m and "9" in m for m in messages)
    assert any("99" in m for m in messages)  # the 合计 of the one column still checkable
    assert stored() == imported
    assert TownTargetImport.objects.count() == 1  # only the initial import


def test_unknown_towns_are_unchanged_by_a_refusal(imported):
    refused(published([("火星", 1, 1, 1)], total=None))

    assert Town.objects.count() == 19
    assert stored() == imported


def test_messages_are_in_chinese_naming_row_column_and_value(imported):
    import re

    from django.utils import translation

    towns = [("虎岭", 55, 8, 5), ("火星", 1, 1, 1), *with_town("玉川", values=(40, "abc", 4))[1:]]
    with translation.override("zh-hans"):
        messages = refused(published(towns, total=(241, 41, 61)), file_name="目标.xlsx")

    assert len(messages) == 2
    unknown, not_a_number = messages
    assert re.search(r"^目标\.xlsx.*第\s*6\s*行.*地区.*火星", unknown)
    assert re.search(r"第\s*7\s*行.*工业技改投资\(亿元\).*abc", not_a_number)
    assert not any("Row" in message for message in messages)
    assert stored() == imported
