"""The public complaint form and the reporter's receipt page (no sign-in)."""

import datetime
import os
import re
import uuid

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import Client
from django.urls import reverse

from jiyuan_portal.alerts.models import Notification
from jiyuan_portal.complaints.models import Complaint, ComplaintPhoto
from tests import factories
from tests.complaints.support import public_form_data


@pytest.fixture(autouse=True)
def setting_up(seed, settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"


def receipt_of(response) -> tuple[str, str]:
    page = response.content.decode()
    number = re.search(r"data-receipt-number>(\w+)<", page).group(1)
    secret = re.search(r"data-receipt-secret><code>([^<]+)</code>", page).group(1)
    return number, secret


def test_a_visitor_files_a_complaint_with_a_photo_and_gets_a_receipt(client):
    huanbao = factories.Bureau.objects.get(name="市环境保护局")
    staff = factories.bureau_staff(huanbao)
    photo = factories.upload("现场.png", factories.png_bytes())

    response = client.post(
        reverse("complaints:public_create"), public_form_data(client, photos=[photo])
    )

    assert response.status_code == 200
    number, secret = receipt_of(response)
    complaint = Complaint.objects.get(number=number)
    assert complaint.source == Complaint.Source.WEB
    assert complaint.status == Complaint.Status.RECEIVED
    assert complaint.bureau == huanbao  # 小散乱污 → 二(五), led by 市环境保护局
    assert complaint.task.number == "二(五)"
    assert complaint.check_secret(secret) and secret not in complaint.secret_hash
    assert ComplaintPhoto.objects.get(complaint=complaint).mime_type == "image/png"
    assert Notification.objects.filter(recipient=staff, kind="complaint").exists()


def test_the_deadline_is_fifteen_working_days_after_the_day_received(settings):
    settings.JIYUAN_AS_OF = datetime.date(2017, 9, 1)  # a Friday

    complaint, _secret = factories.complaint()

    assert complaint.received_at.date() == datetime.date(2017, 9, 1)
    assert complaint.due_on == datetime.date(2017, 9, 22)
    assert re.fullmatch(r"JB20170901\d{6}", complaint.number)


@pytest.mark.parametrize(
    ("kind", "bureau"),
    [
        ("coal_mine", "市发展和改革委员会"),
        ("steel", "市工业和信息化委员会"),
        ("power", "市发展和改革委员会"),
        ("cement", "市工业和信息化委员会"),
        ("small_polluting", "市环境保护局"),
        ("other", "市发展和改革委员会"),
    ],
)
def test_each_kind_of_problem_goes_to_the_lead_of_its_task(kind, bureau):
    complaint, _secret = factories.complaint(kind=kind)

    assert complaint.bureau.name == bureau


def test_a_wrong_captcha_is_refused_and_nothing_is_saved(client):
    data = public_form_data(client, captcha_1="WRONG")

    response = client.post(reverse("complaints:public_create"), data)

    assert response.status_code == 200
    assert "字符与图片不符" in response.content.decode()
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("现场.png", factories.pdf_bytes(), "的内容不是 .png 格式的文件"),
        ("现场.pdf", factories.pdf_bytes(), "的文件类型不允许上传"),
        ("现场.exe", b"MZ\x90\x00", "的文件类型不允许上传"),
    ],
)
def test_a_photo_that_is_not_an_image_is_refused_naming_the_file(client, name, content, message):
    data = public_form_data(client, photos=[factories.upload(name, content)])

    response = client.post(reverse("complaints:public_create"), data)

    page = response.content.decode()
    assert name in page and message in page
    assert not Complaint.objects.exists()
    assert not ComplaintPhoto.objects.exists()


def test_more_than_three_photos_are_refused(client):
    photos = [factories.upload(f"现场{n}.png", factories.png_bytes()) for n in range(4)]

    response = client.post(
        reverse("complaints:public_create"), public_form_data(client, photos=photos)
    )

    assert "最多 3 个文件" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_photo_over_the_size_limit_is_refused(client, settings):
    settings.JIYUAN_MAX_UPLOAD_BYTES = 100
    photo = factories.upload("大图.png", factories.png_bytes() + b"\0" * 200)

    response = client.post(
        reverse("complaints:public_create"), public_form_data(client, photos=[photo])
    )

    assert "大图.png" in response.content.decode()
    assert not Complaint.objects.exists()


def test_html_typed_into_the_form_is_kept_as_plain_text(client):
    data = public_form_data(client, description="<script>alert(1)</script><b>又开工了</b>")

    response = client.post(reverse("complaints:public_create"), data)

    number, _secret = receipt_of(response)
    assert Complaint.objects.get(number=number).description == "alert(1)又开工了"


def test_a_form_with_missing_fields_says_which(client):
    data = public_form_data(client, town="", description="")

    response = client.post(reverse("complaints:public_create"), data)

    page = response.content.decode()
    assert page.count("这个字段是必填项。") >= 2
    assert not Complaint.objects.exists()


