"""One role × URL matrix for every page of the portal, and a check that no URL is missing.

Every URL pattern outside the Django admin (and the admin views the project writes itself)
must have at least one ``Case`` here: ``test_every_url_has_a_case`` walks the URL
configuration and fails for a URL nobody declared. Each case gives the status every role
gets; a request that is refused must change nothing, and one that is allowed to change
something must change it.

The scene: a task of the innovation plan led by 市工业和信息化委员会 ("own bureau") and shared
with 市环境保护局 ("co-responsible bureau"); 市发展和改革委员会 ("other bureau") has nothing to
do with it. The lead bureau has a draft target report with an evidence file, a submitted
report and a draft registry record. The task's milestone is overdue: the supervision scan
has flagged it, the lead bureau has explained it and a supervisor accepted the explanation;
someone outside the matrix has a notification.
"""

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from captcha.models import CaptchaStore
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from capacity.models import CapacityExit
from innovation.models import InnovationEnterprise
from jiyuan_portal.alerts import actions, scan
from jiyuan_portal.alerts.models import (
    Alert,
    EscalationStep,
    Explanation,
    Notification,
    NotificationPreference,
)
from jiyuan_portal.api.models import ApiToken
from jiyuan_portal.complaints.models import Complaint, ComplaintPhoto
from jiyuan_portal.disclosure import publishing
from jiyuan_portal.disclosure.models import Publication
from jiyuan_portal.drafts.models import NoticeDraft
from jiyuan_portal.reporting.filing import save_evidence
from jiyuan_portal.reporting.models import Evidence, MilestoneReport, ReviewStatus, TargetReport
from jiyuan_portal.reporting.uploads import FILE_TYPES, check_evidence_file
from jiyuan_portal.tracking.drafting.draft import draft_notice
from jiyuan_portal.tracking.models import Bureau, Milestone, Notice, Plan, Target, Task, Town
from jiyuan_portal.tracking.plan_apps import plan_codes
from techreform.models import TownTarget
from tests import factories

PNG = FILE_TYPES["png"]
LEAD, CO, OTHER = "市工业和信息化委员会", "市环境保护局", "市发展和改革委员会"
ROLES = ("anonymous", "no_role", "other_bureau", "own_bureau", "co_bureau", "supervisor", "admin")
TASK_TITLE = "权限矩阵测试任务"
LOGIN = "login"  # expected: sent to a login page
REFUSED = (403, 404, 405)
# A plan added in the admin with no plan app behind it (a later notice's plan).
GENERIC_PLAN = "later-plan"


def expect(no_role, other, own, co, supervisor, admin, anonymous=LOGIN):
    return dict(zip(ROLES, (anonymous, no_role, other, own, co, supervisor, admin), strict=True))


EVERYONE_SIGNED_IN = expect(200, 200, 200, 200, 200, 200)
READ_BY_RESPONSIBLE = expect(404, 404, 200, 200, 200, 200)
ONLY_RESPONSIBLE_REPORT = expect(403, 403, 200, 200, 403, 403)
ONLY_RESPONSIBLE_CREATE = expect(403, 403, 302, 302, 403, 403)
ONLY_OWN_MAY_CHANGE = expect(404, 404, 302, 403, 403, 403)
ONLY_REVIEWERS = expect(403, 403, 403, 403, 200, 200)
NOT_ALLOWED = expect(405, 405, 405, 405, 405, 405)
# The API: a token or the session; anonymous requests are answered 401 (tests/api).
API_READ = expect(200, 200, 200, 200, 200, 200, anonymous=401)
API_READ_BY_RESPONSIBLE = expect(404, 404, 200, 200, 200, 200, anonymous=401)
PUBLIC = expect(200, 200, 200, 200, 200, 200, anonymous=200)
# A complaint assigned to the lead bureau ("own"): the co-responsible bureau of the matrix's
# task has no part in it.
ONLY_ASSIGNED = expect(403, 404, 200, 404, 200, 200)
ONLY_ASSIGNED_ACT = expect(403, 404, 302, 404, 302, 302)
# Drafting a later notice's plans (方案草拟): the portal admins alone.
ONLY_ADMINS = expect(403, 403, 403, 403, 403, 200)
ONLY_ADMINS_ACT = expect(403, 403, 403, 403, 403, 302)
DRAFTED_NOTICE = """
济政办〔2019〕1号
济源市权限测试方案

二、重点任务

(一)权限测试任务。2019年6月底前完成测试。

牵头单位:市权限测试局
责任单位:市财政局
"""


