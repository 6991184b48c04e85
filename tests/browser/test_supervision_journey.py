"""The supervision journey (督查督办), in a real browser.

A one-off milestone of a task led by one bureau (with a co-responsible one) is long
overdue. The daily scan flags it as a supervised item and tells the bureaus' staff. The
lead bureau's user sees the unread count in the header, opens the notification, lands on
the item and writes the explanation (情况说明): a new expected date in the past is refused
next to the field and nothing is saved; a future one is accepted. A supervisor, told of
the explanation, accepts it and closes the item (销号); it leaves the red list and is
listed in the printable bulletin (督查通报).

Most of the supervision strings have no Chinese translation yet: the tests find things by
URL, element id/name and CSS class, and where they read a text they accept the English
one or the Chinese one.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from jiyuan_portal.alerts.models import Alert, AlertBureau, Explanation, Notification
from jiyuan_portal.alerts.scan import run_scan
from tests.browser.portal_pages import log_in
from tests.factories import (
    BureauFactory,
    MilestoneFactory,
    TaskFactory,
    bureau_staff,
    supervisor,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEAD_BUREAU = "督办测试牵头局"
OTHER_BUREAU = "督办测试配合局"
# Before every seeded milestone (the earliest is due 2017-05-31), so that the item comes
# first on the first page of the supervised-item list, which is sorted by due date.
DUE_DATE = datetime.date(2017, 3, 31)
DESCRIPTION = "完成督办测试企业排查"


# --- helpers -------------------------------------------------------------------------------


@pytest.fixture
def milestone(seed):
    """An overdue one-off milestone of a task led by LEAD_BUREAU, with OTHER_BUREAU."""
    lead, other = BureauFactory(name=LEAD_BUREAU), BureauFactory(name=OTHER_BUREAU)
    task = TaskFactory(bureaus=[lead, other])
    return MilestoneFactory(
        task=task, description=DESCRIPTION, due_phrase="2017年3月底前", due_date=DUE_DATE
    )


@pytest.fixture
def staff(milestone):
    return bureau_staff(milestone.task.lead_bureau, username="qiantouju")


@pytest.fixture
def co_staff(milestone):
    return bureau_staff(milestone.task.assignments.get(role="cooperating").bureau)


@pytest.fixture
def reviewer(seed):
    return supervisor(username="duchashi")


def unread_badge(page):
    """The unread count in the header's link to the notifications."""
    link = page.locator(f"nav a[href='{reverse('alerts:notification_list')}']")
    assert link.count() == 1
    return link.locator("[data-unread-count]")


def unread_of(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True)


def field_error(page, name):
    """The message crispy-forms shows under the field ``name``; asserts the field is marked."""
    assert "is-invalid" in (page.locator(f"#id_{name}").get_attribute("class") or "")
    feedback = page.locator(f"#div_id_{name} .invalid-feedback")
    assert feedback.count() >= 1, f"no message next to {name}"
    return feedback.first.inner_text().strip()


def has_cjk(text):
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def item_links(page, alert):
    """Links to ``alert`` in the page's table of items."""
    return page.locator(f"main table a[href='{alert.get_absolute_url()}']")


def shot(page, name, full_page=True):
    page.screenshot(path=f"/tmp/supervision-{name}.png", full_page=full_page)


# --- the journey ---------------------------------------------------------------------------


