import pytest

from jiyuan_portal.tracking.loading import load_all
from jiyuan_portal.tracking.models import Plan

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
