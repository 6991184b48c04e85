"""``setup_portal`` without ``--demo`` loads no demo data, and no page shows the banner."""

from io import StringIO

from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from jiyuan_portal.alerts.models import Alert
from jiyuan_portal.dashboard import demo_data
from jiyuan_portal.reporting.models import Report


def test_setup_portal_without_demo_loads_no_reports_and_no_late_items(db):
    call_command("setup_portal", stdout=StringIO())

    assert not Report.objects.exists()
    assert not Alert.objects.exists()
    assert not demo_data.is_loaded()


def test_no_banner_without_demo_data_or_a_set_day(client, seed, settings):
    settings.JIYUAN_AS_OF = None
    cache.delete(demo_data.LOADED_CACHE_KEY)
    try:
        page = client.get(reverse("login")).content.decode()
    finally:
        cache.set(demo_data.LOADED_CACHE_KEY, False, None)

    assert "demo-banner" not in page


def test_setup_portal_without_plans_loads_the_bureaus_and_towns_alone(db):
    """A portal for a later notice: its plans are drafted from the text (方案草拟)."""
    from jiyuan_portal.tracking.models import Bureau, Notice, Plan, Town

    Plan.objects.all().delete()
    Notice.objects.all().delete()

    call_command("setup_portal", "--without-plans", stdout=StringIO())

    assert Bureau.objects.filter(name="市发展和改革委员会").exists()
    assert Town.objects.filter(name="虎岭").exists()
    assert not Plan.objects.exists() and not Notice.objects.exists()
