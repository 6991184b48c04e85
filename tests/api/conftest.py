import pytest
from rest_framework.test import APIClient

from jiyuan_portal.api.models import ApiToken
from jiyuan_portal.tracking.models import Bureau, Plan
from tests import factories

LEAD, OTHER = "市工业和信息化委员会", "市发展和改革委员会"


def token_client(user) -> APIClient:
    """A client that sends a fresh personal token of ``user``, as another system would."""
    _token, key = ApiToken.issue(user, "测试", days=30)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def scene(seed, settings, tmp_path):
    """An innovation task led by 工信委 with a target; staff of 工信委 and of 发改委; a
    supervisor."""
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    lead = Bureau.objects.get(name=LEAD)
    task = factories.TaskFactory(plan=Plan.objects.get(code="innovation"), bureaus=[lead])
    target = factories.TargetFactory(plan=task.plan, task=task, year=2018, unit="家")
    return {
        "task": task,
        "target": target,
        "staff": factories.bureau_staff(lead),
        "other": factories.bureau_staff(Bureau.objects.get(name=OTHER)),
        "supervisor": factories.supervisor(),
    }
