"""axe-core finds no serious or critical violation on any main page, for any role that sees
it; and 我的任务 is usable on a phone.

axe-core comes from the npm registry (``tests/browser/package.json``, installed by
``.ci/run`` with ``npm ci``). Without ``node_modules`` the axe tests are skipped like the
browser tests without Chromium, and fail when ``JIYUAN_REQUIRE_BROWSER=1``.
"""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from jiyuan_portal.drafts.models import NoticeDraft
from jiyuan_portal.reporting.uploads import FILE_TYPES
from jiyuan_portal.tracking.drafting.draft import draft_notice
from jiyuan_portal.tracking.models import Bureau, Target
from tests import factories
from tests.browser.conftest import _no_browser
from tests.browser.portal_pages import log_in
from tests.drafts.conftest import LATER_NOTICE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = FILE_TYPES["png"]
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
LEAD_BUREAU = "市工业和信息化委员会"


@pytest.fixture
def axe_path():
    if not AXE.exists():
        _no_browser(f"{AXE} is missing: run `npm ci` in tests/browser")
    return str(AXE)


@pytest.fixture
def portal(seed, settings, tmp_path):
    """Technical-reform 二(一), led by 工信委: a milestone, a target with an approved
    figure (so its progress bar shows) and a submitted report waiting for review; a
    complaint with a photo, assigned to 工信委."""
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    bureau = Bureau.objects.get(name=LEAD_BUREAU)
    target = Target.objects.get(code="reform-investment-share-2017")  # reported, not counted
    task = target.task
    milestone = task.milestones.first() or factories.MilestoneFactory(task=task)
    report = factories.TargetReportFactory(
        target=target,
        bureau=bureau,
        value=Decimal("12.5"),
        as_of=datetime.date(2017, 6, 30),
        submitted=True,
    )
    factories.TargetReportFactory(  # approved: the target shows its progress bar
        target=target,
        bureau=bureau,
        value=Decimal(5),
        as_of=datetime.date(2017, 3, 31),
        approved=True,
    )
    return {
        "bureau": bureau,
        "task": task,
        "target": target,
        "milestone": milestone,
        "report": report,
        "staff": factories.bureau_staff(bureau),
        "supervisor": factories.supervisor(),
        "admin": factories.portal_admin(),
        "draft": NoticeDraft.objects.create(text=LATER_NOTICE, data=draft_notice(LATER_NOTICE)),
        "complaint": factories.complaint(
            kind="steel", photos=[(factories.upload("现场.png", factories.png_bytes()), PNG)]
        )[0],
    }


def pages_for(role, data):
    """The main pages ``role`` sees."""
    if role == "anonymous":
        return {
            "public pages": reverse("disclosure:home"),
            "published exits": reverse("disclosure:public_record_list", args=["capacity-exit"]),
            "complaint form": reverse("complaints:public_create"),
            "complaint status": reverse("complaints:public_status"),
        }
    pages = {
        "overview": reverse("dashboard:home"),
        "plan page": data["task"].plan.get_absolute_url(),
        "task page": data["task"].get_absolute_url(),
        "task list": reverse("dashboard:task_list"),
        "bureau list": reverse("dashboard:bureau_list"),
        "bureau page": reverse("dashboard:bureau_detail", args=[data["bureau"].pk]),
        "report page": data["report"].get_absolute_url(),
    }
    if role == "staff":
        pages["我的任务"] = reverse("dashboard:my_work")
        pages["target report form"] = reverse(
            "reporting:report_create", args=["target-report", data["target"].pk]
        )
        pages["milestone report form"] = reverse(
            "reporting:report_create", args=["milestone-report", data["milestone"].pk]
        )
    else:
        pages["review queue"] = reverse("reporting:review_queue")
        pages["publication"] = reverse("disclosure:record_list")
        pages["complaint page"] = data["complaint"].get_absolute_url()
    if role == "admin":
        draft = data["draft"]
        pages["plan drafts"] = reverse("drafts:draft_list")
        pages["new plan draft"] = reverse("drafts:draft_create")
        pages["draft review"] = draft.get_absolute_url()
        pages["draft review of a plan"] = f"{draft.get_absolute_url()}?plan=1"
        pages["draft task form"] = reverse("drafts:task_edit", args=[draft.pk, 1, 1])
        pages["draft plan form"] = reverse("drafts:plan_edit", args=[draft.pk, 1])
    pages["complaints"] = reverse("complaints:complaint_list")
    pages["API tokens"] = reverse("api:token_list")
    return pages


def axe_violations(page, axe_path):
    # Evaluated through the browser's debugging protocol, which the page's
    # Content-Security-Policy does not govern (a <script> tag would be refused, rightly).
    page.evaluate(Path(axe_path).read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def describe(violations):
    return "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in violations
    )


@pytest.mark.parametrize("role", ["anonymous", "staff", "supervisor", "admin"])
def test_no_serious_accessibility_violation_on_any_main_page(
    browser_page, live_server, portal, axe_path, role
):
    if role != "anonymous":
        log_in(browser_page, live_server, portal[role])
    found = {}
    for name, path in pages_for(role, portal).items():
        response = browser_page.goto(f"{live_server.url}{path}")
        assert response.status == 200, f"{name} ({path}) answered {response.status}"
        violations = axe_violations(browser_page, axe_path)
        if violations:
            found[name] = describe(violations)
    assert not found, "\n".join(f"{name}: {text}" for name, text in found.items())


def test_my_tasks_is_usable_on_a_phone(browser, live_server, portal):
    """At 390 px no cell of 我的任务 is crushed below four characters and the page itself
    does not scroll sideways (a table may scroll in its own box, or become cards)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    try:
        log_in(page, live_server, portal["staff"])
        page.goto(f"{live_server.url}{reverse('dashboard:my_work')}")
        crushed = page.evaluate(
            """() => [...document.querySelectorAll('main td, main th')]
                .filter(cell => {
                    // a header row hidden for cards (visually, kept for screen readers)
                    const box = (cell.closest('thead') || cell).getBoundingClientRect();
                    return box.width > 1 && box.height > 1 && cell.textContent.trim();
                })
                .filter(cell => {
                    const style = getComputedStyle(cell);
                    const content = cell.clientWidth - parseFloat(style.paddingLeft)
                        - parseFloat(style.paddingRight);
                    return content < 4 * parseFloat(style.fontSize);
                })
                .map(cell => `${cell.textContent.trim().slice(0, 20)} (${cell.clientWidth}px)`)"""
        )
        assert not crushed, f"cells narrower than four characters: {crushed[:5]}"
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"the page scrolls sideways by {overflow}px"
    finally:
        context.close()
