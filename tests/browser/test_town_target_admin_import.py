"""An admin loads the published town target table through the admin: upload → preview →
confirm, then sees the towns on the technical-reform plan page."""

import pytest

from techreform.models import TownTarget, TownTargetImport
from tests.factories import portal_admin
from tests.techreform.test_town_table import SAMPLE_PATH, sample_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sample_path(tmp_path):
    if SAMPLE_PATH.exists():
        return SAMPLE_PATH
    path = tmp_path / "town-targets-2017.xlsx"
    path.write_bytes(sample_bytes())
    return path


def test_admin_uploads_previews_and_confirms_the_town_table(
    seed, live_server, browser_page, login, sample_path, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    admin = portal_admin()
    page = login(browser_page, admin)

    page.goto(f"{live_server.url}/admin/techreform/towntarget/")
    page.click("a[href$='/admin/techreform/towntarget/import/']")
    page.set_input_files("input[name=import_file]", str(sample_path))
    page.click("#content form [type=submit]")

    preview = page.locator("table.import-preview")
    preview.wait_for()
    rows = preview.locator("tbody tr")
    assert rows.count() == 19
    assert preview.locator("tbody tr.new").count() == 19
    assert "虎岭" in preview.inner_text() and "下冶" in preview.inner_text()
    assert TownTarget.objects.count() == 0
    page.screenshot(path="/tmp/import-preview.png", full_page=True)

    page.click("form[action$='process_import/'] [type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/techreform/towntarget/")
    assert "19" in page.locator(".messagelist").inner_text()

    assert TownTarget.objects.filter(year=2017).count() == 19
    log = TownTargetImport.objects.get()
    assert (log.user, log.file_name, log.created_count) == (admin, sample_path.name, 19)

    page.goto(f"{live_server.url}/plans/techreform/")
    table = page.locator("#town-target-table")
    assert table.locator("tbody tr").count() == 19
    assert "玉川" in table.inner_text()
    page.locator("#town-targets").screenshot(path="/tmp/plan-town-table.png")


def test_admin_sees_every_problem_of_a_bad_file(
    seed, live_server, browser_page, login, settings, tmp_path
):
    from tests.techreform.test_town_table import published, with_town

    settings.MEDIA_ROOT = tmp_path / "media"
    bad = tmp_path / "bad-targets.xlsx"
    bad.write_bytes(
        published(
            [("火星镇", 1, 1, 1), *with_town("玉川", values=(40, "六点五", 4))], total=(241, 41, 61)
        )
    )
    page = login(browser_page, portal_admin())

    page.goto(f"{live_server.url}/admin/techreform/towntarget/import/")
    page.set_input_files("input[name=import_file]", str(bad))
    page.click("#content form [type=submit]")

    errors = page.locator(".errorlist")
    errors.first.wait_for()
    text = errors.first.inner_text()
    page.screenshot(path="/tmp/import-errors.png", full_page=False)
    assert "bad-targets.xlsx" in text and "火星镇" in text and "六点五" in text
    assert page.locator("form[action$='process_import/']").count() == 0
    assert TownTarget.objects.count() == 0
