import pytest

from jiyuan_portal.drafts.models import NoticeDraft
from jiyuan_portal.tracking.drafting.draft import draft_notice
from jiyuan_portal.tracking.drafting.measure import NOTICE_SOURCE
from jiyuan_portal.tracking.models import Notice, Plan
from tests import factories

# A later notice in the 任务分解 layout: 牵头单位 / 责任单位 lines, one unit the portal does
# not know (市大数据管理局) and one it knows by an alias (市环保局).
LATER_NOTICE = """
济政办〔2018〕5号
关于印发济源市数据共享攻坚方案的通知

济源市数据共享攻坚方案

一、工作目标

到2020年,全市政务数据共享率达到90%以上。

二、任务分解

(一)建立数据目录

2018年6月底前完成全市政务数据目录编制。

牵头单位:市大数据管理局
责任单位:市发展和改革委员会、市财政局

(二)开展环境数据共享

2018年9月底前,建成环境监测数据共享平台。对建成示范平台的单位,给予10万元奖励。

牵头单位:市环保局
责任单位:市工业和信息化委员会

济源市人民政府办公室
2018年3月1日
"""


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
