"""factory_boy factories for test data; seeded master data is reused where it exists."""

import datetime
from decimal import Decimal

import factory

from jiyuan_portal.accounts import roles
from jiyuan_portal.accounts.models import User
from jiyuan_portal.tracking.models import (
    Bureau,
    Milestone,
    Notice,
    Plan,
    Target,
    Task,
    TaskBureau,
    Town,
)


class BureauFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bureau
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试局{n}")
    kind = Bureau.Kind.DEPARTMENT


class TownFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Town
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试镇{n}")
    full_name = factory.LazyAttribute(lambda town: f"{town.name}镇")
    kind = Town.Kind.TOWN


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice
        django_get_or_create = ("number",)

    number = "济政〔2017〕27号"
    title = "关于印发济源市化解过剩产能攻坚方案等五个方案的通知"
    issuer = "济源市人民政府"
    issued_on = datetime.date(2017, 8, 2)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ("code",)

    notice = factory.SubFactory(NoticeFactory)
    code = "capacity"
    title = "济源市化解过剩产能攻坚方案"
    short_name = "化解过剩产能"


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: f"九({n})")
    section = Task.Section.KEY_TASK
    title = factory.Sequence(lambda n: f"测试任务{n}")
    text = "测试任务的条文。"
    order = factory.Sequence(lambda n: 1000 + n)

    @factory.post_generation
    def bureaus(task, create, extracted, **kwargs):
        """``TaskFactory(bureaus=[lead, other])``: the first one leads."""
        for order, bureau in enumerate(extracted or [], start=1):
            TaskBureau.objects.create(
                task=task,
                bureau=bureau,
                order=order,
                role=TaskBureau.Role.LEAD if order == 1 else TaskBureau.Role.COOPERATING,
            )


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    task = factory.SubFactory(TaskFactory)
    # A plan's dated goal: ``MilestoneFactory(task=None, plan=plan)``.
    plan = factory.LazyAttribute(lambda milestone: milestone.task.plan)
    order = factory.Sequence(lambda n: n + 1)
    description = "完成排查"
    due_phrase = "2017年5月底前"
    due_date = datetime.date(2017, 5, 31)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"test-target-{n}")
    indicator = "测试指标"
    kind = Target.Kind.COUNT
    unit = "家"
    year = 2020
    value = Decimal(30)
    clause = "测试条文"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("test-password-123")

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        """``UserFactory(role=roles.SUPERVISOR)``: put the user in that role's group."""
        if extracted:
            user.groups.add(roles.ensure_roles()[extracted])


def bureau_staff(bureau, **kwargs) -> User:
    return UserFactory(bureau=bureau, role=roles.BUREAU_STAFF, **kwargs)


def supervisor(**kwargs) -> User:
    return UserFactory(role=roles.SUPERVISOR, **kwargs)


def portal_admin(**kwargs) -> User:
    return UserFactory(role=roles.ADMIN, is_staff=True, is_superuser=True, **kwargs)


# --- Reported progress, registries and evidence files -------------------------------------

import io  # noqa: E402
import struct  # noqa: E402
import zipfile  # noqa: E402
import zlib  # noqa: E402

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.utils import timezone  # noqa: E402

from capacity import models as capacity_models  # noqa: E402
from capacity.models import CapacityExit  # noqa: E402
from greening import models as greening_models  # noqa: E402
from innovation import models as innovation_models  # noqa: E402
from innovation.models import InnovationEnterprise  # noqa: E402
from jiyuan_portal.reporting.models import (  # noqa: E402
    MilestoneReport,
    ReviewStatus,
    TargetReport,
)
from techreform import models as techreform_models  # noqa: E402


def _lead_or_new_bureau(task):
    return (task.lead_bureau if task else None) or BureauFactory()


