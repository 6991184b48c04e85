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


def test_tasks_whose_responsible_line_ends_with_deng_keep_that_it_is_open_ended(seed):
    from jiyuan_portal.tracking.models import Task
    from jiyuan_portal.tracking.names import is_open_ended

    open_ended = set(
        Task.objects.filter(responsible_open_ended=True).values_list("plan__code", "number")
    )
    assert open_ended == {("capacity", "二(六)"), ("capacity", "四(二)"), ("capacity", "四(三)")}
    assert is_open_ended("市发改委、工信委、环保局等单位")
    assert not is_open_ended("市发改委、工信委、环保局")


def test_the_task_page_says_when_the_notice_s_list_of_units_is_open_ended(client, seed):
    from jiyuan_portal.tracking.models import Task

    client.force_login(supervisor())
    task = Task.objects.get(plan__code="capacity", number="四(二)")
    page = client.get(reverse("dashboard:task_detail", args=[task.pk])).content.decode()
    assert 'id="open-ended"' in page
    other = Task.objects.filter(responsible_open_ended=False).first()
    page = client.get(reverse("dashboard:task_detail", args=[other.pk])).content.decode()
    assert 'id="open-ended"' not in page


def test_the_tax_authorities_of_2017_are_both_vertically_managed(seed):
    from jiyuan_portal.tracking.models import Bureau

    kinds = dict(
        Bureau.objects.filter(short_name__in=["国税局", "地税局"]).values_list("short_name", "kind")
    )
    assert kinds == {"国税局": Bureau.Kind.VERTICAL, "地税局": Bureau.Kind.VERTICAL}
