"""Alerts were one row per milestone and bureau; they become one supervised item per
milestone (or target) and period, with its bureaus. The old rows are dropped, not
converted: the daily scan writes the new ones again from the milestones themselves."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("alerts", "0001_initial")]

    operations = [migrations.DeleteModel(name="Alert")]
