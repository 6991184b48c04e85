"""The public pages (/public/): what a supervisor published, and nothing else, for anyone
without signing in; as pages, CSV files and Atom feeds, served from the cache."""

import csv
import io
import xml.etree.ElementTree as ElementTree

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capacity.models import CapacityExit
from jiyuan_portal.disclosure import publishing
from jiyuan_portal.disclosure.models import Publication
from jiyuan_portal.reporting.models import Evidence
from jiyuan_portal.tracking.models import Target
from tests import factories

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def no_public_cache(settings):
    """The public cache is off unless a test turns it on (tests/conftest.py empties it
    before each test)."""
    settings.JIYUAN_PUBLIC_CACHE_SECONDS = 0


@pytest.fixture
def supervisor(seed):
    return factories.supervisor()


def published_exit(supervisor, **fields):
    record = factories.CapacityExitFactory(approved=True, **fields)
    publishing.publish(supervisor, reports=[record])
    return record


def text_of(response) -> str:
    return response.content.decode()


def test_an_anonymous_visitor_reads_the_published_exits_grouped_by_industry(client, supervisor):
    published_exit(
        supervisor,
        name="公开煤矿甲",
        equipment_removed="提升机已拆除",
        capacity_removed=45,
        town=factories.Town.objects.get(name="克井"),
    )
    published_exit(supervisor, name="公开特钢乙", industry=CapacityExit.Industry.STEEL)

    response = client.get(reverse("disclosure:home"))

    assert response.status_code == 200
    page = text_of(response)
    for shown in ("公开煤矿甲", "提升机已拆除", "45", "万吨", "克井", "2017-06-30", "公开特钢乙"):
        assert shown in page
    # Grouped: each industry's heading before its rows.
    assert (
        page.index("煤炭")
        < page.index("公开煤矿甲")
        < page.index("钢铁")
        < page.index("公开特钢乙")
    )


def test_only_published_approved_records_appear_never_drafts_submissions_or_unpublished(
    client, supervisor
):
    published_exit(supervisor, name="已公开煤矿")
    factories.CapacityExitFactory(approved=True, name="已审核未公开煤矿")
    factories.CapacityExitFactory(submitted=True, name="审核中煤矿")
    factories.CapacityExitFactory(name="草稿煤矿")

    page = text_of(client.get(reverse("disclosure:home")))

    assert "已公开煤矿" in page
    for hidden in ("已审核未公开煤矿", "审核中煤矿", "草稿煤矿"):
        assert hidden not in page


def test_the_public_page_shows_no_evidence_comment_note_bureau_or_user(
    client, supervisor, settings, tmp_path
):
    settings.EVIDENCE_ROOT = tmp_path
    author = factories.bureau_staff(
        factories.Bureau.objects.get(name="市发展和改革委员会"), first_name="内部填报人"
    )
    record = factories.CapacityExitFactory(
        approved=True,
        name="公开煤矿丙",
        notes="内部备注不公开",
        review_comment="审核意见不公开",
        created_by=author,
    )
    Evidence.objects.create(
        report=record,
        file=factories.upload("内部佐证.pdf"),
        original_name="内部佐证.pdf",
        size=10,
        mime_type="application/pdf",
        uploaded_by=author,
    )
    publishing.publish(supervisor, reports=[record])
    client.force_login(supervisor)  # signed in or not, the public page is the same

    page = text_of(client.get(reverse("disclosure:home")))

    assert "公开煤矿丙" in page
    for secret in (
        "内部备注不公开",
        "审核意见不公开",
        "内部佐证",
        "内部填报人",
        supervisor.display_name,
    ):
        assert secret not in page
    assert 'name="password"' not in page  # no login form
    assert f'href="{reverse("dashboard:home")}"' not in page  # no link into the portal
    assert reverse("admin:index") not in page


def test_published_targets_show_their_status_and_unpublished_ones_do_not_appear(client, supervisor):
    shown = Target.objects.get(plan__code="capacity", code="coal-capacity-2017")
    hidden = Target.objects.get(plan__code="capacity", code="coal-capacity-2018")
    publishing.publish(supervisor, targets=[shown])

    page = text_of(client.get(reverse("disclosure:home")))

    assert shown.indicator in page
    assert f'id="target-{shown.pk}"' in page
    assert f'id="target-{hidden.pk}"' not in page
    assert "暂无数据" in page or "进度滞后" in page  # the status, from tracking.status


