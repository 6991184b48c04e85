"""Security headers: a Content-Security-Policy without 'unsafe-inline' on the portal's pages
(relaxed only for Django's admin), a Permissions-Policy turning off devices and sensors, and
``Cache-Control: private, no-store`` on whatever a signed-in user receives."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from jiyuan_portal.reporting.models import Evidence
from jiyuan_portal.tracking.models import Bureau, Plan
from tests import factories

BASE_DIR = Path(settings.BASE_DIR)


def csp(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_strict_csp(response):
    policy = csp(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


def assert_devices_off(response):
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


@pytest.fixture
def task(seed):
    lead = Bureau.objects.get(name="市工业和信息化委员会")
    return factories.TaskFactory(plan=Plan.objects.get(code="innovation"), bureaus=[lead])


@pytest.fixture
def staff(task):
    return factories.bureau_staff(task.lead_bureau)


def test_the_login_page_has_a_strict_csp_and_no_devices(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert_strict_csp(response)
    assert_devices_off(response)


def test_a_signed_in_page_is_never_stored_by_a_browser_or_proxy(client, staff, task):
    client.force_login(staff)
    for url in (reverse("dashboard:my_work"), task.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert_strict_csp(response)
        assert_devices_off(response)


def test_a_signed_in_redirect_and_error_are_not_stored_either(client, staff):
    client.force_login(staff)
    assert client.get(reverse("dashboard:home"))["Cache-Control"] == "private, no-store"
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Cache-Control"] == "private, no-store"


def test_an_evidence_download_is_never_stored(client, settings, tmp_path, task, staff):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    client.force_login(staff)
    target = factories.TargetFactory(plan=task.plan, task=task)
    client.post(
        reverse("reporting:report_create", args=["target-report", target.pk]),
        {
            "value": "3",
            "as_of": "2018-06-30",
            "narrative": "附佐证。",
            "evidence": [factories.upload("验收报告.pdf")],
        },
    )
    response = client.get(Evidence.objects.get().get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert_devices_off(response)


def test_the_admin_works_with_a_csp_relaxed_only_for_inline_code(client, db):
    """Django's admin and its add-ons (import-export, celery-beat) carry inline scripts and
    styles; only the admin's own pages allow them."""
    client.force_login(factories.portal_admin())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    policy = csp(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert response["Cache-Control"] == "private, no-store"


INLINE_CODE = [
    (re.compile(r"\sstyle\s*="), "a style attribute"),
    (re.compile(r"<style[\s>]"), "a <style> element"),
    (re.compile(r"<script(?![^>]*\ssrc=)[^>]*>"), "an inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "an event-handler attribute"),
    (re.compile(r"javascript:", re.IGNORECASE), "a javascript: URL"),
]


def project_templates():
    roots = [BASE_DIR / "templates"] + [
        BASE_DIR / app / "templates"
        for app in ["jiyuan_portal", *settings.PLAN_APPS]
        if (BASE_DIR / app / "templates").exists()
    ]
    roots += list((BASE_DIR / "jiyuan_portal").glob("*/templates"))
    return sorted({path for root in roots for path in root.rglob("*.html")})


def test_no_project_template_has_inline_scripts_or_styles():
    templates = project_templates()
    assert len(templates) > 20
    found = [
        f"{path.relative_to(BASE_DIR)}: {what}"
        for path in templates
        for pattern, what in INLINE_CODE
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_signed_in_pages_render_no_inline_scripts_or_styles(client, staff, task):
    client.force_login(staff)
    for url in (
        reverse("dashboard:my_work"),
        task.get_absolute_url(),
        task.plan.get_absolute_url(),
        reverse("dashboard:task_list"),
    ):
        page = client.get(url).content.decode()
        for pattern, what in INLINE_CODE:
            assert not pattern.search(page), f"{url} has {what}"
