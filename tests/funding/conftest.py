import datetime

import factory
import pytest

from greening.models import GreenRecognition
from jiyuan_portal.tracking.models import Task
from smart.models import SmartRecognition
from tests.factories import (  # noqa: F401 (the factories the funding tests use)
    FirstSetPurchaseFactory,
    InnovationCentreFactory,
    InnovationCentreSpendFactory,
    ReformProjectFactory,
    ReviewableFactory,
    _lead_or_new_bureau,
)


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


def techreform_task(number):
    return Task.objects.get(plan__code="techreform", number=number)