def test_the_missed_exits_list_shows_the_published_enterprises_and_their_sanctions(
    client, supervisor
):
    record = factories.MissedExitFactory(
        approved=True, name="逾期未退出建材厂", sanctions="暂停新增授信"
    )
    publishing.publish(supervisor, reports=[record])

    response = client.get(reverse("disclosure:public_record_list", args=["missed-exit"]))

    assert response.status_code == 200
    assert "逾期未退出建材厂" in text_of(response)
    assert "暂停新增授信" in text_of(response)


def test_a_registry_that_is_not_public_has_no_public_list(client, seed):
    response = client.get(reverse("disclosure:public_record_list", args=["reform-project"]))

    assert response.status_code == 404


def test_the_csv_file_carries_the_published_exits_and_nothing_unpublished(client, supervisor):
    published_exit(supervisor, name="=HYPERLINK(1)")
    published_exit(supervisor, name="公开煤矿丁")
    factories.CapacityExitFactory(approved=True, name="未公开煤矿戊")

    response = client.get(reverse("disclosure:public_record_csv", args=["capacity-exit"]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["名称", "行业", "乡镇(街道、区)"]
    names = {row[0] for row in rows[1:]}
    assert names == {"'=HYPERLINK(1)", "公开煤矿丁"}  # a formula is written as text


def test_the_target_csv_carries_the_published_targets_with_status(client, supervisor):
    target = Target.objects.get(plan__code="capacity", code="coal-capacity-2017")
    publishing.publish(supervisor, targets=[target])

    response = client.get(reverse("disclosure:public_target_csv"))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][2] == target.indicator


def test_the_atom_feed_carries_the_published_exits_newest_first(client, supervisor):
    first = published_exit(supervisor, name="先公开煤矿")
    second = published_exit(supervisor, name="后公开煤矿")
    factories.CapacityExitFactory(approved=True, name="未公开煤矿")

    response = client.get(reverse("disclosure:public_record_feed", args=["capacity-exit"]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles == [f"{second.name}(煤炭)", f"{first.name}(煤炭)"]
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links[0].endswith(f"/public/capacity-exit/#record-{second.pk}")
    assert "退出产能:30" in entries[0].findtext(f"{ATOM}summary")


def test_the_target_feed_carries_the_published_targets(client, supervisor):
    target = Target.objects.get(plan__code="capacity", code="coal-capacity-2017")
    publishing.publish(supervisor, targets=[target])

    response = client.get(reverse("disclosure:public_target_feed"))

    entries = ElementTree.fromstring(response.content).findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert target.indicator in entries[0].findtext(f"{ATOM}title")


def test_a_second_visitor_costs_no_query_while_the_page_is_cached(client, supervisor, settings):
    settings.JIYUAN_PUBLIC_CACHE_SECONDS = 300
    published_exit(supervisor, name="缓存煤矿")
    urls = [
        reverse("disclosure:home"),
        reverse("disclosure:public_record_list", args=["capacity-exit"]),
        reverse("disclosure:public_record_csv", args=["capacity-exit"]),
        reverse("disclosure:public_record_feed", args=["capacity-exit"]),
        reverse("disclosure:public_target_csv"),
        reverse("disclosure:public_target_feed"),
    ]
    for url in urls:
        client.get(url)

    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert len(queries) == 0, (url, [q["sql"] for q in queries])


def test_publishing_or_withdrawing_shows_at_once_despite_the_cache(
    client, supervisor, settings, django_capture_on_commit_callbacks
):
    settings.JIYUAN_PUBLIC_CACHE_SECONDS = 300
    record = factories.CapacityExitFactory(approved=True, name="即时煤矿")
    assert "即时煤矿" not in text_of(client.get(reverse("disclosure:home")))

    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(supervisor, reports=[record])
    assert "即时煤矿" in text_of(client.get(reverse("disclosure:home")))

    with django_capture_on_commit_callbacks(execute=True):
        publishing.withdraw(supervisor, reports=[record])
    assert "即时煤矿" not in text_of(client.get(reverse("disclosure:home")))


def test_the_public_pages_make_as_many_queries_for_many_records_as_for_one(client, supervisor):
    town = factories.Town.objects.get(name="克井")
    publishing.publish(supervisor, targets=list(Target.objects.filter(plan__code="capacity")))

    def queries_with(records):
        publishing.publish(supervisor, reports=records)
        counts = []
        for url in (
            reverse("disclosure:home"),
            reverse("disclosure:public_record_list", args=["capacity-exit"]),
            reverse("disclosure:public_record_csv", args=["capacity-exit"]),
            reverse("disclosure:public_record_feed", args=["capacity-exit"]),
        ):
            client.get(url)  # content types and the like, kept per process
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        return counts

    one = queries_with([factories.CapacityExitFactory(approved=True, town=town)])
    many = queries_with(factories.CapacityExitFactory.create_batch(30, approved=True, town=town))

    assert many == one


def test_only_approved_records_of_public_registries_can_be_published(supervisor):
    draft = factories.CapacityExitFactory()
    project = factories.ReformProjectFactory(approved=True)

    with pytest.raises(ValidationError, match="只公开已审核"):
        publishing.publish(supervisor, reports=[draft])
    with pytest.raises(ValidationError, match="不公开"):
        publishing.publish(supervisor, reports=[project])
    assert not Publication.objects.exists()


def test_bureau_staff_cannot_publish(seed):
    record = factories.CapacityExitFactory(approved=True)
    staff = factories.bureau_staff(record.bureau)

    with pytest.raises(PermissionDenied):
        publishing.publish(staff, reports=[record])


def test_a_supervisor_publishes_and_withdraws_ticked_records_on_the_publication_page(
    client, supervisor
):
    record = factories.CapacityExitFactory(approved=True, name="勾选煤矿")
    client.force_login(supervisor)

    listed = client.get(reverse("disclosure:record_list"))
    assert "勾选煤矿" in text_of(listed)
    response = client.post(
        reverse("disclosure:publish"),
        {"item_kind": "report", "items": [record.pk], "action": "publish"},
        follow=True,
    )
    assert "已在公开页面发布:1" in text_of(response)
    assert Publication.objects.filter(report=record).exists()

    client.post(
        reverse("disclosure:publish"),
        {"item_kind": "report", "items": [record.pk], "action": "withdraw"},
    )
    assert not Publication.objects.filter(report=record).exists()


def test_publishing_a_draft_from_the_page_is_refused_with_a_message(client, supervisor):
    draft = factories.CapacityExitFactory(name="草稿煤矿")
    client.force_login(supervisor)

    response = client.post(
        reverse("disclosure:publish"),
        {"item_kind": "report", "items": [draft.pk], "action": "publish"},
        follow=True,
    )

    assert "草稿煤矿" in text_of(response)
    assert "只公开已审核" in text_of(response)
    assert not Publication.objects.exists()


def test_a_supervisor_publishes_targets_on_the_publication_page(client, supervisor):
    target = Target.objects.get(plan__code="capacity", code="coal-capacity-2017")
    client.force_login(supervisor)

    client.post(
        reverse("disclosure:publish"),
        {"item_kind": "target", "items": [target.pk], "action": "publish"},
    )
    listed = client.get(reverse("disclosure:target_list") + "?published=yes")

    assert Publication.objects.filter(target=target).exists()
    assert target.indicator in text_of(listed)


def test_a_publication_is_written_in_the_change_history(supervisor):
    record = factories.CapacityExitFactory(approved=True)

    publishing.publish(supervisor, reports=[record])
    publishing.withdraw(supervisor, reports=[record])

    kinds = list(
        Publication.history.order_by("history_date").values_list("history_type", flat=True)
    )
    assert kinds == ["+", "-"]


def test_a_supervisor_publishes_an_approved_exit_from_its_page_and_returns_to_it(
    client, supervisor
):
    record = factories.CapacityExitFactory(approved=True, name="页面发布煤矿")
    client.force_login(supervisor)
    page = text_of(client.get(record.get_absolute_url()))
    assert "未公开" in page and "在公开页面发布" in page

    response = client.post(
        reverse("disclosure:publish"),
        {
            "item_kind": "report",
            "items": [record.pk],
            "action": "publish",
            "next": record.get_absolute_url(),
        },
    )

    assert response.url == record.get_absolute_url()
    assert "data-published" in text_of(client.get(record.get_absolute_url()))


def test_publishing_never_redirects_to_another_site(client, supervisor):
    record = factories.CapacityExitFactory(approved=True)
    client.force_login(supervisor)

    response = client.post(
        reverse("disclosure:publish"),
        {
            "item_kind": "report",
            "items": [record.pk],
            "action": "publish",
            "next": "https://evil.example/",
        },
    )

    assert response.url == reverse("disclosure:record_list")


def test_bureau_staff_see_whether_their_record_is_published_but_no_button(client, supervisor):
    record = factories.CapacityExitFactory(approved=True)
    publishing.publish(supervisor, reports=[record])
    client.force_login(factories.bureau_staff(record.bureau))

    page = text_of(client.get(record.get_absolute_url()))

    assert "data-published" in page
    assert reverse("disclosure:publish") not in page


def test_a_record_of_a_kind_never_published_says_nothing_of_the_public_pages(client, supervisor):
    project = factories.ReformProjectFactory(approved=True)
    client.force_login(supervisor)

    page = text_of(client.get(project.get_absolute_url()))

    assert 'id="publication"' not in page
