"""方案草拟 in a real browser: an admin pastes the text of 济政〔2017〕27号 into a portal with
no plans, checks a task against the words it was read from, corrects it, publishes, and the
five plans appear with their tasks, milestones, targets and bureaus."""

import pytest
from django.urls import reverse

from jiyuan_portal.tracking.drafting.measure import NOTICE_SOURCE
from jiyuan_portal.tracking.models import Milestone, Notice, Plan, Target, Task, TaskBureau
from tests import factories
from tests.browser.portal_pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portal_without_plans(seed):
    Plan.objects.all().delete()
    Notice.objects.all().delete()


def test_an_admin_drafts_reviews_and_publishes_the_27_notice(
    browser_page, live_server, portal_without_plans
):
    page = log_in(browser_page, live_server, factories.portal_admin())
    page.click("nav >> text=方案草拟")
    page.click("text=从通知草拟方案")
    page.fill("#id_text", NOTICE_SOURCE.read_text(encoding="utf-8"))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/drafts/*/")
    assert "已草拟5个方案" in page.locator(".alert-success").inner_text()
    assert page.locator(".nav-tabs .nav-link").count() == 6  # the notice and its five plans
    assert "济政〔2017〕27号" in page.locator("[data-notice]").inner_text()

    # The first plan beside its text: a task's title is highlighted when clicked.
    page.click(".nav-tabs >> text=化解过剩产能")
    page.wait_for_url("**plan=1**")
    first_task = page.locator("[data-draft-items] .draft-task").first
    first_task.locator("[data-source-ref]").first.click()
    active = page.locator("[data-source-text] mark.active")
    assert active.count() >= 1
    assert active.first.inner_text() == "压减退出煤炭过剩产能"
    assert page.locator("[data-unsure]").count() >= 1  # what the drafter was unsure of

    # A correction: the task's title, saved with a message.
    first_task.locator("text=编辑").click()
    page.fill("#id_title", "压减退出煤炭过剩产能(已核对)")
    page.click("main form button[type=submit]")
    page.wait_for_url("**plan=1**")
    assert "已保存" in page.locator(".alert-success").inner_text()

    page.click(".nav-tabs >> text=通知")
    page.click("text=发布方案")
    page.wait_for_url("**/plans/2017-27-1/**")
    assert "已发布" in page.locator(".alert-success").inner_text()

    plans = Plan.objects.order_by("order")
    assert plans.count() == 5
    assert Task.objects.get(plan__code="2017-27-1", number="二(一)").title == (
        "压减退出煤炭过剩产能(已核对)"
    )
    assert Task.objects.count() == 54
    assert Milestone.objects.exists() and Target.objects.exists()
    assert (
        TaskBureau.objects.filter(role="lead").count()
        == 54 - Task.objects.filter(assignments__isnull=True).count()
    )
    page.goto(f"{live_server.url}{reverse('dashboard:plan_detail', args=['2017-27-5'])}")
    assert "济源市推进技术创新攻坚方案" in page.locator("main").inner_text()


def test_the_review_works_on_a_phone(browser, live_server, seed):
    from jiyuan_portal.drafts.models import NoticeDraft
    from jiyuan_portal.tracking.drafting.draft import draft_notice
    from tests.drafts.conftest import LATER_NOTICE

    draft = NoticeDraft.objects.create(text=LATER_NOTICE, data=draft_notice(LATER_NOTICE))
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = log_in(context.new_page(), live_server, factories.portal_admin())
    for query in ("", "?plan=1"):
        page.goto(f"{live_server.url}{draft.get_absolute_url()}{query}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the review{query} is {width}px wide on a 390px phone"
    page.locator("[data-source-ref]").first.click()
    assert page.locator("[data-source-text] mark.active").count() >= 1
    context.close()
