"""Importing the town target table again, the import log, the commands and the export."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from techreform.importing import import_file
from techreform.models import TownTarget, TownTargetImport
from techreform.town_table.reading import TownTableError, read_town_table
from techreform.town_table.writing import export_town_targets
from tests.factories import inflating_zip_bytes, portal_admin, with_members
from tests.techreform.test_town_table import (
    SAMPLE,
    published,
    sample_bytes,
    stored,
    with_town,
)


@pytest.fixture
def sample_file(tmp_path):
    path = tmp_path / "town-targets-2017.xlsx"
    path.write_bytes(sample_bytes())
    return path


# -- re-import and the log -------------------------------------------------------------


def test_importing_the_same_file_again_changes_nothing(seed):
    import_file(sample_bytes(), file_name="town-targets-2017.xlsx")
    before = stored()

    outcome = import_file(sample_bytes(), file_name="town-targets-2017.xlsx")

    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 19)
    assert stored() == before
    assert outcome.log.changes == []
    assert TownTarget.history.filter(history_type="~").count() == 0


def test_updated_file_updates_only_the_towns_that_changed(seed):
    import_file(sample_bytes(), file_name="town-targets-2017.xlsx")
    towns = with_town("玉川", values=(42, 7, 5))
    towns = [(t, i, r, 3) if t == "下冶" else (t, i, r, e) for t, i, r, e in towns]
    admin = portal_admin()

    outcome = import_file(
        published(towns, total=(242, 40.5, 62)), file_name="targets-v2.xlsx", user=admin
    )

    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 2, 17)
    yuchuan = TownTarget.objects.get(town__name="玉川", year=2017)
    assert (yuchuan.industrial_investment, yuchuan.reform_investment) == (42, Decimal(7))
    assert TownTarget.objects.get(town__name="下冶").reform_enterprises == 3
    assert TownTarget.objects.get(town__name="虎岭").reform_investment == Decimal(8)
    log = TownTargetImport.objects.first()
    assert (log.user, log.file_name, log.year) == (admin, "targets-v2.xlsx", 2017)
    assert (log.created_count, log.updated_count, log.unchanged_count) == (0, 2, 17)
    assert log.imported_at is not None
    assert {change["town"]: change for change in log.changes}["玉川"] == {
        "town": "玉川",
        "action": "update",
        "before": {
            "industrial_investment": "40",
            "reform_investment": "6.5",
            "reform_enterprises": 4,
        },
        "after": {"industrial_investment": "42", "reform_investment": "7", "reform_enterprises": 5},
    }
    history = TownTarget.history.filter(town__name="玉川", history_type="~").get()
    assert history.history_user == admin


def test_first_import_logs_every_town_as_new(seed):
    outcome = import_file(sample_bytes(), file_name="town-targets-2017.xlsx")

    log = outcome.log
    assert log.created_count == 19 and len(log.changes) == 19
    assert log.changes[0]["action"] == "new" and log.changes[0]["before"] is None
    assert log.changes[0]["after"]["reform_investment"] == "8"


def test_dry_run_saves_nothing_and_logs_nothing(seed):
    outcome = import_file(sample_bytes(), file_name="x.xlsx", dry_run=True)

    assert outcome.created == 19
    assert outcome.log is None
    assert TownTarget.objects.count() == 0
    assert TownTargetImport.objects.count() == 0


# -- the commands ----------------------------------------------------------------------


def test_import_command_imports_and_reports(seed, sample_file):
    out = io.StringIO()

    call_command("import_town_targets", str(sample_file), stdout=out)

    assert "19" in out.getvalue()
    assert TownTarget.objects.filter(year=2017).count() == 19
    log = TownTargetImport.objects.get()
    assert (log.source, log.user, log.file_name) == ("command", None, "town-targets-2017.xlsx")


def test_import_command_dry_run_saves_nothing(seed, sample_file):
    call_command("import_town_targets", str(sample_file), "--dry-run", stdout=io.StringIO())

    assert TownTarget.objects.count() == 0


def test_import_command_with_year_for_a_plain_table(seed, tmp_path):
    path = tmp_path / "plain.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["地区", "工业投资", "技改投资", "技改企业数"])
    for row in SAMPLE:
        workbook.active.append(list(row))
    workbook.save(path)

    call_command("import_town_targets", str(path), "--year", "2018", stdout=io.StringIO())

    assert TownTarget.objects.filter(year=2018).count() == 19


def test_import_command_fails_with_every_message(seed, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(published(with_town("玉川", values=(40, "abc", -4)), total=None))

    with pytest.raises(CommandError) as caught:
        call_command("import_town_targets", str(path), stdout=io.StringIO())

    lines = str(caught.value).splitlines()
    assert len(lines) == 2
    assert all("bad.xlsx" in line and "5" in line for line in lines)
    assert "abc" in lines[0] and "-4" in lines[1]
    assert TownTarget.objects.count() == 0


def test_import_command_exits_non_zero_with_the_messages(tmp_path):
    """Run as an admin would run it: a refused file gives a non-zero exit status."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    env = {**os.environ, "JIYUAN_VAR_DIR": str(tmp_path), "DATABASE_URL": ""}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"

    run = subprocess.run(
        [sys.executable, "manage.py", "import_town_targets", str(bad)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )

    assert run.returncode != 0
    assert "bad.xlsx" in run.stderr and ".xlsx" in run.stderr


def test_export_command_writes_the_published_layout(seed, sample_file, tmp_path):
    call_command("import_town_targets", str(sample_file), stdout=io.StringIO())
    path = tmp_path / "out.xlsx"

    call_command("export_town_targets", str(path), "--year", "2017", stdout=io.StringIO())

    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "技术改造2017年攻坚目标任务分解表"
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A1:D1", "A2:A3", "B2:D2"}
    assert sheet["B2"].value == "技术改造2017年目标"
    assert sheet["D3"].value == "实施技改规模以上\n工业企(家)"
    assert [sheet.cell(4, c).value for c in range(1, 5)] == ["合计", 240, 40, 60]
    assert [sheet.cell(r, 1).value for r in range(5, 24)] == [t for t, *_ in SAMPLE]
    assert [sheet.cell(6, c).value for c in range(1, 5)] == ["玉川", 40, 6.5, 4]
    assert sheet["C6"].data_type == "n"


def test_export_command_without_targets_fails(seed, tmp_path):
    with pytest.raises(CommandError):
        call_command("export_town_targets", str(tmp_path / "x.xlsx"), stdout=io.StringIO())


# -- the round trip --------------------------------------------------------------------


def test_export_then_import_changes_nothing(seed):
    import_file(sample_bytes(), file_name="town-targets-2017.xlsx")
    before = stored()

    exported = export_town_targets(2017)
    outcome = import_file(exported, file_name="export.xlsx")

    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 19)
    assert stored() == before


