"""The Django admin covers every model of the portal, in Chinese, and each page renders."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from jiyuan_portal.reporting.filing import save_evidence
from jiyuan_portal.reporting.models import Evidence, ReviewStatus, TargetReport
from jiyuan_portal.reporting.uploads import check_evidence_file
from jiyuan_portal.tracking.plan_apps import plan_apps
from tests import factories

PORTAL_APPS = {"accounts", "tracking", "reporting", "alerts", *(c.label for c in plan_apps())}


def portal_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in PORTAL_APPS and not model.__name__.startswith("Historical")
    ]


def test_every_portal_model_is_in_the_admin():
    missing = [model.__name__ for model in portal_models() if not admin.site.is_registered(model)]
    assert missing == []


@pytest.mark.parametrize("model", portal_models(), ids=lambda model: model._meta.label)
def test_admin_changelist_renders_with_filters_and_search(client, seed, model):
    client.force_login(factories.portal_admin())
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    response = client.get(url, {"q": "济源"})

    assert response.status_code == 200
    model_admin = admin.site._registry[model]
    assert model_admin.list_filter, f"{opts.label} has no list filters"
    assert model_admin.search_fields, f"{opts.label} has no search"


def test_admin_is_in_chinese(client, seed):
    client.force_login(factories.portal_admin())
    page = client.get(reverse("admin:index")).content.decode()
    assert "济源市攻坚方案目标管理平台" in page  # the site header
    assert "方案" in page and "责任单位" in page  # model names
    assert "Plans" not in page


def test_bureau_staff_cannot_enter_the_admin(client, seed):
    from jiyuan_portal.tracking.models import Bureau

    client.force_login(factories.bureau_staff(Bureau.objects.get(name="市环境保护局")))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302


def test_a_reports_review_state_cannot_be_edited_in_the_admin(client, seed):
    """State changes go through the workflow only: the admin shows ``status`` read-only."""
    report = factories.TargetReportFactory(submitted=True)
    client.force_login(factories.portal_admin())
    url = reverse("admin:reporting_targetreport_change", args=[report.pk])

    page = client.get(url)
    client.post(
        url,
        {
            "target": report.target_id,
            "bureau": report.bureau_id,
            "value": "99",
            "as_of": "2018-06-30",
            "narrative": "管理员改的",
            "status": ReviewStatus.APPROVED,
            "evidence-TOTAL_FORMS": "0",
            "evidence-INITIAL_FORMS": "0",
        },
    )

    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    report.refresh_from_db()
    assert report.status == ReviewStatus.SUBMITTED


def test_deleting_a_report_in_the_admin_deletes_its_evidence_and_files(
    client, seed, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.EVIDENCE_ROOT = tmp_path
    report = factories.TargetReportFactory()
    upload = factories.upload("佐证.pdf")
    save_evidence(report, [(upload, check_evidence_file(upload))], factories.portal_admin())
    stored = Evidence.objects.get().file.path
    client.force_login(factories.portal_admin())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:reporting_targetreport_delete", args=[report.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not TargetReport.objects.filter(pk=report.pk).exists()
    assert not Evidence.objects.exists()
    assert not (tmp_path / stored).exists()


def test_admin_change_lists_make_as_many_queries_for_a_page_of_rows_as_for_one(
    client, seed, settings, tmp_path
):
    """No change list queries once per row (a related object shown without
    ``list_select_related``): with the demo data loaded, each list is read with one row a
    page and with a hundred, and both make the same number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jiyuan_portal.dashboard import demo_data

    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    demo_data.load()
    client.force_login(factories.portal_admin())
    growing, checked = {}, []
    for model in portal_models():
        if model._default_manager.count() < 2:
            continue
        model_admin = admin.site._registry[model]
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        counts = []
        for per_page in (1, 100):
            model_admin.list_per_page = per_page
            try:
                with CaptureQueriesContext(connection) as context:
                    assert client.get(url).status_code == 200
            finally:
                del model_admin.list_per_page  # back to the class's
            counts.append(len(context.captured_queries))
        checked.append(opts.label)
        if counts[0] != counts[1]:
            growing[opts.label] = counts
    assert growing == {}
    assert len(checked) >= 25, checked