@dataclass
class Case:
    id: str
    url_name: str
    url_kwargs: Callable[[], dict] = dict
    expected: dict = field(default_factory=lambda: dict(EVERYONE_SIGNED_IN))
    method: str = "get"
    data: Callable[[], dict] = dict
    changes_state: bool = False
    as_json: bool = False  # the data sent as a JSON body (a PATCH of the API)

    def url(self) -> str:
        return reverse(self.url_name, kwargs=self.url_kwargs())


# --- The scene -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The matrix logs in hundreds of users; hashing their passwords slowly proves nothing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def scene(seed, settings, tmp_path):
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
    generic = Plan.objects.create(
        notice=Notice.objects.get(), code=GENERIC_PLAN, title="后续方案", short_name="后续方案"
    )
    factories.TaskFactory(plan=generic, title="后续方案的任务", bureaus=[lead])
    scan.run_scan()
    explanation = actions.submit_explanation(
        alert(), author, reason="原因", measures="措施", expected_on=datetime.date(2030, 6, 30)
    )
    actions.decide_explanation(explanation, factories.supervisor(), "accepted")
    Notification.objects.create(
        recipient=factories.bureau_staff(lead), kind="overdue", key="scene", title="逾期"
    )
    # Public disclosure: one exit published, one approved and not; a complaint (地条钢, so
    # the lead bureau's) with a photo.
    published = factories.CapacityExitFactory(approved=True, name="已公开煤矿")
    factories.CapacityExitFactory(approved=True, name="未公开煤矿")
    publishing.publish(factories.supervisor(), reports=[published])
    ApiToken.issue(factories.supervisor(), "矩阵外的令牌", days=30)
    TownTarget.objects.create(
        town=Town.objects.get(name="虎岭"),
        year=2017,
        industrial_investment=100,
        reform_investment=30,
        reform_enterprises=5,
    )
    factories.complaint(
        kind=Complaint.Kind.STEEL,
        photos=[(factories.upload("现场.png", factories.png_bytes()), PNG)],
    )
    # A draft of a later notice, its one unknown unit decided, ready to publish.
    drafted = draft_notice(DRAFTED_NOTICE)
    drafted["notice"].update(
        title="关于权限测试的通知", issuer="济源市人民政府", issued_on="2019-01-02"
    )
    drafted["units"] = {"市权限测试局": {"action": "new"}}
    NoticeDraft.objects.create(text=DRAFTED_NOTICE, data=drafted)


def complaint():
    return Complaint.objects.get()


def notice_draft():
    return NoticeDraft.objects.get()


def unpublished_exit():
    return CapacityExit.objects.get(name="未公开煤矿")


def task():
    return Task.objects.get(title=TASK_TITLE)


def generic_task():
    return Task.objects.get(title="后续方案的任务")


def target():
    return Target.objects.get(task__title=TASK_TITLE)


def milestone():
    return Milestone.objects.get(task__title=TASK_TITLE)


def alert():
    return Alert.objects.get(milestone__task__title=TASK_TITLE)


def explanation():
    return Explanation.objects.get(alert=alert())


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
        sorted(Explanation.objects.values_list("pk", "decision")),
        sorted(Alert.objects.values_list("pk", "step", "closed_at")),
        EscalationStep.objects.count(),
        sorted(NotificationPreference.objects.values_list("user_id", "email")),
        sorted(Notification.objects.filter(read_at__isnull=False).values_list("pk", flat=True)),
        sorted(Complaint.objects.values_list("pk", "status", "bureau_id", "due_on", "finding")),
        sorted(Publication.objects.values_list("pk", "report_id", "target_id")),
        sorted(ApiToken.objects.values_list("pk", "revoked_at")),
        sorted(NoticeDraft.objects.values_list("pk", "status", "updated_at")),
        Plan.objects.count(),
    )


