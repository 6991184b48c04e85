import pytest
from django.core.cache import cache, caches
from django.test import override_settings

from jiyuan_portal.dashboard import demo_data
from jiyuan_portal.tracking.loading import load_all
from jiyuan_portal.tracking.models import Bureau, Plan
from tests import factories

# Celery's fixtures (celery_app, celery_worker) for tests that need a real worker.
pytest_plugins = ("celery.contrib.pytest",)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the seed (notice, bureaus, towns, five plans) once into the test database."""
    with django_db_blocker.unblock():
        load_all()


@pytest.fixture
def seed(db):
    """The seed data; reloaded if a transactional test has flushed it."""
    if not Plan.objects.exists():
        load_all()


@pytest.fixture
def plan(seed):
    """Look up a seeded plan by code: ``plan("capacity")``."""
    return lambda code: Plan.objects.get(code=code)


@pytest.fixture
def task(seed):
    """A task of the innovation plan led by 市工业和信息化委员会 alone (modules may override)."""
    lead = Bureau.objects.get(name="市工业和信息化委员会")
    return factories.TaskFactory(plan=Plan.objects.get(code="innovation"), bureaus=[lead])


@pytest.fixture
def staff_client(client, task, settings, tmp_path):
    """A client signed in as staff of ``task``'s lead bureau, evidence stored under tmp."""
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    client.force_login(factories.bureau_staff(task.lead_bureau))
    return client


@pytest.fixture(scope="session", autouse=True)
def no_page_cache():
    """Pages compute their content on every request in tests: a test's data are rolled back,
    never committed, so the data version (which moves on commit) would not tell a cached
    page from a changed one. ``tests/reporting/test_page_cache.py`` turns it on."""
    with override_settings(JIYUAN_PAGE_CACHE_SECONDS=0):
        yield


@pytest.fixture(scope="session", autouse=True)
def no_demo_data_banner():
    """Whether the demo data are loaded is asked of the database once per process every few
    minutes (the page banner); say "no" for the whole run, so that pages make the same
    queries on every request (the tests that load the demo ask again)."""
    cache.set(demo_data.LOADED_CACHE_KEY, False, None)


@pytest.fixture(autouse=True)
def fresh_public_caches():
    """The public pages' cache and the complaint form's counts per address start empty in
    every test (the live server of browser tests shares them with the tests' process)."""
    for name in ("public-pages", "rate-limit"):
        caches[name].clear()
