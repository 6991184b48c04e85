"""Every view of reported progress, for every role, with GET and POST.

The task all cases use is led by 市工业和信息化委员会 (the matrix's "own bureau") and shared
with 市环境保护局 (the "co-responsible bureau"); 市发展和改革委员会 (the matrix's "other
bureau") has nothing to do with it. A request that is refused must change nothing.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from innovation.models import InnovationEnterprise
from jiyuan_portal.reporting.models import Evidence, MilestoneReport, ReviewStatus, TargetReport
from jiyuan_portal.reporting.uploads import check_evidence_file
from jiyuan_portal.reporting.views import save_evidence
from jiyuan_portal.tracking.models import Bureau, Milestone, Plan, Target, Task
from tests import factories
from tests.permissions import ViewCase, check_anonymous_is_sent_to_login, user_for

LEAD = "市工业和信息化委员会"
CO = "市环境保护局"
ROLES = ("own_bureau", "co_bureau", "other_bureau", "supervisor", "admin")
TASK_TITLE = "权限矩阵测试任务"
REFUSED = (403, 404, 405)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The matrix logs in hundreds of users; hashing their passwords slowly proves nothing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def scene(seed, settings, tmp_path):
    """A task of the innovation plan with a target, a milestone, a draft report with an
    evidence file, a submitted report and a draft registry record, all by the lead bureau."""
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    lead, co = Bureau.objects.get(name=LEAD), Bureau.objects.get(name=CO)
    task = factories.TaskFactory(
        plan=Plan.objects.get(code="innovation"), title=TASK_TITLE, bureaus=[lead, co]
    )
    target = factories.TargetFactory(plan=task.plan, task=task, indicator="权限测试指标")
    factories.MilestoneFactory(task=task, description="权限测试节点")
    author = factories.bureau_staff(lead)
    draft = factories.TargetReportFactory(target=target, narrative="草稿", created_by=author)
    factories.TargetReportFactory(target=target, narrative="已提交", submitted=True)
    factories.InnovationEnterpriseFactory(task=task, name="权限测试企业")
    upload = factories.upload("验收报告.pdf")
    save_evidence(draft, [(upload, check_evidence_file(upload))], author)


def task():
    return Task.objects.get(title=TASK_TITLE)


def target():
    return Target.objects.get(task__title=TASK_TITLE)


def milestone():
    return Milestone.objects.get(task__title=TASK_TITLE)


def draft():
    return TargetReport.objects.get(narrative="草稿")


def submitted():
    return TargetReport.objects.get(narrative="已提交")


def record():
    return InnovationEnterprise.objects.get(name="权限测试企业")


def state():
    """Everything a refused request must leave as it was."""
    return (
        sorted(TargetReport.objects.values_list("pk", "status", "version", "value", "narrative")),
        sorted(MilestoneReport.objects.values_list("pk", "status", "version")),
        sorted(InnovationEnterprise.objects.values_list("pk", "status", "version", "name")),
        sorted(Evidence.objects.values_list("pk", flat=True)),
        list(Milestone.objects.filter(task__title=TASK_TITLE).values_list("completed_on")),
    )


def target_report_data(**overrides):
    return {
        "value": "12",
        "as_of": "2018-06-30",
        "narrative": "新报告",
        "evidence": [factories.upload()],
        **overrides,
    }


def lead_bureau():
    return Bureau.objects.get(name=LEAD)


@dataclass
class ProgressCase(ViewCase):
    """A view case whose refused requests are checked to have changed nothing."""

    changes_state: bool = False


def case(id_, url_name, url_kwargs, expected, method="get", data=dict, changes_state=False):
    return ProgressCase(
        id_,
        url_name,
        url_kwargs,
        owner_bureau=lead_bureau,
        expected=expected,
        method=method,
        data=data,
        changes_state=changes_state,
    )


def expect(own, co, other, supervisor, admin):
    return dict(zip(ROLES, (own, co, other, supervisor, admin), strict=True))


READ_BY_RESPONSIBLE = expect(200, 200, 404, 200, 200)
ONLY_OWN_MAY_CHANGE = expect(302, 403, 404, 403, 403)
NOT_ALLOWED = dict.fromkeys(ROLES, 405)

CASES = [
    # Creating: only the task's responsible bureaus; another bureau gets 403.
    case(
        "target-report-new",
        "reporting:report_create",
        lambda: {"kind": "target-report", "parent_pk": target().pk},
        expect(200, 200, 403, 403, 403),
    ),
    case(
        "target-report-create",
        "reporting:report_create",
        lambda: {"kind": "target-report", "parent_pk": target().pk},
        expect(302, 302, 403, 403, 403),
        "post",
        target_report_data,
        changes_state=True,
    ),
    case(
        "milestone-report-new",
        "reporting:report_create",
        lambda: {"kind": "milestone-report", "parent_pk": milestone().pk},
        expect(200, 200, 403, 403, 403),
    ),
    case(
        "milestone-report-create",
        "reporting:report_create",
        lambda: {"kind": "milestone-report", "parent_pk": milestone().pk},
        expect(302, 302, 403, 403, 403),
        "post",
        lambda: {"outcome": "completed", "completed_on": "2017-05-20"},
        changes_state=True,
    ),
    case(
        "registry-new",
        "reporting:report_create",
        lambda: {"kind": "innovation-enterprise", "parent_pk": task().pk},
        expect(200, 200, 403, 403, 403),
    ),
    case(
        "registry-create",
        "reporting:report_create",
        lambda: {"kind": "innovation-enterprise", "parent_pk": task().pk},
        expect(302, 302, 403, 403, 403),
        "post",
        lambda: {"name": "新企业", "kind": "high_tech", "certified_on": "2018-12-01"},
        changes_state=True,
    ),
    # Reading: the responsible bureaus, supervisors and admins; another bureau gets 404.
    case(
        "target-report-detail",
        "tracking:progress_detail",
        lambda: {"kind": "target-report", "pk": draft().pk},
        READ_BY_RESPONSIBLE,
    ),
    case(
        "registry-detail",
        "tracking:progress_detail",
        lambda: {"kind": "innovation-enterprise", "pk": record().pk},
        READ_BY_RESPONSIBLE,
    ),
    case(
        "evidence-download",
        "reporting:evidence_download",
        lambda: {"pk": Evidence.objects.get().pk},
        READ_BY_RESPONSIBLE,
    ),
    # Changing: only the bureau that reported it, while it is a draft.
    case(
        "target-report-edit-form",
        "tracking:progress_edit",
        lambda: {"kind": "target-report", "pk": draft().pk},
        expect(200, 403, 404, 403, 403),
    ),
    case(
        "target-report-edit",
        "tracking:progress_edit",
        lambda: {"kind": "target-report", "pk": draft().pk},
        ONLY_OWN_MAY_CHANGE,
        "post",
        lambda: target_report_data(narrative="改过", version=draft().version),
        changes_state=True,
    ),
    case(
        "registry-edit",
        "tracking:progress_edit",
        lambda: {"kind": "innovation-enterprise", "pk": record().pk},
        ONLY_OWN_MAY_CHANGE,
        "post",
        lambda: {
            "name": "改名企业",
            "kind": "high_tech",
            "certified_on": "2018-12-01",
            "version": record().version,
        },
        changes_state=True,
    ),
    case(
        "target-report-submit",
        "tracking:progress_submit",
        lambda: {"kind": "target-report", "pk": draft().pk},
        ONLY_OWN_MAY_CHANGE,
        "post",
        lambda: {"version": draft().version},
        changes_state=True,
    ),
    case(
        "target-report-delete",
        "tracking:progress_delete",
        lambda: {"kind": "target-report", "pk": draft().pk},
        ONLY_OWN_MAY_CHANGE,
        "post",
        changes_state=True,
    ),
    case(
        "registry-delete",
        "tracking:progress_delete",
        lambda: {"kind": "innovation-enterprise", "pk": record().pk},
        ONLY_OWN_MAY_CHANGE,
        "post",
        changes_state=True,
    ),
    # Reviewing: supervisors and admins only.
    case(
        "target-report-review",
        "tracking:progress_review",
        lambda: {"kind": "target-report", "pk": submitted().pk},
        expect(403, 403, 403, 302, 302),
        "post",
        lambda: {"decision": "approve", "version": submitted().version},
        changes_state=True,
    ),
    case("review-queue", "reporting:review_queue", dict, expect(403, 403, 403, 200, 200)),
    # 我的任务 is the start page of bureau staff; supervisors and admins have the overview.
    case("my-work", "dashboard:my_work", dict, expect(200, 200, 200, 403, 403)),
    # Actions that change something only answer POST.
    case(
        "submit-by-get",
        "tracking:progress_submit",
        lambda: {"kind": "target-report", "pk": draft().pk},
        NOT_ALLOWED,
        changes_state=True,
    ),
    case(
        "delete-by-get",
        "tracking:progress_delete",
        lambda: {"kind": "target-report", "pk": draft().pk},
        NOT_ALLOWED,
        changes_state=True,
    ),
    case(
        "review-by-get",
        "tracking:progress_review",
        lambda: {"kind": "target-report", "pk": submitted().pk},
        NOT_ALLOWED,
        changes_state=True,
    ),
]


def login_as(client, role):
    if role == "co_bureau":
        user = factories.bureau_staff(Bureau.objects.get(name=CO))
    else:
        user = user_for(role, lead_bureau())
    client.force_login(user)
    return user


def check_progress_role(client, case_: ProgressCase, role: str) -> None:
    login_as(client, role)
    url = case_.url()
    before = state()

    response = getattr(client, case_.method)(url, case_.data())

    assert response.status_code == case_.expected[role], (
        f"{case_.id} as {role}: expected {case_.expected[role]}, got {response.status_code}"
    )
    if case_.changes_state and response.status_code in REFUSED:
        assert state() == before, f"{case_.id} as {role} was refused but changed something"
    if case_.changes_state and response.status_code == 302:
        assert state() != before, f"{case_.id} as {role} was allowed but changed nothing"


def test_the_other_bureau_of_the_matrix_is_not_responsible_for_the_task(scene):
    other = user_for("other_bureau", lead_bureau()).bureau
    assert not task().assignments.filter(bureau=other).exists()
    assert set(task().assignments.values_list("bureau__name", flat=True)) == {LEAD, CO}


@pytest.mark.parametrize("case_", CASES, ids=lambda case_: case_.id)
def test_anonymous_users_are_sent_to_login_and_change_nothing(client, scene, case_):
    before = state()
    check_anonymous_is_sent_to_login(client, case_)
    assert state() == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case_", CASES, ids=lambda case_: case_.id)
def test_each_role_gets_the_expected_status_and_refusals_change_nothing(client, scene, case_, role):
    check_progress_role(client, case_, role)


def test_a_report_created_on_another_bureaus_task_is_not_saved(client, scene):
    login_as(client, "other_bureau")
    url = reverse("reporting:report_create", args=["target-report", target().pk])

    response = client.post(url, target_report_data(narrative="越权填报", submit="1"))

    assert response.status_code == 403
    assert not TargetReport.objects.filter(narrative="越权填报").exists()
    assert not Evidence.objects.filter(original_name="佐证材料.pdf").exists()


def test_the_co_responsible_bureau_reads_but_cannot_change_the_lead_bureaus_report(client, scene):
    login_as(client, "co_bureau")
    report = draft()

    assert client.get(report.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("reporting:report_edit", args=[report.pk]),
        target_report_data(narrative="协办单位改的", version=report.version),
    )

    assert response.status_code == 403
    assert draft().narrative == "草稿"


def test_a_report_once_submitted_cannot_be_edited_or_deleted_by_its_own_bureau(client, scene):
    login_as(client, "own_bureau")
    report = submitted()

    edit = client.post(
        reverse("reporting:report_edit", args=[report.pk]),
        target_report_data(narrative="提交后改的", version=report.version),
    )
    delete = client.post(reverse("reporting:report_delete", args=[report.pk]))

    assert (edit.status_code, delete.status_code) == (403, 403)
    assert submitted().narrative == "已提交"


def test_a_registry_kind_of_another_plan_cannot_be_created_on_this_task(client, scene):
    login_as(client, "own_bureau")
    url = reverse("reporting:report_create", args=["capacity-exit", task().pk])
    before = state()

    response = client.post(
        url,
        {"name": "错位的煤矿", "subject": "mine", "industry": "coal", "exited_on": "2017-06-30"},
    )

    assert response.status_code == 404
    assert state() == before


@pytest.mark.parametrize("kind", ["no-such-kind", "targetreport"])
def test_an_unknown_kind_in_the_url_is_not_found(client, scene, kind):
    login_as(client, "own_bureau")
    response = client.get(f"/progress/{kind}/{draft().pk}/")
    assert response.status_code == 404


def test_a_report_of_one_kind_cannot_be_reached_through_another_kinds_url(client, scene):
    """A guessed URL with another kind's slug finds nothing or another thing, never this."""
    login_as(client, "other_bureau")
    before = state()

    response = client.post(reverse("reporting:report_delete", args=[draft().pk]))

    assert response.status_code == 404
    assert state() == before