class ReviewableFactory(factory.django.DjangoModelFactory):
    """Reported progress, a draft by default; ``submitted=True``, ``approved=True`` or
    ``returned=True`` put it in that state with the timestamps the workflow would set."""

    class Meta:
        abstract = True

    class Params:
        submitted = factory.Trait(
            status=ReviewStatus.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )
        approved = factory.Trait(
            status=ReviewStatus.APPROVED,
            submitted_at=factory.LazyFunction(timezone.now),
            reviewed_at=factory.LazyFunction(timezone.now),
        )
        returned = factory.Trait(
            status=ReviewStatus.RETURNED,
            submitted_at=factory.LazyFunction(timezone.now),
            reviewed_at=factory.LazyFunction(timezone.now),
            review_comment="请补充佐证材料。",
        )


class TargetReportFactory(ReviewableFactory):
    """A draft report by the target's lead bureau; ``approved=True`` etc. for other states."""

    class Meta:
        model = TargetReport

    target = factory.SubFactory(TargetFactory)
    bureau = factory.LazyAttribute(lambda report: _lead_or_new_bureau(report.target.task))
    value = Decimal(10)
    as_of = datetime.date(2018, 6, 30)
    narrative = "按计划推进,已完成阶段任务。"


class MilestoneReportFactory(ReviewableFactory):
    class Meta:
        model = MilestoneReport

    milestone = factory.SubFactory(MilestoneFactory)
    bureau = factory.LazyAttribute(lambda report: _lead_or_new_bureau(report.milestone.task))
    outcome = MilestoneReport.Outcome.COMPLETED
    completed_on = datetime.date(2017, 5, 20)


class InnovationEnterpriseFactory(ReviewableFactory):
    """A high-tech enterprise on a task of the innovation plan (the seeded 二(一) by default)."""

    class Meta:
        model = InnovationEnterprise

    task = factory.LazyFunction(lambda: Task.objects.get(plan__code="innovation", number="二(一)"))
    bureau = factory.LazyAttribute(lambda record: _lead_or_new_bureau(record.task))
    name = factory.Sequence(lambda n: f"济源测试科技有限公司{n}")
    kind = InnovationEnterprise.Kind.HIGH_TECH
    certified_on = datetime.date(2018, 11, 30)


class CapacityExitFactory(ReviewableFactory):
    """A coal mine that exited, on the seeded capacity task 二(一) by default."""

    class Meta:
        model = CapacityExit

    task = factory.LazyFunction(lambda: Task.objects.get(plan__code="capacity", number="二(一)"))
    bureau = factory.LazyAttribute(lambda record: _lead_or_new_bureau(record.task))
    name = factory.Sequence(lambda n: f"测试煤矿{n}")
    subject = CapacityExit.Subject.MINE
    industry = CapacityExit.Industry.COAL
    capacity_removed = Decimal(30)
    capacity_unit = "万吨"
    exited_on = datetime.date(2017, 6, 30)


class TechreformRecordFactory(ReviewableFactory):
    """A record of one of 技术改造's registries, on the seeded task of its clause."""

    class Meta:
        abstract = True

    bureau = factory.LazyAttribute(lambda record: _lead_or_new_bureau(record.task))


def _techreform_task(number):
    return factory.LazyFunction(lambda: Task.objects.get(plan__code="techreform", number=number))


class ReformProjectFactory(TechreformRecordFactory):
    """A completed project of 2017 in 虎岭 with 2,000万元 of equipment and R&D spend."""

    class Meta:
        model = techreform_models.ReformProject

    task = _techreform_task("二(一)")
    name = factory.Sequence(lambda n: f"测试技术改造项目{n}")
    enterprise = factory.Sequence(lambda n: f"济源测试制造有限公司{n}")
    town = factory.LazyFunction(lambda: Town.objects.get(name="虎岭"))
    year = 2017
    investment = Decimal("0.8")  # 亿元: 8,000万元
    equipment_spend = Decimal(1500)
    rd_spend = Decimal(500)
    completed_on = datetime.date(2017, 7, 28)


