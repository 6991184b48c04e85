"""``draft_plan``: the draft in the fixtures' own YAML format, which the plan loader loads."""

import pytest
import yaml
from django.core.management import call_command

from jiyuan_portal.tracking.drafting.measure import NOTICE_SOURCE
from jiyuan_portal.tracking.loading import load_plan
from jiyuan_portal.tracking.models import Milestone, Notice, Plan, Target, TaskBureau


@pytest.fixture
def drafted(tmp_path):
    out = tmp_path / "draft.yaml"
    call_command("draft_plan", str(NOTICE_SOURCE), out=str(out), code="later")
    notice, *plans = yaml.safe_load_all(out.read_text(encoding="utf-8"))
    assert notice["number"] == "济政〔2017〕27号"
    return plans


def test_the_notice_drafts_five_plans_in_the_fixture_format(drafted):
    assert [plan["title"] for plan in drafted] == [
        "济源市化解过剩产能攻坚方案",
        "济源市推进工业绿色化改造攻坚方案",
        "济源市推进工业智能化改造攻坚方案",
        "济源市推进企业技术改造攻坚方案",
        "济源市推进技术创新攻坚方案",
    ]
    capacity = drafted[0]
    first = capacity["tasks"][0]
    assert (first["number"], first["title"]) == ("二(一)", "压减退出煤炭过剩产能")
    assert first["responsible"] == "市发展和改革委员会、安全生产监督管理局"
    assert {"when": "10月底前", "what": "其他列入年度退出计划的矿井全部关闭到位", "year": 2017} in (
        first["milestones"]
    )
    assert [(t["year"], t["value"], t["unit"]) for t in first["targets"]][:2] == [
        (2018, 201, "万吨"),
        (2018, 45, "万吨"),
    ]


def test_a_drafted_plan_loads_with_the_plan_loader(drafted, seed, tmp_path):
    path = tmp_path / "later-1.yaml"
    path.write_text(yaml.safe_dump(drafted[0], allow_unicode=True), encoding="utf-8")

    plan = load_plan(path, Notice.objects.get())

    assert Plan.objects.get(code="later-1") == plan
    assert plan.tasks.count() == 14
    assert Milestone.objects.filter(plan=plan).count() == 19  # as benchmarks/drafting.py counts
    assert Target.objects.filter(plan=plan).count() == 7
    lead = TaskBureau.objects.get(task__plan=plan, task__number="二(五)", role="lead")
    assert lead.bureau.name == "市环境保护局"


def test_load_plans_loads_a_draft_file_with_its_notice(seed, tmp_path):
    out = tmp_path / "draft.yaml"
    call_command("draft_plan", str(NOTICE_SOURCE), out=str(out), code="later")
    Plan.objects.all().delete()
    Notice.objects.all().delete()

    call_command("load_plans", draft=str(out))

    assert Notice.objects.get().number == "济政〔2017〕27号"
    assert list(Plan.objects.order_by("order").values_list("code", flat=True)) == [
        f"later-{n}" for n in range(1, 6)
    ]


def test_a_draft_file_without_its_notice_is_refused(seed, tmp_path):
    from django.core.management.base import CommandError

    out = tmp_path / "draft.yaml"
    out.write_text("code: x\ntitle: x\nshort_name: x\norder: 1\ntasks: []\n", encoding="utf-8")

    with pytest.raises(CommandError, match="notice first"):
        call_command("load_plans", draft=str(out))