def test_bureau_staff_cannot_review_even_their_own_bureaus_report(client, scene):
    login_as(client, "own_bureau")
    report = submitted()

    response = client.post(
        reverse("reporting:report_review", args=[report.pk]),
        {"decision": "approve", "version": report.version},
    )

    assert response.status_code == 403
    assert submitted().status == ReviewStatus.SUBMITTED


def test_reports_on_a_plans_general_goals_belong_to_the_bureaus_leading_its_key_tasks(client, seed):
    goal = Target.objects.get(plan__code="innovation", code="rd-intensity-2018")
    assert goal.task is None
    url = reverse("reporting:report_create", args=["target-report", goal.pk])

    client.force_login(factories.bureau_staff(Bureau.objects.get(name="市科学技术局")))
    assert client.get(url).status_code == 200
    client.force_login(factories.bureau_staff(Bureau.objects.get(name="市财政局")))
    assert client.get(url).status_code == 403


def test_the_review_form_does_not_redirect_to_another_site(client, scene):
    client.force_login(factories.supervisor())
    report = submitted()

    response = client.post(
        reverse("reporting:report_review", args=[report.pk]),
        {"decision": "approve", "version": report.version, "next": "https://evil.example/"},
    )

    assert response.status_code == 302
    assert response.url == report.get_absolute_url()


def test_a_malformed_version_on_submit_is_refused_without_a_server_error(client, scene):
    login_as(client, "own_bureau")
    report = draft()

    response = client.post(
        reverse("reporting:report_submit", args=[report.pk]),
        {"version": "abc"},
    )

    assert response.status_code in (302, 400)
    assert draft().status == ReviewStatus.DRAFT
