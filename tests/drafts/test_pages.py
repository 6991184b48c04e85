"""The drafting pages: a draft from pasted or uploaded text, its review beside the text,
the edit pages with their validation, the unit names and publishing."""

import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jiyuan_portal.drafts.models import NoticeDraft
from jiyuan_portal.tracking.drafting.draft import draft_notice
from jiyuan_portal.tracking.models import Bureau, Plan, Task
from tests import factories

from .conftest import LATER_NOTICE

pytestmark = pytest.mark.django_db


def upload(name, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def word_document(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_pasting_a_notice_drafts_it_and_opens_its_review(admin_client, seed):
    response = admin_client.post(reverse("drafts:draft_create"), {"text": LATER_NOTICE})

    draft = NoticeDraft.objects.get()
    assert response.status_code == 302 and response.url == draft.get_absolute_url()
    assert draft.data["notice"]["number"] == "济政办〔2018〕5号"
    assert [plan["title"] for plan in draft.plans] == ["济源市数据共享攻坚方案"]
    page = admin_client.get(response.url).content.decode()
    assert "已草拟1个方案" in page or "Drafted 1 plans" in page
    assert "市大数据管理局" in page  # an unknown unit, to decide


@pytest.mark.parametrize(
    "name, content",
    [
        ("通知.txt", LATER_NOTICE.encode("gb18030")),
        ("通知.txt", LATER_NOTICE.encode("utf-8-sig")),
        ("通知.docx", word_document(LATER_NOTICE)),
    ],
    ids=["gb18030", "utf-8", "docx"],
)
def test_an_uploaded_text_or_word_document_is_drafted(admin_client, seed, name, content):
    response = admin_client.post(reverse("drafts:draft_create"), {"file": upload(name, content)})

    assert response.status_code == 302
    draft = NoticeDraft.objects.get()
    assert draft.source_name == name
    assert draft.plans[0]["tasks"][0]["responsible"].startswith("市大数据管理局")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("通知.docx", b"MZ\x90\x00 not a document", "通知.docx"),
        ("通知.pdf", b"%PDF-1.4", "通知.pdf"),
        ("通知.txt", b"\x00\x01\x02binary", "通知.txt"),
        ("通知.txt", b"   ", "通知.txt"),
    ],
    ids=["renamed", "pdf", "binary", "empty"],
)
def test_a_file_that_is_not_a_notice_is_refused_with_its_name(
    admin_client, seed, name, content, message
):
    response = admin_client.post(reverse("drafts:draft_create"), {"file": upload(name, content)})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not NoticeDraft.objects.exists()


def test_a_text_without_a_plan_is_refused_with_what_a_plan_looks_like(admin_client, seed):
    response = admin_client.post(reverse("drafts:draft_create"), {"text": "一段没有方案的文字。"})

    assert response.status_code == 200
    assert "方案" in response.content.decode()
    assert not NoticeDraft.objects.exists()


def test_nothing_pasted_nor_uploaded_is_refused(admin_client, seed):
    response = admin_client.post(reverse("drafts:draft_create"), {"text": ""})
    assert response.status_code == 200
    assert not NoticeDraft.objects.exists()


def test_the_review_of_a_plan_marks_the_words_each_item_was_read_from(admin_client, later_draft):
    page = admin_client.get(later_draft.get_absolute_url(), {"plan": 1}).content.decode()

    assert 'data-source-ref="p1-t1"' in page
    assert 'id="src-p1-t1"' in page
    assert '<mark class="source-piece" data-src="p1-t1">建立数据目录</mark>' in page
    assert 'data-src="p1-t1-m1">2018年6月底前完成全市政务数据目录编制' not in page  # the
    # milestone's words are what must be done, its date phrase before them
    assert 'data-src="p1-t1-m1"' in page


def test_the_review_marks_what_the_drafter_was_unsure_of(admin_client, later_draft):
    later_draft.data["plans"][0]["tasks"][0]["unsure"] = ["units_from_text"]
    later_draft.save()

    page = admin_client.get(later_draft.get_absolute_url(), {"plan": 1}).content.decode()

    assert "data-unsure" in page


