"""In Chromium, under the real Content-Security-Policy: no page of the portal or of its admin
provokes a violation, and the behaviours moved out of inline handlers (the language switch,
the delete confirmation, progress-bar widths) still work."""

import pytest
from django.urls import reverse

from jiyuan_portal.reporting.models import TargetReport
from jiyuan_portal.tracking.models import Bureau, Plan, Target
from tests.factories import TargetReportFactory, bureau_staff, portal_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@pytest.fixture
def watched_page(browser_page):
    """The page, recording every CSP violation (events and console reports)."""
    browser_page.add_init_script(RECORD_VIOLATIONS)
    console = []
    browser_page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    browser_page.csp_console = console
    return browser_page


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations") + page.csp_console


def sign_in(page, live_server, user):
    """Through the portal's own login page (the admin's refuses non-staff users)."""
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", "test-password-123")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/accounts/login/" not in page.url
    return page


def visit(page, url):
    response = page.goto(url)
    assert response.status < 400, url
    assert "/login/" not in page.url, url
    page.wait_for_load_state("load")
    assert violations(page) == [], url


def test_portal_pages_run_under_the_policy(watched_page, live_server, seed):
    bureau = Bureau.objects.get(name="市工业和信息化委员会")
    staff = bureau_staff(bureau)
    target = Target.objects.filter(task__bureaus=bureau).select_related("task").first()
    report = TargetReportFactory(target=target, bureau=bureau, created_by=staff)
    page = sign_in(watched_page, live_server, staff)

    for url in (
        reverse("dashboard:my_work"),
        target.task.get_absolute_url(),
        Plan.objects.get(code="techreform").get_absolute_url(),
        reverse("dashboard:task_list"),
        report.get_absolute_url(),
    ):
        visit(page, live_server.url + url)

    # The progress bars are native <progress> elements sized by portal.css, not style attributes.
    visit(page, live_server.url + Plan.objects.get(code="techreform").get_absolute_url())
    bar = page.locator(".progress-inline").first
    if bar.count():
        assert bar.bounding_box()["width"] > 30

    # The language switch submits on change (portal.js, no onchange attribute).
    visit(page, live_server.url + reverse("dashboard:my_work"))
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert page.locator("html").get_attribute("lang") == "en"

    # Deleting asks first (portal.js, no onsubmit attribute): dismissed, nothing happens;
    # accepted, the report is gone.
    visit(page, live_server.url + report.get_absolute_url())
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("form[data-confirm] button[type=submit]")
    assert TargetReport.objects.filter(pk=report.pk).exists()
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("form[data-confirm] button[type=submit]")
    assert not TargetReport.objects.filter(pk=report.pk).exists()
    assert violations(page) == []


def test_admin_pages_run_under_their_relaxed_policy(watched_page, live_server, login, seed):
    page = login(watched_page, portal_admin())
    for url in (
        reverse("admin:index"),
        reverse("admin:tracking_task_changelist"),
        reverse("admin:tracking_task_change", args=[Plan.objects.first().tasks.first().pk]),
        reverse("admin:django_celery_beat_periodictask_add"),
        reverse("admin:techreform_towntarget_export"),
    ):
        visit(page, live_server.url + url)


def test_the_api_documentation_runs_under_the_policy(watched_page, live_server, seed):
    from tests.factories import supervisor

    page = sign_in(watched_page, live_server, supervisor())
    page.goto(live_server.url + reverse("api:docs"))
    page.wait_for_selector(".swagger-ui .opblock")

    assert page.locator(".swagger-ui .opblock").count() >= 20
    assert violations(page) == []