def target_report_data(**overrides):
    return {
        "value": "12",
        "as_of": "2018-06-30",
        "narrative": "新报告",
        "evidence": [factories.upload()],
        **overrides,
    }


def user_for(role: str):
    if role == "no_role":
        return factories.UserFactory()
    if role in ("own_bureau", "co_bureau", "other_bureau"):
        name = {"own_bureau": LEAD, "co_bureau": CO, "other_bureau": OTHER}[role]
        return factories.bureau_staff(Bureau.objects.get(name=name))
    if role == "supervisor":
        return factories.supervisor()
    if role == "admin":
        return factories.portal_admin()
    raise ValueError(role)


# --- The cases -----------------------------------------------------------------------------

CASES = [
    # Pages of what the notice says: every signed-in user reads them.
    # The cockpit; bureau staff landing on it are sent to 我的任务.
    Case("home", "dashboard:home", expected=expect(200, 302, 302, 302, 200, 200)),
    Case("start", "dashboard:start", expected=expect(302, 302, 302, 302, 302, 302)),
    Case("my-work", "dashboard:my_work", expected=expect(403, 200, 200, 200, 403, 403)),
    *(
        Case(f"plan-{code}", "dashboard:plan_detail", lambda code=code: {"code": code})
        for code in (*plan_codes(), GENERIC_PLAN)
    ),
    Case("task-list", "dashboard:task_list"),
    Case("task-detail", "dashboard:task_detail", lambda: {"pk": task().pk}),
    Case("generic-task-detail", "dashboard:task_detail", lambda: {"pk": generic_task().pk}),
    Case("bureau-list", "dashboard:bureau_list"),
    Case("milestone-list", "dashboard:milestone_list"),
    Case("target-list", "dashboard:target_list"),
    Case("town-list", "techreform:town_list"),
    *(
        Case(
            f"{name.split(':')[1]}-export-{fmt}",
            name,
            expected=EVERYONE_SIGNED_IN,
            data=lambda fmt=fmt: {"_export": fmt},
        )
        for name in ("dashboard:task_list", "reporting:report_list", "alerts:alert_list")
        for fmt in ("xlsx", "csv")
    ),
    Case(
        "bureau-detail", "dashboard:bureau_detail", lambda: {"pk": Bureau.objects.get(name=CO).pk}
    ),
    # Creating a report: only the task's responsible bureaus.
    Case(
        "target-report-new",
        "reporting:report_create",
        lambda: {"kind": "target-report", "parent_pk": target().pk},
        ONLY_RESPONSIBLE_REPORT,
    ),
    Case(
        "target-report-create",
        "reporting:report_create",
        lambda: {"kind": "target-report", "parent_pk": target().pk},
        ONLY_RESPONSIBLE_CREATE,
        "post",
        target_report_data,
        changes_state=True,
    ),
    Case(
        "milestone-report-new",
        "reporting:report_create",
        lambda: {"kind": "milestone-report", "parent_pk": milestone().pk},
        ONLY_RESPONSIBLE_REPORT,
    ),
    Case(
        "milestone-report-create",
        "reporting:report_create",
        lambda: {"kind": "milestone-report", "parent_pk": milestone().pk},
        ONLY_RESPONSIBLE_CREATE,
        "post",
        lambda: {"outcome": "completed", "completed_on": "2017-05-20"},
        changes_state=True,
    ),
    Case(
        "registry-new",
        "reporting:report_create",
        lambda: {"kind": "innovation-enterprise", "parent_pk": task().pk},
        ONLY_RESPONSIBLE_REPORT,
    ),
    Case(
        "registry-create",
        "reporting:report_create",
        lambda: {"kind": "innovation-enterprise", "parent_pk": task().pk},
        ONLY_RESPONSIBLE_CREATE,
        "post",
        lambda: {"name": "新企业", "kind": "high_tech", "certified_on": "2018-12-01"},
        changes_state=True,
    ),
    # Reading: the responsible bureaus, supervisors and admins; nobody else learns it exists.
    Case(
        "target-report-detail",
        "reporting:report_detail",
        lambda: {"pk": draft().pk},
        READ_BY_RESPONSIBLE,
    ),
    Case(
        "registry-detail",
        "reporting:report_detail",
        lambda: {"pk": record().pk},
        READ_BY_RESPONSIBLE,
    ),
    Case(
        "evidence-download",
        "reporting:evidence_download",
        lambda: {"pk": Evidence.objects.get().pk},
        READ_BY_RESPONSIBLE,
    ),
    # Changing: only the bureau that reported it, while it is a draft.
    Case(
        "target-report-edit-form",
        "reporting:report_edit",
        lambda: {"pk": draft().pk},
        expect(404, 404, 200, 403, 403, 403),
    ),
    Case(
        "target-report-edit",
        "reporting:report_edit",
        lambda: {"pk": draft().pk},
        ONLY_OWN_MAY_CHANGE,
        "post",
        lambda: target_report_data(narrative="改过", version=draft().version),
        changes_state=True,
    ),
    Case(
        "registry-edit",
        "reporting:report_edit",
        lambda: {"pk": record().pk},
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
    Case(
        "target-report-submit",
        "reporting:report_submit",
        lambda: {"pk": draft().pk},
        ONLY_OWN_MAY_CHANGE,
        "post",
        lambda: {"version": draft().version},
        changes_state=True,
    ),
    Case(
        "target-report-delete",
        "reporting:report_delete",
        lambda: {"pk": draft().pk},
        ONLY_OWN_MAY_CHANGE,
        "post",
        changes_state=True,
    ),
    Case(
        "registry-delete",
        "reporting:report_delete",
        lambda: {"pk": record().pk},
        ONLY_OWN_MAY_CHANGE,
        "post",
        changes_state=True,
    ),
    # Reviewing: supervisors and admins only.
    Case(
        "target-report-review",
        "reporting:report_review",
        lambda: {"pk": submitted().pk},
        expect(403, 403, 403, 403, 302, 302),
        "post",
        lambda: {"decision": "approve", "version": submitted().version},
        changes_state=True,
    ),
    Case("review-queue", "reporting:review_queue", expected=ONLY_REVIEWERS),
    # The report list: everyone signed in, narrowed to the reports each may read.
    Case("report-list", "reporting:report_list"),
    # Actions that change something only answer POST.
    *(
        Case(f"{name}-by-get", f"reporting:report_{name}", pk, NOT_ALLOWED, changes_state=True)
        for name, pk in (
            ("submit", lambda: {"pk": draft().pk}),
            ("delete", lambda: {"pk": draft().pk}),
            ("review", lambda: {"pk": submitted().pk}),
        )
    ),
    # Notifications: each user reads and marks only their own.
    Case("notification-list", "alerts:notification_list"),
    Case(
        "notification-open-others",
        "alerts:notification_open",
        lambda: {"pk": Notification.objects.get(key="scene").pk},
        expect(404, 404, 404, 404, 404, 404),
        changes_state=True,
    ),
    Case(
        "notification-read-others",
        "alerts:notification_read",
        lambda: {"pk": Notification.objects.get(key="scene").pk},
        expect(404, 404, 404, 404, 404, 404),
        "post",
        changes_state=True,
    ),
    Case(
        "notification-read-all",
        "alerts:notification_read_all",
        expected=expect(302, 302, 302, 302, 302, 302),
        method="post",
    ),
    Case("notification-preference", "alerts:notification_preference"),
    Case(
        "notification-preference-save",
        "alerts:notification_preference",
        expected=expect(302, 302, 302, 302, 302, 302),
        method="post",
        data=lambda: {"email": "immediate"},
        changes_state=True,
    ),
    # Supervised items: their bureaus read them; the lead explains; supervisors act.
    Case("alert-list", "alerts:alert_list"),
    Case("alert-detail", "alerts:alert_detail", lambda: {"pk": alert().pk}, READ_BY_RESPONSIBLE),
    Case(
        "alert-explain",
        "alerts:alert_explain",
        lambda: {"pk": alert().pk},
        expect(404, 404, 302, 403, 403, 403),
        "post",
        lambda: {"reason": "原因", "measures": "措施", "expected_on": "2030-06-30"},
        changes_state=True,
    ),
    Case(
        "alert-escalate",
        "alerts:alert_escalate",
        lambda: {"pk": alert().pk},
        expect(404, 404, 403, 403, 302, 302),
        "post",
        lambda: {"reason": "领导批示"},
        changes_state=True,
    ),
    Case(
        "alert-close",
        "alerts:alert_close",
        lambda: {"pk": alert().pk},
        expect(404, 404, 403, 403, 302, 302),
        "post",
        lambda: {"close-note": "已整改到位"},
        changes_state=True,
    ),
    Case(
        "explanation-decide",
        "alerts:explanation_decide",
        lambda: {"pk": explanation().pk},
        expect(403, 403, 403, 403, 302, 302),
        "post",
        lambda: {"decision": "rejected", "note": "理由不充分"},
        changes_state=True,
    ),
    Case("bulletin", "alerts:bulletin", expected=ONLY_REVIEWERS),
    # The public pages, for anyone, signed in or not (tests/disclosure, tests/complaints).
    Case("public-home", "disclosure:home", expected=PUBLIC),
    *(
        Case(f"public-{name.split('_', 1)[1]}", f"disclosure:{name}", kwargs, PUBLIC)
        for name, kwargs in (
            ("public_record_list", lambda: {"kind": "capacity-exit"}),
            ("public_record_csv", lambda: {"kind": "capacity-exit"}),
            ("public_record_feed", lambda: {"kind": "capacity-exit"}),
            ("public_target_csv", dict),
            ("public_target_feed", dict),
        )
    ),
    Case("public-complaint-form", "complaints:public_create", expected=PUBLIC),
    Case("public-complaint-status", "complaints:public_status", expected=PUBLIC),
    Case(
        "public-complaint-status-wrong-code",
        "complaints:public_status",
        expected=PUBLIC,
        method="post",
        data=lambda: {"number": complaint().number, "secret": "guess"},
    ),
    Case(
        "captcha-image",
        "captcha-image",
        lambda: {"key": CaptchaStore.generate_key()},
        PUBLIC,
    ),
    # Publishing: supervisors and admins.
    Case("publication-records", "disclosure:record_list", expected=ONLY_REVIEWERS),
    Case("publication-targets", "disclosure:target_list", expected=ONLY_REVIEWERS),
    Case(
        "publish",
        "disclosure:publish",
        expected=expect(403, 403, 403, 403, 302, 302),
        method="post",
        data=lambda: {"item_kind": "report", "items": [unpublished_exit().pk], "action": "publish"},
        changes_state=True,
    ),
    # Complaints: supervisors and admins all, a bureau those assigned to it; the reporter's
    # name only there (tests/complaints).
    Case(
        "complaint-list", "complaints:complaint_list", expected=expect(403, 200, 200, 200, 200, 200)
    ),
    Case(
        "complaint-create",
        "complaints:complaint_create",
        expected=expect(403, 200, 200, 200, 200, 200),
    ),
    Case(
        "complaint-detail",
        "complaints:complaint_detail",
        lambda: {"pk": complaint().pk},
        ONLY_ASSIGNED,
    ),
    Case(
        "complaint-photo",
        "complaints:photo_download",
        lambda: {"pk": ComplaintPhoto.objects.get().pk},
        ONLY_ASSIGNED,
    ),
    Case(
        "complaint-start",
        "complaints:complaint_start",
        lambda: {"pk": complaint().pk},
        ONLY_ASSIGNED_ACT,
        method="post",
        changes_state=True,
    ),
    Case(
        "complaint-close",
        "complaints:complaint_close",
        lambda: {"pk": complaint().pk},
        ONLY_ASSIGNED_ACT,
        method="post",
        data=lambda: {"finding": "confirmed", "verification": "已核实", "measures": "已拆除"},
        changes_state=True,
    ),
    Case(
        "complaint-reassign",
        "complaints:complaint_reassign",
        lambda: {"pk": complaint().pk},
        expect(403, 403, 403, 403, 302, 302),
        method="post",
        data=lambda: {
            "bureau": Bureau.objects.get(name=OTHER).pk,
            "due_on": "2030-01-31",
        },
        changes_state=True,
    ),
    # The API (/api/v1/): what the web shows each role, as JSON.
    Case("api-root", "api:api-root", expected=API_READ),
    Case("api-schema", "api:schema", expected=API_READ),
    Case("api-docs", "api:docs", expected=EVERYONE_SIGNED_IN),
    *(
        Case(f"api-{name}-list", f"api:{name}-list", expected=API_READ)
        for name in (
            "notice",
            "plan",
            "bureau",
            "town",
            "task",
            "milestone",
            "target",
            "alert",
            "report",
            "town-target",
        )
    ),
    *(
        Case(f"api-{name}-detail", f"api:{name}-detail", pk, expected)
        for name, pk, expected in (
            ("notice", lambda: {"pk": Notice.objects.get().pk}, API_READ),
            ("plan", lambda: {"pk": task().plan_id}, API_READ),
            ("bureau", lambda: {"pk": Bureau.objects.get(name=LEAD).pk}, API_READ),
            ("town", lambda: {"pk": TownTarget.objects.get().town_id}, API_READ),
            ("task", lambda: {"pk": task().pk}, API_READ),
            ("milestone", lambda: {"pk": milestone().pk}, API_READ),
            ("target", lambda: {"pk": target().pk}, API_READ),
            ("town-target", lambda: {"pk": TownTarget.objects.get().pk}, API_READ),
            ("alert", lambda: {"pk": alert().pk}, API_READ_BY_RESPONSIBLE),
            ("report", lambda: {"pk": draft().pk}, API_READ_BY_RESPONSIBLE),
        )
    ),
    Case(
        "api-report-create",
        "api:report-list",
        expected=expect(403, 403, 201, 201, 403, 403, anonymous=401),
        method="post",
        data=lambda: {
            "kind": "target-report",
            "parent": target().pk,
            "value": "12",
            "as_of": "2018-06-30",
            "narrative": "接口填报",
        },
        changes_state=True,
    ),
    Case(
        "api-report-change",
        "api:report-detail",
        lambda: {"pk": draft().pk},
        expect(404, 404, 200, 403, 403, 403, anonymous=401),
        method="patch",
        data=lambda: {"narrative": "接口修改", "version": draft().version},
        changes_state=True,
        as_json=True,
    ),
    Case(
        "api-report-submit",
        "api:report-submit",
        lambda: {"pk": draft().pk},
        expect(404, 404, 200, 403, 403, 403, anonymous=401),
        method="post",
        data=lambda: {"version": draft().version},
        changes_state=True,
    ),
    Case(
        "api-report-review",
        "api:report-review",
        lambda: {"pk": submitted().pk},
        expect(403, 403, 403, 403, 200, 200, anonymous=401),
        method="post",
        data=lambda: {"decision": "approve", "version": submitted().version},
        changes_state=True,
    ),
    # Personal API tokens: each user their own.
    Case("api-tokens", "api:token_list"),
    Case(
        "api-token-revoke",
        "api:token_revoke",
        lambda: {"pk": ApiToken.objects.get(name="矩阵外的令牌").pk},
        expect(404, 404, 404, 404, 404, 404),
        method="post",
        changes_state=True,
    ),
    # The 奖补 ledger: supervisors, admins and the finance bureau (tests/funding/test_ledger.py).
    Case("award-ledger", "funding:entitlement_list", expected=ONLY_REVIEWERS),
    *(
        Case(f"{name}-by-get", f"alerts:{name}", pk, NOT_ALLOWED, changes_state=True)
        for name, pk in (
            ("alert_explain", lambda: {"pk": alert().pk}),
            ("alert_escalate", lambda: {"pk": alert().pk}),
            ("alert_close", lambda: {"pk": alert().pk}),
            ("explanation_decide", lambda: {"pk": explanation().pk}),
            ("notification_read_all", dict),
        )
    ),
    # The admin's import of the town table: admins only (others go to the admin's login).
    Case(
        "town-table-import",
        "admin:techreform_towntarget_import",
        expected=expect(302, 302, 302, 302, 302, 200),
    ),
    # Confirming an import whose preview file is gone: admins are sent back to the import.
    Case(
        "town-table-import-confirm",
        "admin:techreform_towntarget_process_import",
        expected=expect(302, 302, 302, 302, 302, 302),
        method="post",
        data=lambda: {
            "import_file_name": "no-such-preview",
            "original_file_name": "town-targets-2017.xlsx",
            "format": "0",
            "resource": "0",
        },
    ),
    # Django's own account pages and the language switch.
    Case("login", "login", expected=expect(200, 200, 200, 200, 200, 200, anonymous=200)),
    # Drafting a later notice's plans (tests/drafts).
    Case("draft-list", "drafts:draft_list", expected=ONLY_ADMINS),
    Case("draft-create-form", "drafts:draft_create", expected=ONLY_ADMINS),
    Case(
        "draft-create",
        "drafts:draft_create",
        expected=ONLY_ADMINS_ACT,
        method="post",
        data=lambda: {"text": DRAFTED_NOTICE},
        changes_state=True,
    ),
    Case("draft-review", "drafts:draft_detail", lambda: {"pk": notice_draft().pk}, ONLY_ADMINS),
    Case("draft-notice", "drafts:notice_edit", lambda: {"pk": notice_draft().pk}, ONLY_ADMINS),
    Case(
        "draft-plan",
        "drafts:plan_edit",
        lambda: {"pk": notice_draft().pk, "plan": 1},
        ONLY_ADMINS,
    ),
    Case(
        "draft-task",
        "drafts:task_edit",
        lambda: {"pk": notice_draft().pk, "plan": 1, "task": 1},
        ONLY_ADMINS,
    ),
    Case(
        "draft-units",
        "drafts:units",
        lambda: {"pk": notice_draft().pk},
        ONLY_ADMINS_ACT,
        "post",
        lambda: {"unit_0": "new", "version": 1},
        changes_state=True,
    ),
    Case(
        "draft-publish",
        "drafts:publish",
        lambda: {"pk": notice_draft().pk},
        ONLY_ADMINS_ACT,
        "post",
        lambda: {"version": 1},
        changes_state=True,
    ),
    Case(
        "draft-delete",
        "drafts:draft_delete",
        lambda: {"pk": notice_draft().pk},
        ONLY_ADMINS_ACT,
        "post",
        changes_state=True,
    ),
    Case(
        "logout",
        "logout",
        expected=expect(302, 302, 302, 302, 302, 302, anonymous=302),
        method="post",
    ),
    Case("password-change", "password_change"),
    Case("password-change-done", "password_change_done"),
    *(
        Case(name, name, expected=expect(200, 200, 200, 200, 200, 200, anonymous=200))
        for name in ("password_reset", "password_reset_done", "password_reset_complete")
    ),
    Case(
        "password-reset-confirm",
        "password_reset_confirm",
        lambda: {"uidb64": "MQ", "token": "invalid-token"},
        expect(200, 200, 200, 200, 200, 200, anonymous=200),
    ),
    Case(
        "set-language",
        "set_language",
        expected=expect(302, 302, 302, 302, 302, 302, anonymous=302),
        method="post",
        data=lambda: {"language": "en", "next": "/"},
    ),
]

# Outside the matrix: the Django admin's own pages, guarded by its staff and model
# permissions (``tests/test_admin.py``). The admin views the project adds are in the matrix.
EXEMPT_NAMESPACES = {"admin"}
PROJECT_PACKAGES = ("jiyuan_portal", *settings.PLAN_APPS)


def url_names(patterns=None, namespace=None):
    """(name, view module) of every URL pattern, namespaced as ``reverse`` takes them."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, (namespace, pattern.namespace))) or None
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, getattr(pattern.callback, "__module__", "")


def test_every_url_has_a_case():
    covered = {case.url_name for case in CASES}
    must_be_covered = {
        name
        for name, module in url_names()
        if name.split(":")[0] not in EXEMPT_NAMESPACES or module.startswith(PROJECT_PACKAGES)
    }
    assert sorted(must_be_covered - covered) == []


# --- The checks ----------------------------------------------------------------------------


def check(client, case: Case, role: str) -> None:
    if role != "anonymous":
        client.force_login(user_for(role))
    url = case.url()
    before = state()

    if case.as_json:
        response = getattr(client, case.method)(
            url, json.dumps(case.data()), content_type="application/json"
        )
    else:
        response = getattr(client, case.method)(url, case.data())

    expected = case.expected[role]
    if expected == LOGIN:
        assert response.status_code == 302, f"{case.id} as {role}: got {response.status_code}"
        assert response.url.startswith(reverse(settings.LOGIN_URL)), response.url
    else:
        assert response.status_code == expected, (
            f"{case.id} as {role}: expected {expected}, got {response.status_code}"
        )
    if case.changes_state and (response.status_code in REFUSED or expected == LOGIN):
        assert state() == before, f"{case.id} as {role} was refused but changed something"
    if case.changes_state and expected == 302:
        assert state() != before, f"{case.id} as {role} was allowed but changed nothing"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_each_role_gets_the_expected_status_and_refusals_change_nothing(client, scene, case, role):
    check(client, case, role)


# --- Particular refusals -------------------------------------------------------------------


def login_as(client, role):
    user = user_for(role)
    client.force_login(user)
    return user


def test_the_other_bureau_of_the_matrix_is_not_responsible_for_the_task(scene):
    assert set(task().assignments.values_list("bureau__name", flat=True)) == {LEAD, CO}


def test_every_plan_app_has_a_plan_page_case(scene):
    assert sorted(Plan.objects.exclude(code=GENERIC_PLAN).values_list("code", flat=True)) == (
        sorted(plan_codes())
    )


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


@pytest.mark.parametrize("kind", ["no-such-kind", "targetreport", "report"])
def test_an_unknown_kind_in_the_url_is_not_found(client, scene, kind):
    login_as(client, "own_bureau")
    response = client.get(f"/reports/new/{kind}/{task().pk}/")
    assert response.status_code == 404


def test_a_task_of_a_plan_without_an_app_takes_only_the_core_kinds_of_report(client, scene):
    login_as(client, "own_bureau")

    page = client.get(generic_task().get_absolute_url())
    registry = client.get(
        reverse("reporting:report_create", args=["innovation-enterprise", generic_task().pk])
    )

    assert page.status_code == 200
    assert registry.status_code == 404


def test_the_old_progress_urls_are_gone(client, scene):
    """Reports are reached by their own number only; a kind in the URL reaches nothing."""
    login_as(client, "own_bureau")
    for url in (
        f"/progress/target-report/{draft().pk}/",
        f"/progress/milestone-report/{draft().pk}/delete/",
    ):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert draft().status == ReviewStatus.DRAFT


@pytest.mark.parametrize("export", [None, "csv"])
def test_the_report_list_shows_another_bureau_none_of_the_reports_on_a_task_it_has_no_part_in(
    client, scene, export
):
    data = {"_export": export} if export else {}

    login_as(client, "other_bureau")
    other = client.get(reverse("reporting:report_list"), data).content.decode("utf-8")
    login_as(client, "co_bureau")
    co = client.get(reverse("reporting:report_list"), data).content.decode("utf-8")

    assert draft().title in co and record().title in co
    assert draft().title not in other and record().title not in other
    assert "权限测试企业" not in other


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

    response = client.post(reverse("reporting:report_submit", args=[report.pk]), {"version": "abc"})

    assert response.status_code in (302, 400)
    assert draft().status == ReviewStatus.DRAFT


def test_a_view_that_declares_no_rule_refuses_to_serve(rf):
    from django.core.exceptions import ImproperlyConfigured
    from django.views import View

    from jiyuan_portal.views.generic import PermissionGate

    class Undeclared(PermissionGate, View):
        def get(self, request):
            raise AssertionError("served without a rule")

    request = rf.get("/")
    request.user = factories.UserFactory.build()
    with pytest.raises(ImproperlyConfigured):
        Undeclared.as_view()(request)