def test_too_many_complaints_from_one_address_are_refused_for_a_while(client, settings):
    settings.JIYUAN_COMPLAINTS = {**settings.JIYUAN_COMPLAINTS, "submit_rate": "2/h"}
    for _ in range(2):
        response = client.post(reverse("complaints:public_create"), public_form_data(client))
        assert response.status_code == 200

    refused = client.post(reverse("complaints:public_create"), public_form_data(client))
    elsewhere = client.post(
        reverse("complaints:public_create"),
        public_form_data(client),
        REMOTE_ADDR="10.1.2.3",
    )

    assert refused.status_code == 429
    assert "提交过于频繁" in refused.content.decode()
    assert elsewhere.status_code == 200
    assert Complaint.objects.count() == 3


def test_the_reporter_sees_the_status_with_the_number_and_the_query_code_and_nothing_else(
    client,
):
    complaint, secret = factories.complaint(contact_name="张先生", description="现场情况描述")

    response = client.post(
        reverse("complaints:public_status"), {"number": complaint.number, "secret": secret}
    )

    page = response.content.decode()
    assert 'data-case-status="received"' in page
    assert "已受理" in page
    for private in ("张先生", "现场情况描述", complaint.bureau.name):
        assert private not in page


def test_the_reporter_sees_a_closed_case_as_closed(client, seed):
    complaint, secret = factories.complaint()
    complaint.status, complaint.closed_at = Complaint.Status.CLOSED, complaint.received_at
    complaint.save()

    response = client.post(
        reverse("complaints:public_status"), {"number": complaint.number.lower(), "secret": secret}
    )

    assert "已办结" in response.content.decode()


@pytest.mark.parametrize("which", ["wrong secret", "unknown number"])
def test_a_wrong_number_or_query_code_finds_nothing_and_says_the_same(client, which):
    complaint, secret = factories.complaint()
    data = {"number": complaint.number, "secret": "not-the-secret"}
    if which == "unknown number":
        data = {"number": "JB20990101999999", "secret": secret}

    response = client.post(reverse("complaints:public_status"), data)

    page = response.content.decode()
    assert "没有与该受理编号和查询码相符的举报" in page
    assert "data-case-status" not in page


def test_guessing_query_codes_is_rate_limited(client, settings):
    settings.JIYUAN_COMPLAINTS = {**settings.JIYUAN_COMPLAINTS, "lookup_rate": "3/h"}
    complaint, secret = factories.complaint()
    for _ in range(3):
        client.post(
            reverse("complaints:public_status"), {"number": complaint.number, "secret": "x"}
        )

    response = client.post(
        reverse("complaints:public_status"), {"number": complaint.number, "secret": secret}
    )

    assert response.status_code == 429
    assert "data-case-status" not in response.content.decode()


def test_the_public_form_keeps_csrf_protection(seed):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("complaints:public_create"), {"kind": "other"})

    assert response.status_code == 403
    assert not Complaint.objects.exists()


def test_the_captcha_picture_is_served_without_signing_in(client):
    page = client.get(reverse("complaints:public_create")).content.decode()
    src = re.search(r'<img src="([^"]+)" alt="需要输入的字符"', page).group(1)

    response = client.get(src)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


@pytest.mark.skipif(
    not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"),
    reason="needs Redis (CELERY_BROKER_URL=redis://…), as production shares its counts there",
)
def test_the_rate_limit_counts_in_redis_across_web_processes(client, settings):
    """Production keeps the counts in Redis (DJANGO_CACHE_URL), where every web process
    adds to the same count: here two clients stand for two processes at one address."""
    settings.CACHES = {
        **settings.CACHES,
        "rate-limit": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CELERY_BROKER_URL"],
            "KEY_PREFIX": f"test-rate-limit-{uuid.uuid4().hex}",
        },
    }
    settings.JIYUAN_COMPLAINTS = {**settings.JIYUAN_COMPLAINTS, "submit_rate": "2/h"}
    other_process = Client()

    first = client.post(reverse("complaints:public_create"), public_form_data(client))
    second = other_process.post(
        reverse("complaints:public_create"), public_form_data(other_process)
    )
    third = client.post(reverse("complaints:public_create"), public_form_data(client))

    assert isinstance(caches["rate-limit"], RedisCache)  # where django-ratelimit counted
    assert (first.status_code, second.status_code, third.status_code) == (200, 200, 429)
    assert Complaint.objects.count() == 2


def test_a_receipt_number_drawn_twice_is_drawn_again(monkeypatch):
    first, _secret = factories.complaint()
    drawn = iter([int(first.number[-6:]), 123456])
    monkeypatch.setattr(
        "jiyuan_portal.complaints.handling.secrets.randbelow", lambda n: next(drawn)
    )

    second, _secret = factories.complaint()

    assert second.number[-6:] == "123456"
    assert second.history.count() == 1  # one save: the history has no provisional number
