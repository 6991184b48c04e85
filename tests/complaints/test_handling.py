"""Staff handle complaints: who sees a case and its reporter, taking it up, closing it with
its finding, reassigning it, entering a 12345 case; and a late case becomes a supervised
item that follows the case."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jiyuan_portal.alerts import scan
from jiyuan_portal.alerts.models import Alert, Notification
from jiyuan_portal.complaints import handling
from jiyuan_portal.complaints.models import Complaint
from tests import factories

HUANBAO, GONGXIN, FAGAI = "市环境保护局", "市工业和信息化委员会", "市发展和改革委员会"
RECEIVED = datetime.date(2017, 9, 1)  # a Friday; 15 working days later: 2017-09-22


@pytest.fixture
def bureau(seed):
    return lambda name: factories.Bureau.objects.get(name=name)


@pytest.fixture
def case(bureau, settings):
    """A 小散乱污 case received on 2017-09-01, assigned to 市环境保护局."""
    settings.JIYUAN_AS_OF = RECEIVED
    complaint, _secret = factories.complaint(
        contact_name="举报人李女士", contact_phone="13900000000"
    )
    return complaint


def test_the_assigned_bureau_sees_the_case_and_the_reporter(client, case, bureau):
    client.force_login(factories.bureau_staff(bureau(HUANBAO)))

    page = client.get(case.get_absolute_url()).content.decode()

    assert "举报人李女士" in page and "13900000000" in page


def test_another_bureau_neither_lists_nor_opens_the_case(client, case, bureau):
    client.force_login(factories.bureau_staff(bureau(GONGXIN)))

    listed = client.get(reverse("complaints:complaint_list")).content.decode()
    opened = client.get(case.get_absolute_url())

    assert case.number not in listed
    assert opened.status_code == 404


def test_supervisors_list_every_case_and_filter_the_late_ones(client, case, settings):
    settings.JIYUAN_AS_OF = datetime.date(2017, 9, 25)
    on_time, _secret = factories.complaint(kind="steel")
    client.force_login(factories.supervisor())

    everything = client.get(reverse("complaints:complaint_list")).content.decode()
    late = client.get(reverse("complaints:complaint_list") + "?overdue=true").content.decode()

    assert case.number in everything and on_time.number in everything
    assert case.number in late and on_time.number not in late


def test_the_bureau_takes_up_and_closes_a_case_with_its_finding(client, case, bureau):
    client.force_login(factories.bureau_staff(bureau(HUANBAO)))

    client.post(reverse("complaints:complaint_start", args=[case.pk]))
    case.refresh_from_db()
    assert case.status == Complaint.Status.VERIFYING

    response = client.post(
        reverse("complaints:complaint_close", args=[case.pk]),
        {"finding": "confirmed", "verification": "现场有2台造粒机在生产", "measures": "已查封拆除"},
        follow=True,
    )

    case.refresh_from_db()
    assert case.status == Complaint.Status.CLOSED
    assert case.finding == "confirmed" and case.closed_at is not None
    assert "举报已办结" in response.content.decode()


def test_closing_without_the_finding_says_what_is_missing_and_changes_nothing(client, case, bureau):
    client.force_login(factories.bureau_staff(bureau(HUANBAO)))

    response = client.post(
        reverse("complaints:complaint_close", args=[case.pk]), {"finding": "confirmed"}
    )

    assert response.status_code == 400
    assert response.content.decode().count("这个字段是必填项。") == 2
    case.refresh_from_db()
    assert case.status == Complaint.Status.RECEIVED


def test_a_closed_case_cannot_be_closed_again(case, bureau):
    staff = factories.bureau_staff(bureau(HUANBAO))
    handling.close(case, staff, finding="unfounded", verification="无", measures="无")

    with pytest.raises(ValidationError):
        handling.close(case, staff, finding="confirmed", verification="再", measures="再")


def test_another_bureau_cannot_close_the_case(case, bureau):
    with pytest.raises(PermissionDenied):
        handling.close(
            case, factories.bureau_staff(bureau(GONGXIN)), finding="x", verification="", measures=""
        )


def test_a_supervisor_reassigns_a_case_and_the_new_bureau_is_told(client, case, bureau):
    gongxin_staff = factories.bureau_staff(bureau(GONGXIN))
    client.force_login(factories.supervisor())

    client.post(
        reverse("complaints:complaint_reassign", args=[case.pk]),
        {"bureau": bureau(GONGXIN).pk, "due_on": "2017-10-13"},
    )

    case.refresh_from_db()
    assert case.bureau == bureau(GONGXIN)
    assert case.due_on == datetime.date(2017, 10, 13)
    assert Notification.objects.filter(recipient=gongxin_staff, kind="complaint").exists()


def test_bureau_staff_cannot_reassign(case, bureau):
    with pytest.raises(PermissionDenied):
        handling.reassign(
            case,
            factories.bureau_staff(bureau(HUANBAO)),
            bureau=bureau(GONGXIN),
            due_on=case.due_on,
        )


def test_staff_enter_a_case_received_on_the_12345_hotline(client, bureau, settings):
    settings.JIYUAN_AS_OF = RECEIVED
    client.force_login(factories.supervisor())

    response = client.post(
        reverse("complaints:complaint_create"),
        {
            "source": "hotline",
            "received_on": "2017-08-31",
            "kind": "coal_mine",
            "town": factories.Town.objects.get(name="邵原").pk,
            "address": "邵原镇某村",
            "description": "已关闭矿井有车辆拉煤",
        },
        follow=True,
    )

    complaint = Complaint.objects.get()
    assert complaint.source == Complaint.Source.HOTLINE
    assert complaint.bureau == bureau(FAGAI)
    assert complaint.received_at.date() == datetime.date(2017, 8, 31)
    assert complaint.entered_by is not None
    assert "已登记并交 市发展和改革委员会 核查" in response.content.decode()


def test_a_case_received_after_today_is_refused(client, settings, seed):
    settings.JIYUAN_AS_OF = RECEIVED
    client.force_login(factories.supervisor())

    response = client.post(
        reverse("complaints:complaint_create"),
        {"source": "hotline", "received_on": "2017-09-02", "kind": "other"},
    )

    assert "受理日期不能晚于今天" in response.content.decode()
    assert not Complaint.objects.exists()


# Supervision.


def run_scan(settings, day):
    settings.JIYUAN_AS_OF = day
    return scan.run_scan(on=day)


def test_a_case_past_its_deadline_becomes_a_supervised_item_of_its_bureau_once(
    case, settings, bureau
):
    staff = factories.bureau_staff(bureau(HUANBAO))
    run_scan(settings, datetime.date(2017, 9, 22))
    assert not Alert.objects.filter(complaint=case).exists()  # due that day: not late yet

    run_scan(settings, datetime.date(2017, 9, 23))
    run_scan(settings, datetime.date(2017, 9, 24))

    alert = Alert.objects.get(complaint=case)
    assert alert.kind == Alert.Kind.COMPLAINT_OVERDUE
    assert alert.due_date == datetime.date(2017, 9, 22)
    assert alert.task is None  # the task's light stays its own milestones' and targets'
    assert alert.lead_bureau == bureau(HUANBAO)
    notification = Notification.objects.get(recipient=staff, key=f"alert:{alert.pk}")
    assert case.number in notification.title and "举报逾期未办结" in notification.title
    assert case.number in alert.describe()


def test_a_late_case_closed_is_done_on_the_day_it_was_closed(case, settings, bureau):
    run_scan(settings, datetime.date(2017, 9, 25))
    settings.JIYUAN_AS_OF = datetime.date(2017, 9, 27)
    handling.close(
        case,
        factories.bureau_staff(bureau(HUANBAO)),
        finding="confirmed",
        verification="有",
        measures="拆",
    )

    run_scan(settings, datetime.date(2017, 9, 28))

    alert = Alert.objects.get(complaint=case)
    assert alert.resolved_on == case.closed_at.astimezone().date()


def test_a_deadline_moved_later_withdraws_the_item_until_it_passes_again(case, settings, bureau):
    run_scan(settings, datetime.date(2017, 9, 25))
    handling.reassign(
        case, factories.supervisor(), bureau=bureau(HUANBAO), due_on=datetime.date(2017, 10, 13)
    )

    run_scan(settings, datetime.date(2017, 9, 26))
    alert = Alert.objects.get(complaint=case)
    assert alert.closed_at is not None and alert.closed_by is None

    run_scan(settings, datetime.date(2017, 10, 16))
    alert.refresh_from_db()
    assert alert.closed_at is None and alert.due_date == datetime.date(2017, 10, 13)


def test_a_reassigned_late_case_takes_its_supervised_item_to_the_new_bureau(case, settings, bureau):
    run_scan(settings, datetime.date(2017, 9, 25))

    handling.reassign(case, factories.supervisor(), bureau=bureau(GONGXIN), due_on=case.due_on)

    alert = Alert.objects.get(complaint=case)
    assert alert.lead_bureau == bureau(GONGXIN)
    huanbao_staff = factories.bureau_staff(bureau(HUANBAO))
    assert not Alert.objects.visible_to(huanbao_staff).filter(complaint=case).exists()


def test_the_complaint_list_makes_as_many_queries_for_many_cases_as_for_one(
    client, seed, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(factories.supervisor())
    url = reverse("complaints:complaint_list")

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    factories.complaint()
    one = count()
    for kind in ("steel", "coal_mine", "power", "cement", "other") * 4:
        factories.complaint(kind=kind)
    assert count() == one
