"""Demo accounts for trying the portal. Never create these on a production server."""

from dataclasses import dataclass

from django.db import transaction

from jiyuan_portal.tracking.models import Bureau

from . import roles
from .models import User


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    description: str
    bureau: str = ""
    first_name: str = ""


DEMO_ACCOUNTS = (
    DemoAccount("admin", "demo-admin-2017", roles.ADMIN, "系统管理员 / admin", first_name="管理员"),
    DemoAccount(
        "duban", "demo-duban-2017", roles.SUPERVISOR, "督查人员 / supervisor", first_name="督查员"
    ),
    DemoAccount(
        "gongxin",
        "demo-gongxin-2017",
        roles.BUREAU_STAFF,
        "市工业和信息化委员会工作人员 / bureau staff",
        bureau="市工业和信息化委员会",
        first_name="工信委",
    ),
    DemoAccount(
        "huanbao",
        "demo-huanbao-2017",
        roles.BUREAU_STAFF,
        "市环境保护局工作人员 / bureau staff",
        bureau="市环境保护局",
        first_name="环保局",
    ),
    DemoAccount(
        "fagai",
        "demo-fagai-2017",
        roles.BUREAU_STAFF,
        "市发展和改革委员会工作人员 / bureau staff",
        bureau="市发展和改革委员会",
        first_name="发改委",
    ),
    DemoAccount(
        "keji",
        "demo-keji-2017",
        roles.BUREAU_STAFF,
        "市科学技术局工作人员 / bureau staff",
        bureau="市科学技术局",
        first_name="科技局",
    ),
    DemoAccount(
        "caizheng",
        "demo-caizheng-2017",
        roles.BUREAU_STAFF,
        "市财政局工作人员 / finance bureau staff (奖补台账)",
        bureau="市财政局",
        first_name="财政局",
    ),
)


@transaction.atomic
def create_demo_accounts() -> list[User]:
    groups = roles.ensure_roles()
    users = []
    for account in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=account.username)
        user.first_name = account.first_name
        # Reserved domain: the digests show in the console under `make run`, reach no one.
        user.email = f"{account.username}@demo.invalid"
        user.bureau = Bureau.objects.get(name=account.bureau) if account.bureau else None
        user.is_staff = account.role == roles.ADMIN  # the Django admin is for admins only
        user.is_superuser = account.role == roles.ADMIN
        user.set_password(account.password)
        user.save()
        user.groups.set([groups[account.role]])
        users.append(user)
    return users
