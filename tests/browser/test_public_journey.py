"""The public side in a real browser (on a phone's screen): an anonymous visitor reads the
published capacity exits, files a complaint with a photo and gets a receipt; the bureau
assigned verifies and closes it in the portal; the reporter then reads "已办结" with the
receipt. The CSV file and the feed carry the published exits and nothing unpublished."""

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse

from jiyuan_portal.complaints.models import Complaint
from jiyuan_portal.disclosure import publishing
from jiyuan_portal.tracking.models import Bureau
from tests import factories
from tests.browser.portal_pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def visitor(browser):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def answer_captcha(page):
    key = page.locator("input[name=captcha_0]").input_value()
    page.fill("input[name=captcha_1]", CaptchaStore.objects.get(hashkey=key).response)


def test_a_visitor_reads_the_exits_reports_a_problem_and_sees_it_closed(
    visitor, browser_page, live_server, seed, tmp_path, settings
):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    published = factories.CapacityExitFactory(
        approved=True, name="公开示例煤矿", equipment_removed="主井提升机已拆除"
    )
    factories.CapacityExitFactory(approved=True, name="未公开示例煤矿")
    publishing.publish(factories.supervisor(), reports=[published])
    huanbao = factories.bureau_staff(Bureau.objects.get(name="市环境保护局"))
    photo = tmp_path / "现场.png"
    photo.write_bytes(factories.png_bytes())

    # The published exits, without signing in.
    visitor.goto(f"{live_server.url}{reverse('disclosure:home')}")
    exits = visitor.locator("[data-public-list=capacity-exit]")
    assert "公开示例煤矿" in exits.inner_text()
    assert "主井提升机已拆除" in exits.inner_text()
    assert "未公开示例煤矿" not in visitor.content()
    assert visitor.locator("input[name=password]").count() == 0

    # A complaint with a photo.
    visitor.click("text=我要举报")
    visitor.select_option("#id_kind", "small_polluting")
    visitor.select_option("#id_town", label="克井")
    visitor.fill("#id_address", "克井镇示例村东侧")
    visitor.fill("#id_description", "已取缔的塑料颗粒加工点夜间又开工。")
    visitor.set_input_files("#id_photos", str(photo))
    answer_captcha(visitor)
    visitor.click("main form button[type=submit]")
    number = visitor.locator("[data-receipt-number]").inner_text()
    secret = visitor.locator("[data-receipt-secret]").inner_text()
    assert number.startswith("JB") and secret
    assert Complaint.objects.get(number=number).photos.count() == 1

    # The bureau verifies and closes it.
    page = log_in(browser_page, live_server, huanbao)
    page.click("nav >> text=举报核查")
    page.click(f"text={number}")
    assert page.locator("img.complaint-photo").count() == 1
    page.click("text=开始核查(核查中)")
    assert page.locator("[data-complaint-status]").inner_text() == "核查中"
    page.select_option("#id_finding", "confirmed")
    page.fill("#id_verification", "现场检查发现2台造粒机在生产。")
    page.fill("#id_measures", "设备已查封拆除,断水断电。")
    page.click("button:has-text('办结')")
    assert page.locator("[data-complaint-status]").inner_text() == "已办结"

    # The reporter reads the outcome with the receipt.
    visitor.click("text=查询举报进度")
    visitor.fill("#id_number", number)
    visitor.fill("#id_secret", secret)
    visitor.click("main form button[type=submit]")
    assert visitor.locator("[data-status-label]").inner_text() == "已办结"
    assert "现场检查发现" not in visitor.content()  # the status, nothing else

    # The CSV file and the feed: the published exit, nothing unpublished.
    csv_text = visitor.request.get(
        f"{live_server.url}{reverse('disclosure:public_record_csv', args=['capacity-exit'])}"
    ).text()
    feed = visitor.request.get(
        f"{live_server.url}{reverse('disclosure:public_record_feed', args=['capacity-exit'])}"
    ).text()
    for published_file in (csv_text, feed):
        assert "公开示例煤矿" in published_file
        assert "未公开示例煤矿" not in published_file
