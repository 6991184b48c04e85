import datetime
from decimal import Decimal

import factory
import pytest

from greening.models import GreenRecognition
from jiyuan_portal.tracking.models import Task, Town
from smart.models import SmartRecognition
from techreform.models import ReformProject
from tests.factories import ReviewableFactory, _lead_or_new_bureau


class ReformProjectFactory(ReviewableFactory):
    """A completed technical-reform project of 2017 in 虎岭, on the seeded task 二(一)."""

    class Meta:
        model = ReformProject

    task = factory.LazyFunction(lambda: Task.objects.get(plan__code="techreform", number="二(一)"))
    bureau = factory.LazyAttribute(lambda record: _lead_or_new_bureau(record.task))
    name = factory.Sequence(lambda n: f"测试技术改造项目{n}")
    enterprise = factory.Sequence(lambda n: f"济源测试制造有限公司{n}")
    town = factory.LazyFunction(lambda: Town.objects.get(name="虎岭"))
    year = 2017
    investment = Decimal("0.8")  # 亿元: 8,000万元
    equipment_spend = Decimal(1500)
    rd_spend = Decimal(500)
    completed_on = datetime.date(2017, 7, 28)


class SmartRecognitionFactory(ReviewableFactory):
    class Meta:
        model = SmartRecognition

    task = factory.LazyFunction(lambda: Task.objects.get(plan__code="smart", number="三(二)"))
    bureau = factory.LazyAttribute(lambda record: _lead_or_new_bureau(record.task))
    kind = SmartRecognition.Kind.SMART_FACTORY
    level = "national"
    enterprise = factory.Sequence(lambda n: f"济源测试智能装备有限公司{n}")
    recognized_on = datetime.date(2017, 9, 1)


class GreenRecognitionFactory(ReviewableFactory):
    class Meta:
        model = GreenRecognition

    task = factory.LazyFunction(lambda: Task.objects.get(plan__code="greening", number="二(二)"))
    bureau = factory.LazyAttribute(lambda record: _lead_or_new_bureau(record.task))
    kind = GreenRecognition.Kind.GREEN_FACTORY
    name = factory.Sequence(lambda n: f"济源测试钢铁有限公司{n}")
    recognized_on = datetime.date(2017, 8, 1)


@pytest.fixture
def approve(django_capture_on_commit_callbacks):
    """Create approved records with a factory, running what their commit sets off (the
    entitlements are computed on commit)."""

    def create(factory_class, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return factory_class(approved=True, **kwargs)

    return create