def test_export_reads_back_as_the_sample(seed):
    import_file(sample_bytes(), file_name="town-targets-2017.xlsx")

    again = read_town_table(export_town_targets(2017), "export.xlsx")
    sample = read_town_table(sample_bytes(), "sample.xlsx")

    assert again.year == sample.year
    assert [{k: v for k, v in row.items() if k != "row"} for row in again.rows] == [
        {k: v for k, v in row.items() if k != "row"} for row in sample.rows
    ]


def bomb_of(settings) -> bytes:
    """The sample table with a sheet part unpacking just past the limit (a few hundred KB)."""
    return inflating_zip_bytes(
        sample_bytes(), "xl/worksheets/sheet9.xml", settings.JIYUAN_MAX_UNZIPPED_BYTES + 1
    )


def test_a_zip_bomb_is_refused_by_the_command_before_the_workbook_is_opened(
    seed, tmp_path, settings, monkeypatch
):
    path = tmp_path / "炸弹.xlsx"
    path.write_bytes(bomb_of(settings))
    assert path.stat().st_size < 500 * 1024

    def must_not_open(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr(openpyxl, "load_workbook", must_not_open)
    with pytest.raises(CommandError) as caught:
        call_command("import_town_targets", str(path), stdout=io.StringIO())

    assert "炸弹.xlsx" in str(caught.value) and "zip" in str(caught.value).lower()
    assert TownTarget.objects.count() == 0


def test_a_workbook_with_macros_is_refused(seed, settings):
    data = with_members(sample_bytes(), {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"})

    with pytest.raises(TownTableError) as caught:
        import_file(data, file_name="宏.xlsx")

    assert "宏.xlsx" in caught.value.messages[0]


def test_an_exported_town_name_starting_like_a_formula_is_written_as_text(seed):
    assert import_file(sample_bytes(), file_name="t.xlsx").created == 19
    town = TownTarget.objects.get(town__name="玉川").town
    town.name = '=HYPERLINK("http://evil.example/","玉川")'
    town.save()

    sheet = openpyxl.load_workbook(io.BytesIO(export_town_targets(2017))).active

    [cell] = [row[0] for row in sheet.iter_rows(min_row=5) if "evil" in str(row[0].value)]
    assert cell.data_type == "s" and cell.value == town.name
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