def test_a_task_is_edited_with_its_milestones_and_the_marks_are_cleared(admin_client, later_draft):
    url = reverse("drafts:task_edit", args=[later_draft.pk, 1, 1])
    form = admin_client.get(url).context["form"]
    formsets = admin_client.get(url).context["formsets"]
    data = {**{k: v for k, v in form.initial.items() if k in form.fields}, "version": 1}
    data["title"] = "建立政务数据目录"
    for name, formset in formsets.items():
        data.update(management(formset))
        for index, entry in enumerate(formset.initial):
            for field in formset.forms[index].fields:
                if field in entry and entry[field] is not None:
                    data[f"{name}-{index}-{field}"] = entry[field]
    data["milestones-0-when"] = "2018年7月底前"

    response = admin_client.post(url, data)

    assert response.status_code == 302
    later_draft.refresh_from_db()
    task = later_draft.plans[0]["tasks"][0]
    assert task["title"] == "建立政务数据目录"
    assert task["milestones"][0]["when"] == "2018年7月底前"
    assert task["milestones"][0]["source"]  # still linked to its words
    assert task["unsure"] == []


def management(formset):
    prefix = formset.prefix
    return {
        f"{prefix}-TOTAL_FORMS": str(len(formset.initial)),
        f"{prefix}-INITIAL_FORMS": str(len(formset.initial)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_a_deadline_the_portal_cannot_read_is_refused_on_the_field(admin_client, later_draft):
    url = reverse("drafts:task_edit", args=[later_draft.pk, 1, 1])
    task = later_draft.plans[0]["tasks"][0]
    data = {
        "version": 1,
        "number": task["number"],
        "title": task["title"],
        "section": task["section"],
        "text": task["text"],
        "responsible": task["responsible"],
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "1",
        "milestones-0-when": "下个月",
        "milestones-0-what": "完成",
        "targets-TOTAL_FORMS": "0",
        "targets-INITIAL_FORMS": "0",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert response.context["formsets"]["milestones"].forms[0].errors["when"]
    later_draft.refresh_from_db()
    assert later_draft.plans[0]["tasks"][0]["milestones"][0]["when"] != "下个月"


def test_two_tasks_may_not_share_a_number(admin_client, later_draft):
    url = reverse("drafts:task_edit", args=[later_draft.pk, 1, 2])
    task = later_draft.plans[0]["tasks"][1]
    response = admin_client.post(
        url,
        {
            "version": 1,
            "number": "二(一)",
            "title": task["title"],
            "section": task["section"],
            "text": task["text"],
            "milestones-TOTAL_FORMS": "0",
            "milestones-INITIAL_FORMS": "0",
            "targets-TOTAL_FORMS": "0",
            "targets-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["number"]


def test_the_notice_header_is_edited_with_a_date_check(admin_client, later_draft):
    url = reverse("drafts:notice_edit", args=[later_draft.pk])
    data = {
        "version": 1,
        "number": "济政办〔2018〕5号",
        "title": "关于印发济源市数据共享攻坚方案的通知",
        "issuer": "济源市人民政府",
        "issued_on": "2018-13-01",
    }
    assert admin_client.post(url, data).status_code == 200
    data["issued_on"] = "2018-03-01"  # the refused post saved nothing: still version 1
    assert admin_client.post(url, data).status_code == 302
    later_draft.refresh_from_db()
    assert later_draft.data["notice"]["issued_on"] == "2018-03-01"


def test_unit_decisions_are_saved_and_then_the_draft_publishes(admin_client, later_draft):
    review = admin_client.get(later_draft.get_absolute_url())
    assert review.context["problems"]  # the unknown unit
    response = admin_client.post(
        reverse("drafts:units", args=[later_draft.pk]), {"unit_0": "new", "version": 1}
    )
    assert response.status_code == 302

    response = admin_client.post(reverse("drafts:publish", args=[later_draft.pk]), {"version": 2})

    plan = Plan.objects.get(code="2018-5-1")
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert Bureau.objects.filter(name="市大数据管理局").exists()
    assert Task.objects.filter(plan=plan).count() == 2
    page = admin_client.get(response.url).content.decode()
    assert "建立数据目录" in page


def test_publishing_with_problems_says_why_and_changes_nothing(admin_client, later_draft):
    response = admin_client.post(
        reverse("drafts:publish", args=[later_draft.pk]), {"version": 1}, follow=True
    )

    assert "市大数据管理局" in response.content.decode()
    assert not Plan.objects.filter(code="2018-5-1").exists()


def test_a_published_draft_cannot_be_edited(admin_client, later_draft):
    later_draft.status = NoticeDraft.Status.PUBLISHED
    later_draft.save()
    assert admin_client.get(reverse("drafts:notice_edit", args=[later_draft.pk])).status_code == 404
    assert admin_client.get(later_draft.get_absolute_url()).status_code == 200


def test_the_review_pages_make_the_same_queries_however_long_the_notice(
    admin_client, later_draft, notice_text
):
    data = draft_notice(notice_text)
    data["plans"][0]["tasks"][0]["responsible"] = "市大数据管理局"  # an unknown unit, as later's
    long = NoticeDraft.objects.create(text=notice_text, data=data)
    counts = []
    for draft in (later_draft, long):
        for query in ({}, {"plan": 1}):
            with CaptureQueriesContext(connection) as queries:
                assert admin_client.get(draft.get_absolute_url(), query).status_code == 200
            counts.append(len(queries))
    assert counts[0] == counts[2] and counts[1] == counts[3], counts


def test_bureau_staff_and_supervisors_cannot_open_the_drafts(client, later_draft):
    for user in (factories.supervisor(), factories.bureau_staff(Bureau.objects.first())):
        client.force_login(user)
        assert client.get(reverse("drafts:draft_list")).status_code == 403
        assert client.get(later_draft.get_absolute_url()).status_code == 403


def test_renumbering_a_task_keeps_its_award_rules_on_it(admin_client, later_draft):
    task = later_draft.plans[0]["tasks"][1]
    assert later_draft.plans[0]["award_rules"][0]["task"] == task["number"] == "二(二)"

    response = admin_client.post(
        reverse("drafts:task_edit", args=[later_draft.pk, 1, 2]),
        {
            "version": 1,
            "number": "二(三)",
            "title": task["title"],
            "section": task["section"],
            "text": task["text"],
            "responsible": task["responsible"],
            "milestones-TOTAL_FORMS": "0",
            "milestones-INITIAL_FORMS": "0",
            "targets-TOTAL_FORMS": "0",
            "targets-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    later_draft.refresh_from_db()
    assert later_draft.plans[0]["award_rules"][0]["task"] == "二(三)"


def test_a_blank_row_left_for_adding_one_is_not_saved(admin_client, later_draft):
    """Its selects submit their empty first choice: nothing typed, nothing added."""
    task = later_draft.plans[0]["tasks"][0]
    task["milestones"], task["targets"] = [], []
    later_draft.save()
    data = {
        "version": later_draft.version,
        "number": task["number"],
        "title": task["title"],
        "section": task["section"],
        "text": task["text"],
        "responsible": task["responsible"],
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "0",
        "targets-TOTAL_FORMS": "1",
        "targets-INITIAL_FORMS": "0",
        "targets-0-bound": "",
        "targets-0-kind": "",
    }

    response = admin_client.post(reverse("drafts:task_edit", args=[later_draft.pk, 1, 1]), data)

    assert response.status_code == 302
    later_draft.refresh_from_db()
    assert later_draft.plans[0]["tasks"][0]["targets"] == []


def test_a_page_saved_over_another_admins_newer_change_saves_nothing_and_says_so(
    admin_client, later_draft
):
    """Two admins opened the header at version 1; the first saved; the second's save would
    undo the first's change."""
    url = reverse("drafts:notice_edit", args=[later_draft.pk])
    data = {
        "version": 1,
        "number": "济政办〔2018〕5号",
        "title": "关于印发济源市数据共享攻坚方案的通知",
        "issuer": "济源市人民政府",
        "issued_on": "2018-03-01",
    }
    assert admin_client.post(url, data).status_code == 302
    later_draft.refresh_from_db()
    assert later_draft.version == 2

    response = admin_client.post(url, {**data, "issued_on": "2018-03-09"}, follow=True)

    later_draft.refresh_from_db()
    assert later_draft.data["notice"]["issued_on"] == "2018-03-01"
    assert later_draft.version == 2
    assert "已被他人修改" in response.content.decode()


def test_publishing_a_draft_changed_since_it_was_shown_is_refused(admin_client, later_draft):
    later_draft.data["units"] = {"市大数据管理局": {"action": "new"}}
    later_draft.version = 3
    later_draft.save()

    admin_client.post(reverse("drafts:publish", args=[later_draft.pk]), {"version": 2})

    assert not Plan.objects.filter(code="2018-5-1").exists()


def test_the_notices_header_links_to_its_words_in_the_text_before_the_plans(
    admin_client, later_draft
):
    page = admin_client.get(later_draft.get_absolute_url()).content.decode()

    assert '<mark class="source-piece" data-src="n-number">济政办〔2018〕5号</mark>' in page
    assert 'data-source-ref="n-title"' in page
    assert "建立数据目录" not in page.split("data-source-text", 1)[1]  # the plans' text is theirs


def test_an_item_whose_words_were_not_found_is_marked_and_links_nowhere(admin_client, later_draft):
    later_draft.data["plans"][0]["tasks"][0].update(source=None, unsure=["not_found"])
    later_draft.save()

    page = admin_client.get(later_draft.get_absolute_url(), {"plan": 1}).content.decode()

    assert 'href="#src-p1-t1"' not in page
    assert "原文中未找到" in page
    assert 'href="#src-p1-t2"' in page