def test_scan_flags_a_late_milestone_the_bureau_explains_and_the_supervisor_closes_it(
    live_server, new_page, milestone, staff, co_staff, reviewer
):
    # The daily scan flags the milestone and tells both bureaus' staff.
    result = run_scan()
    assert result.flagged >= 1
    alert = Alert.objects.get(milestone=milestone)
    alert_url = alert.get_absolute_url()
    assert (alert.kind, alert.period, alert.due_date) == (
        Alert.Kind.MILESTONE_OVERDUE,
        DUE_DATE.year,
        DUE_DATE,
    )
    assert alert.is_active
    roles = dict(alert.bureau_links.values_list("bureau__name", "role"))
    assert roles == {LEAD_BUREAU: AlertBureau.Role.LEAD, OTHER_BUREAU: AlertBureau.Role.COOPERATING}
    overdue = Notification.objects.get(recipient=staff, key=f"alert:{alert.pk}")
    assert overdue.kind == Notification.Kind.OVERDUE and overdue.url == alert_url
    assert Notification.objects.filter(recipient=co_staff, key=f"alert:{alert.pk}").count() == 1
    # Years late, the item is also urged (催办) in the same run, and the lead bureau is told
    # of that too: two unread notifications for one item. (Leading a key task of the seeded
    # plan, the bureau also hears of that plan's overdue dated goals.)
    about_the_item = unread_of(staff).filter(url=alert_url)
    assert sorted(about_the_item.values_list("kind", flat=True)) == sorted(
        [Notification.Kind.OVERDUE, Notification.Kind.ESCALATION]
    )
    unread = unread_of(staff).count()
    assert not unread_of(reviewer).exists()

    # The lead bureau's user signs in: the header shows the unread count.
    page = log_in(new_page(), live_server, staff)
    assert unread_badge(page).inner_text().strip() == str(unread)
    shot(page, "01-unread-count", full_page=False)

    # The notifications page lists the item's notification, unread; opening it marks it
    # read and lands on the item.
    page.click(f"nav a[href='{reverse('alerts:notification_list')}']")
    page.wait_for_url(f"{live_server.url}{reverse('alerts:notification_list')}")
    entry = page.locator(
        "main li.list-group-item", has=page.locator(f"a[href='{overdue.get_absolute_url()}']")
    )
    assert entry.count() == 1
    assert "list-group-item-warning" in entry.get_attribute("class")  # unread
    assert DESCRIPTION in entry.inner_text()
    assert page.locator("main li.list-group-item-warning").count() == unread
    shot(page, "02-notifications")
    entry.locator(f"a[href='{overdue.get_absolute_url()}']").click()
    page.wait_for_url(f"{live_server.url}{alert_url}")
    overdue.refresh_from_db()
    assert overdue.read_at is not None
    assert DESCRIPTION in page.locator("main h1").inner_text()
    assert LEAD_BUREAU in page.locator("main").inner_text()
    assert unread_badge(page).inner_text().strip() == str(unread - 1)

    # The explanation with a new expected date in the past: refused next to the date,
    # nothing saved, what was typed kept.
    explain_form = page.locator(
        f"main form[action='{reverse('alerts:alert_explain', args=[alert.pk])}']"
    )
    assert explain_form.count() == 1
    reason = "企业排查涉及多个部门,数据核对时间较长。"
    measures = "已抽调专人逐户核查,每周调度一次。"
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    page.fill("#id_reason", reason)
    page.fill("#id_measures", measures)
    page.fill("#id_expected_on", yesterday)
    explain_form.locator("button[type=submit]").click()
    page.locator(".invalid-feedback").first.wait_for()
    shot(page, "03-explanation-error")
    date_error = field_error(page, "expected_on")
    assert has_cjk(date_error) or "past" in date_error, date_error
    assert page.locator("main .is-invalid").count() == 1  # only the date
    assert page.input_value("#id_reason") == reason
    assert page.input_value("#id_measures") == measures
    assert page.input_value("#id_expected_on") == yesterday
    assert not Explanation.objects.exists()

    # A future date: submitted, the page says so and shows it.
    expected_on = timezone.localdate() + datetime.timedelta(days=30)
    page.fill("#id_expected_on", expected_on.isoformat())
    explain_form.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}{alert_url}")
    page.locator("main .alert-success").wait_for()
    shot(page, "04-explained")
    explanation = Explanation.objects.get()
    assert (explanation.alert, explanation.author, explanation.bureau) == (
        alert,
        staff,
        staff.bureau,
    )
    assert (explanation.reason, explanation.measures, explanation.expected_on) == (
        reason,
        measures,
        expected_on,
    )
    assert explanation.decision == Explanation.Decision.PENDING
    assert reason in page.locator("main").inner_text()
    assert page.locator("main .invalid-feedback").count() == 0

    # Explaining leaves the 催办 unread; once it is opened from the list too, nothing is
    # unread and the count is gone from the header.
    assert unread_badge(page).inner_text().strip() == str(unread - 1)
    page.click(f"nav a[href='{reverse('alerts:notification_list')}']")
    page.wait_for_url(f"{live_server.url}{reverse('alerts:notification_list')}")
    for _ in range(unread - 1):
        page.locator("main li.list-group-item-warning a[href$='/open/']").first.click()
        page.wait_for_url(re.compile(r".*/supervision/\d+/$"))  # this item, or a plan goal
        page.goto(f"{live_server.url}{reverse('alerts:notification_list')}")
    assert page.locator("main li.list-group-item-warning").count() == 0
    assert unread_badge(page).count() == 0
    assert not unread_of(staff).exists()

    # The supervisor was told of the explanation, and opens the item from the notification.
    told = Notification.objects.get(recipient=reviewer, key=f"explanation:{explanation.pk}")
    review = log_in(new_page(), live_server, reviewer)
    assert unread_badge(review).inner_text().strip() == str(unread_of(reviewer).count())
    review.click(f"nav a[href='{reverse('alerts:notification_list')}']")
    review.wait_for_url(f"{live_server.url}{reverse('alerts:notification_list')}")
    review.click(f"main a[href='{told.get_absolute_url()}']")
    review.wait_for_url(f"{live_server.url}{alert_url}")
    assert reason in review.locator("main").inner_text()
    shot(review, "05-supervisor-item")

    # The item is on the red list until it is closed.
    active_list = f"{live_server.url}{reverse('alerts:alert_list')}?state=active"
    review.goto(active_list)
    assert item_links(review, alert).count() == 1
    review.goto(f"{live_server.url}{alert_url}")

    # Accepting the explanation; only then can the item be closed.
    close_url = reverse("alerts:alert_close", args=[alert.pk])
    assert review.locator(f"main form[action='{close_url}']").count() == 0
    review.click("main button[name=decision][value=accepted]")
    review.wait_for_url(f"{live_server.url}{alert_url}")
    review.locator("main .alert-success").wait_for()
    explanation.refresh_from_db()
    assert (explanation.decision, explanation.decided_by) == (
        Explanation.Decision.ACCEPTED,
        reviewer,
    )
    assert review.locator("main button[name=decision]").count() == 0

    # Closing (销号) with a note.
    note = "情况说明已采纳,同意销号。"
    close_form = review.locator(f"main form[action='{close_url}']")
    assert close_form.count() == 1
    close_form.locator("textarea[name=close-note]").fill(note)
    close_form.locator("button[type=submit]").click()
    review.wait_for_url(f"{live_server.url}{alert_url}")
    review.locator("main .alert-success").wait_for()
    shot(review, "06-closed")
    alert.refresh_from_db()
    assert alert.state == Alert.State.CLOSED
    assert (alert.closed_by, alert.closing_note) == (reviewer, note)
    state = review.locator("main h1 + p .badge").first.inner_text()
    assert "销号" in state or "closed" in state.lower(), state
    assert note in review.locator("main").inner_text()
    assert review.locator(f"main form[action='{close_url}']").count() == 0

    # Off the red list, on the closed one.
    review.goto(active_list)
    assert item_links(review, alert).count() == 0
    review.goto(f"{live_server.url}{reverse('alerts:alert_list')}?state=closed")
    assert item_links(review, alert).count() == 1

    # The bulletin of the last 30 days lists it, with its bureaus and the explanation.
    review.goto(f"{live_server.url}{reverse('alerts:bulletin')}")
    rows = review.locator("main table.bulletin-table tbody tr").filter(has_text=DESCRIPTION)
    assert rows.count() == 1
    row = rows.inner_text()
    assert LEAD_BUREAU in row and OTHER_BUREAU in row
    assert DUE_DATE.isoformat() in row
    assert reason in row
    shot(review, "07-bulletin")

    # The bureau is told of the closing.
    assert Notification.objects.filter(recipient=staff, key=f"closed:{alert.pk}").count() == 1
