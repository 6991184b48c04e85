"""Publishing a reviewed draft: the notice, its plans and the bureaus decided on enter the
tracked tables together, or nothing does."""

import pytest
import yaml

from jiyuan_portal.drafts import publishing, units
from jiyuan_portal.drafts.models import NoticeDraft
from jiyuan_portal.tracking.drafting.draft import draft_notice
from jiyuan_portal.tracking.loading import FIXTURES_DIR, split_responsible
from jiyuan_portal.tracking.models import (
    AwardRule,
    Bureau,
    BureauAlias,
    Milestone,
    Notice,
    Plan,
    Target,
    Task,
    TaskBureau,
)
from tests import factories

pytestmark = pytest.mark.django_db


def transcribed_leads():
    """(plan title, task number) → the lead bureau of the hand transcription."""
    leads = {}
    for code in ("capacity", "greening", "smart", "techreform", "innovation"):
        data = yaml.safe_load((FIXTURES_DIR / "plans" / f"{code}.yaml").read_text("utf-8"))
        for task in data["tasks"]:
            if names := split_responsible(task.get("responsible") or ""):
                leads[(data["title"], task["number"])] = Bureau.objects.resolve(names[0])
    return leads


def test_the_27_notice_pasted_into_a_portal_without_plans_publishes_its_five_plans(
    no_plans, notice_text
):
    expected_leads = transcribed_leads()
    draft = NoticeDraft.objects.create(text=notice_text, data=draft_notice(notice_text))
    assert units.undecided(draft.data) == []  # every unit name is a bureau the portal knows

    publishing.publish(draft, factories.portal_admin())

    notice = Notice.objects.get()
    assert (notice.number, notice.issuer, str(notice.issued_on)) == (
        "济政〔2017〕27号",
        "济源市人民政府",
        "2017-08-02",
    )
    plans = list(notice.plans.order_by("order"))
    assert [plan.title for plan in plans] == [
        "济源市化解过剩产能攻坚方案",
        "济源市推进工业绿色化改造攻坚方案",
        "济源市推进工业智能化改造攻坚方案",
        "济源市推进企业技术改造攻坚方案",
        "济源市推进技术创新攻坚方案",
    ]
    assert [plan.code for plan in plans] == [f"2017-27-{n}" for n in range(1, 6)]
    drafted = draft.data["plans"]
    assert Task.objects.count() == sum(len(plan["tasks"]) for plan in drafted) == 54
    assert Milestone.objects.count() == sum(
        len(plan["milestones"]) + sum(len(task["milestones"]) for task in plan["tasks"])
        for plan in drafted
    )
    assert Target.objects.count() == sum(
        len(plan["targets"]) + sum(len(task["targets"]) for task in plan["tasks"])
        for plan in drafted
    )
    assert AwardRule.objects.filter(registry="").count() == sum(
        len(plan["award_rules"]) for plan in drafted
    )
    leads = {
        (lead.task.plan.title, lead.task.number): lead.bureau
        for lead in TaskBureau.objects.filter(role="lead").select_related("task__plan", "bureau")
    }
    assert leads == expected_leads
    draft.refresh_from_db()
    assert (draft.status, draft.notice) == (NoticeDraft.Status.PUBLISHED, notice)


def test_a_draft_the_loader_refuses_publishes_nothing(no_plans, later_draft):
    later_draft.data["units"] = {"市大数据管理局": {"action": units.NEW}}
    later_draft.data["plans"][0]["tasks"][1]["milestones"][0]["when"] = "某个时候"
    later_draft.save()
    bureaus = Bureau.objects.count()

    with pytest.raises(publishing.PublishError, match="某个时候"):
        publishing.publish(later_draft, factories.portal_admin())

    assert not Plan.objects.exists() and not Notice.objects.exists()
    assert Bureau.objects.count() == bureaus  # the new bureau decided on is not created either
    later_draft.refresh_from_db()
    assert later_draft.status == NoticeDraft.Status.DRAFT


def test_an_unknown_unit_name_must_be_decided_before_publishing(no_plans, later_draft):
    assert units.undecided(later_draft.data) == ["市大数据管理局"]
    problems = publishing.problems(later_draft)
    assert any("市大数据管理局" in problem for problem in problems)
    with pytest.raises(publishing.PublishError):
        publishing.publish(later_draft, factories.portal_admin())