class InnovationCentreFactory(TechreformRecordFactory):
    class Meta:
        model = techreform_models.InnovationCentre

    task = _techreform_task("二(二)")
    name = factory.Sequence(lambda n: f"济源测试制造业创新中心{n}")
    enterprise = "济源测试股份有限公司"
    listing = "city"
    listed_on = datetime.date(2017, 6, 20)


class InnovationCentreSpendFactory(TechreformRecordFactory):
    class Meta:
        model = techreform_models.InnovationCentreSpend

    task = _techreform_task("二(二)")
    centre = factory.SubFactory(InnovationCentreFactory, approved=True)
    year = 2017
    equipment_spend = Decimal(600)


class NewProductFactory(TechreformRecordFactory):
    class Meta:
        model = techreform_models.NewProduct

    task = _techreform_task("二(三)")
    product = factory.Sequence(lambda n: f"测试新产品{n}")
    enterprise = "济源测试科技有限公司"
    recognized_on = datetime.date(2017, 6, 15)
    rd_spend = Decimal(200)


class FineProductFactory(TechreformRecordFactory):
    class Meta:
        model = techreform_models.FineProduct

    task = _techreform_task("二(五)")
    product = factory.Sequence(lambda n: f"测试工业精品{n}")
    enterprise = "济源测试科技有限公司"
    recognized_on = datetime.date(2017, 8, 18)


class StrongBaseProjectFactory(TechreformRecordFactory):
    class Meta:
        model = techreform_models.StrongBaseProject

    task = _techreform_task("二(四)")
    name = factory.Sequence(lambda n: f"测试工业强基项目{n}")
    enterprise = "济源测试装备有限公司"
    approved_on = datetime.date(2017, 7, 1)
    national_grant = Decimal(800)


class ReformRecognitionFactory(TechreformRecordFactory):
    class Meta:
        model = techreform_models.ReformRecognition

    task = _techreform_task("二(五)")
    kind = "quality_benchmark"
    level = "provincial"
    enterprise = factory.Sequence(lambda n: f"济源测试质量标杆企业{n}")
    recognized_on = datetime.date(2017, 7, 20)


class FirstSetEquipmentFactory(TechreformRecordFactory):
    class Meta:
        model = techreform_models.FirstSetEquipment

    task = _techreform_task("二(六)")
    name = factory.Sequence(lambda n: f"测试首台套装备{n}")
    maker = "济源测试矿机有限公司"
    recognized_on = datetime.date(2017, 5, 26)


class FirstSetPurchaseFactory(TechreformRecordFactory):
    class Meta:
        model = techreform_models.FirstSetPurchase

    task = _techreform_task("二(六)")
    equipment = factory.SubFactory(FirstSetEquipmentFactory, approved=True)
    buyer = factory.Sequence(lambda n: f"济源测试煤业有限公司{n}")
    purchased_on = datetime.date(2017, 8, 1)
    price = Decimal(1200)


TECHREFORM_REGISTRY_FACTORIES = (
    ReformProjectFactory,
    InnovationCentreFactory,
    InnovationCentreSpendFactory,
    NewProductFactory,
    FineProductFactory,
    StrongBaseProjectFactory,
    ReformRecognitionFactory,
    FirstSetEquipmentFactory,
    FirstSetPurchaseFactory,
)


def _plan_task(plan, number):
    return factory.LazyFunction(lambda: Task.objects.get(plan__code=plan, number=number))


class PlanRecordFactory(ReviewableFactory):
    class Meta:
        abstract = True

    bureau = factory.LazyAttribute(lambda record: _lead_or_new_bureau(record.task))


class RecyclingParkFactory(PlanRecordFactory):
    class Meta:
        model = greening_models.RecyclingPark

    task = _plan_task("greening", "二(四)")
    name = factory.Sequence(lambda n: f"测试静脉产业园{n}")
    stage = "under_construction"
    started_on = datetime.date(2017, 5, 10)


