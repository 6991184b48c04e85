import pytest

from jiyuan_portal.drafts.models import NoticeDraft
from jiyuan_portal.tracking.drafting.draft import draft_notice
from jiyuan_portal.tracking.drafting.measure import NOTICE_SOURCE
from jiyuan_portal.tracking.loading import FIXTURES_DIR
from jiyuan_portal.tracking.models import Notice, Plan
from tests import factories

# A later notice in the 任务分解 layout (a sample for trying 方案草拟 too): 牵头单位 / 责任单位
# lines, one unit the portal does not know (市大数据管理局) and one it knows by an alias
# (市环保局).
LATER_NOTICE = (FIXTURES_DIR / "source" / "sample-later-notice.txt").read_text(encoding="utf-8")


@pytest.fixture
def notice_text():
    return NOTICE_SOURCE.read_text(encoding="utf-8")


@pytest.fixture
def no_plans(seed):
    """A portal with its bureaus and towns but no notice and no plan (as after migrating and
    loading the master data alone)."""
    Plan.objects.all().delete()
    Notice.objects.all().delete()


@pytest.fixture
def admin_client(client):
    client.force_login(factories.portal_admin())
    return client


@pytest.fixture
def later_draft(seed):
    return NoticeDraft.objects.create(text=LATER_NOTICE, data=draft_notice(LATER_NOTICE))
