"""Target report titles written before dates were formatted the site's way (2017-06-30)
are rewritten as the site writes dates (2017年6月30日), in the default language."""

from django.conf import settings
from django.db import migrations
from django.utils import translation
from django.utils.formats import date_format


def retitle(apps, schema_editor):
    TargetReport = apps.get_model("reporting", "TargetReport")
    with translation.override(settings.LANGUAGE_CODE):
        for report in TargetReport.objects.select_related("target").iterator():
            title = f"{report.target.indicator} {date_format(report.as_of)}"[:255]
            if report.title != title:
                TargetReport.objects.filter(pk=report.pk).update(title=title)


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_milestonereport_progress_outcome"),
    ]

    operations = [migrations.RunPython(retitle, migrations.RunPython.noop)]