class EnergyInspectionFactory(PlanRecordFactory):
    class Meta:
        model = greening_models.EnergyInspection

    task = _plan_task("greening", "三(四)")
    enterprise = factory.Sequence(lambda n: f"济源测试钢铁有限公司{n}")
    industry = "steel"
    inspected_on = datetime.date(2017, 7, 12)


class GreenDemonstrationProjectFactory(PlanRecordFactory):
    class Meta:
        model = greening_models.GreenDemonstrationProject

    task = _plan_task("greening", "二(一)")
    name = factory.Sequence(lambda n: f"测试节能改造项目{n}")
    enterprise = "济源测试铅业有限公司"
    kind = "energy_saving"
    new_investment = Decimal(2600)
    completed_on = datetime.date(2017, 8, 30)


class MajorScienceProjectFactory(PlanRecordFactory):
    class Meta:
        model = innovation_models.MajorScienceProject

    task = _plan_task("innovation", "二(二)")
    name = factory.Sequence(lambda n: f"测试重大科技专项{n}")
    enterprise = "济源测试新材料有限公司"
    level = "provincial"
    approved_on = datetime.date(2017, 6, 30)


class MissedExitFactory(PlanRecordFactory):
    class Meta:
        model = capacity_models.MissedExit

    task = _plan_task("capacity", "三(五)")
    name = factory.Sequence(lambda n: f"测试未按期退出企业{n}")
    industry = "cement"
    capacity_due = Decimal(20)
    capacity_unit = "万吨"
    due_on = datetime.date(2017, 6, 30)
    sanctions = "已在“信用济源”网站公布。"


OTHER_REGISTRY_FACTORIES = (
    MissedExitFactory,
    RecyclingParkFactory,
    EnergyInspectionFactory,
    GreenDemonstrationProjectFactory,
    MajorScienceProjectFactory,
)


# Files built in memory, real enough for the content checks of ``tracking.uploads``.


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
        b"trailer <</Root 1 0 R>>\n%%EOF\n"
    )


def png_bytes() -> bytes:
    """A 1×1 white PNG."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def zip_bytes(members: dict[str, str]) -> bytes:
    """The same bytes at every call: each member dated 2017-08-02, not the clock's second
    (two calls a second apart would otherwise differ)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2017, 8, 2, 0, 0, 0)), text)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
            "word/document.xml": '<?xml version="1.0"?><w:document/>',
        }
    )


def upload(name="佐证材料.pdf", content=None, content_type="application/octet-stream"):
    """An uploaded file as a browser would send it; a small real PDF by default."""
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, content_type)


def inflating_zip_bytes(base: bytes, member: str, inflated: int, chunk=1024 * 1024) -> bytes:
    """``base`` (a zip: an .xlsx, a .docx) with one more member of ``inflated`` zero bytes.

    Zeros deflate about a thousand times: a zip bomb of a few hundred KB, built here rather
    than downloaded.
    """
    buffer = io.BytesIO(base)
    with (
        zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open(member, "w", force_zip64=True) as stream,
    ):
        zeros = bytes(chunk)
        for _ in range(inflated // chunk):
            stream.write(zeros)
        stream.write(bytes(inflated % chunk))
    return buffer.getvalue()


def with_members(base: bytes, members: dict[str, bytes]) -> bytes:
    """``base`` (a zip) with more members, e.g. a program or a macro project."""
    buffer = io.BytesIO(base)
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- Complaints (举报) ------------------------------------------------------------------------


def complaint(**overrides):
    """A case filed as the public form files it (routed, with its deadline); returns
    (complaint, secret)."""
    from jiyuan_portal.complaints import handling
    from jiyuan_portal.complaints.models import Complaint

    fields = {
        "kind": Complaint.Kind.SMALL_POLLUTING,
        "source": Complaint.Source.WEB,
        "town": Town.objects.get(name="克井"),
        "address": "克井镇测试村",
        "description": "已取缔的小作坊又开工了。",
        "contact_name": "王先生",
        "contact_phone": "13800000000",
        **overrides,
    }
    return handling.file_complaint(**fields)