def test_an_unknown_unit_becomes_a_new_bureau_leading_its_task(no_plans, later_draft):
    later_draft.data["units"] = {"市大数据管理局": {"action": units.NEW}}
    later_draft.save()

    publishing.publish(later_draft, factories.portal_admin())

    task = Task.objects.get(plan__code="2018-5-1", number="二(一)")
    assert task.lead_bureau.name == "市大数据管理局"
    assert [b.name for b in task.bureaus.order_by("assignments__order")] == [
        "市大数据管理局",
        "市发展和改革委员会",
        "市财政局",
    ]
    env = Task.objects.get(plan__code="2018-5-1", number="二(二)")
    assert env.lead_bureau.name == "市环境保护局"  # 市环保局, an alias the portal knows


def test_an_unknown_unit_can_be_made_an_alias_of_a_known_bureau(no_plans, later_draft):
    statistics = Bureau.objects.get(name="市统计局")
    later_draft.data["units"] = {"市大数据管理局": {"action": units.ALIAS, "bureau": statistics.pk}}
    later_draft.save()

    publishing.publish(later_draft, factories.portal_admin())

    assert BureauAlias.objects.get(name="市大数据管理局").bureau == statistics
    task = Task.objects.get(plan__code="2018-5-1", number="二(一)")
    assert task.lead_bureau == statistics


def test_the_closest_known_name_is_proposed_for_a_misspelt_unit(seed):
    text = (
        "济源市示例方案\n\n二、重点任务\n\n(一)示例任务。开展示例。\n\n"
        "责任单位:市工业和信化委员会\n"
    )

    [unit] = units.review(draft_notice(text))

    assert not unit.known
    assert unit.proposal.name == "市工业和信息化委员会"


def test_a_plan_code_of_another_notice_is_refused(seed, later_draft):
    later_draft.data["units"] = {"市大数据管理局": {"action": units.NEW}}
    later_draft.data["plans"][0]["code"] = "capacity"
    later_draft.save()

    assert any("capacity" in problem for problem in publishing.problems(later_draft))
    with pytest.raises(publishing.PublishError):
        publishing.publish(later_draft, factories.portal_admin())
    assert Plan.objects.get(code="capacity").notice.number == "济政〔2017〕27号"


def test_a_published_draft_is_not_published_twice(no_plans, later_draft):
    later_draft.data["units"] = {"市大数据管理局": {"action": units.NEW}}
    later_draft.save()
    publishing.publish(later_draft, factories.portal_admin())

    with pytest.raises(publishing.PublishError):
        publishing.publish(later_draft, factories.portal_admin())


def test_drafted_award_rules_are_published_as_stated_and_pay_nothing(no_plans, later_draft):
    later_draft.data["units"] = {"市大数据管理局": {"action": units.NEW}}
    later_draft.save()
    publishing.publish(later_draft, factories.portal_admin())

    rule = AwardRule.objects.get(plan__code="2018-5-1")
    assert (rule.method, rule.fixed_amount, rule.registry) == ("fixed", 10, "")
    assert rule.task.number == "二(二)"
    assert not rule.pays


def test_two_names_of_one_bureau_in_a_task_are_refused_before_publishing(no_plans, later_draft):
    later_draft.data["units"] = {
        "市大数据管理局": {"action": units.ALIAS, "bureau": Bureau.objects.get(name="市财政局").pk}
    }
    later_draft.save()

    [problem] = publishing.problems(later_draft)

    assert "二(一)" in problem and "市大数据管理局、市财政局" in problem
    with pytest.raises(publishing.PublishError):
        publishing.publish(later_draft, factories.portal_admin())
    assert not Plan.objects.exists()


def test_a_unit_made_an_alias_of_a_bureau_deleted_since_is_to_decide_again(no_plans, later_draft):
    gone = factories.BureauFactory(name="市已撤销局")
    later_draft.data["units"] = {"市大数据管理局": {"action": units.ALIAS, "bureau": gone.pk}}
    later_draft.save()
    gone.delete()

    assert units.undecided(later_draft.data) == ["市大数据管理局"]
    with pytest.raises(publishing.PublishError):
        publishing.publish(later_draft, factories.portal_admin())
