"""The league table's figures are counted once per change of the data (or of the day) and
read by every page from ``BureauStanding``; what they count is checked in
``test_cockpit.py``."""

import datetime

import pytest

from jiyuan_portal.dashboard.league import bureau_league, refresh_standing
from jiyuan_portal.dashboard.models import BureauStanding
from jiyuan_portal.tracking import data_version
from jiyuan_portal.tracking.models import Bureau, TaskBureau
from tests.factories import BureauFactory, TaskFactory

pytestmark = pytest.mark.usefixtures("seed")

ON = datetime.date(2017, 9, 30)


@pytest.fixture
def kept(settings):
    """Figures kept between requests, as in production (tests turn the page cache off)."""
    settings.JIYUAN_PAGE_CACHE_SECONDS = 3600


def changed():
    """The data version moving, as it does when a change commits."""
    data_version._bump()


@pytest.mark.usefixtures("kept")
def test_the_figures_are_counted_once_per_data_version_and_day(django_assert_num_queries):
    assert refresh_standing(ON) is True
    with django_assert_num_queries(2):  # the version, and whether its figures are there
        assert refresh_standing(ON) is False
    changed()
    assert refresh_standing(ON) is True
    assert refresh_standing(ON + datetime.timedelta(days=1)) is True
    assert BureauStanding.objects.count() == Bureau.objects.count()


@pytest.mark.usefixtures("kept")
def test_a_bureau_whose_tasks_are_gone_reads_zero_after_the_next_change():
    bureau = BureauFactory()
    TaskFactory(bureaus=[bureau])
    assert bureau_league(ON).get(pk=bureau.pk).lead_count == 1

    TaskBureau.objects.filter(bureau=bureau).delete()
    assert bureau_league(ON).get(pk=bureau.pk).lead_count == 1  # kept until the change commits
    changed()

    assert bureau_league(ON).get(pk=bureau.pk).lead_count == 0


@pytest.mark.usefixtures("kept")
def test_a_bureau_added_since_the_figures_were_counted_is_in_the_league():
    refresh_standing(ON)
    bureau = BureauFactory()
    changed()

    row = bureau_league(ON).get(pk=bureau.pk)

    assert (row.lead_count, row.overdue_count, row.on_time_rate) == (0, 0, None)


def test_without_the_page_cache_the_figures_are_counted_every_time():
    assert refresh_standing(ON) is True
    assert refresh_standing(ON) is True
