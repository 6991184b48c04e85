"""The notice keeps its published header as printed: 发文机关, 索引号, 成文日期 and 发布时间."""

import datetime

from django.urls import reverse

from jiyuan_portal.tracking.models import Notice
from tests.factories import supervisor


def test_the_notice_keeps_its_header_as_printed(seed):
    notice = Notice.objects.get(number="济政〔2017〕27号")
    assert notice.issuing_office == "市政府办公室"
    assert notice.index_number == "005691947/2017-00225"
    assert notice.issued_on == notice.published_on == datetime.date(2017, 8, 2)


def test_a_plan_page_shows_the_notice_s_header(client, seed):
    client.force_login(supervisor())
    page = client.get(reverse("dashboard:plan_detail", args=["capacity"])).content.decode()
    header = page.split('id="notice-header">')[1].split("</p>")[0]
    assert "济政〔2017〕27号" in header
    assert "市政府办公室" in header
    assert "005691947/2017-00225" in header
