"""Project-level guarantees: migrations match the models, production settings pass the
deploy checks, and set-up can run any number of times."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from jiyuan_portal.accounts.demo import DEMO_ACCOUNTS
from jiyuan_portal.accounts.models import User
from jiyuan_portal.tracking.models import Milestone, Plan, Target, Task, TaskBureau

BASE_DIR = Path(settings.BASE_DIR)


def test_migrations_match_the_models(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def production_environment(**overrides) -> dict:
    """This process's environment less what tests set for themselves (the browser tests
    allow sync database access from Playwright's event loop, which production must not)."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**env, **overrides}


def test_production_settings_pass_the_deploy_checks():
    env = production_environment(
        **{
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-0123456789",
            "DJANGO_ALLOWED_HOSTS": "portal.example.gov.cn",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_environment(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_setup_can_run_twice_without_duplicating_anything(db):
    call_command("setup_portal", "--demo", stdout=StringIO())
    models = (Plan, Task, Milestone, Target, TaskBureau, User)
    before = {model: model.objects.count() for model in models}

    call_command("setup_portal", "--demo", stdout=StringIO())

    assert {model: model.objects.count() for model in models} == before
    assert set(User.objects.values_list("username", flat=True)) >= {
        account.username for account in DEMO_ACCOUNTS
    }


def test_demo_bureau_staff_belong_to_their_bureaus(db):
    call_command("create_demo_accounts", stdout=StringIO())
    gongxin = User.objects.get(username="gongxin")
    assert gongxin.bureau.name == "市工业和信息化委员会"
    assert gongxin.is_bureau_staff and not gongxin.can_see_everything
    assert User.objects.get(username="duban").is_supervisor
    assert User.objects.get(username="admin").is_portal_admin
