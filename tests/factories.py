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
