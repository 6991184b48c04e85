"""A milestone always belongs to a plan (set from its task by 0015); kept apart from 0015
so that PostgreSQL does not alter the table with that migration's updates pending."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0015_milestone_plan"),
    ]

    operations = [
        migrations.AlterField(
            model_name='milestone',
            name='plan',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.CASCADE, related_name='milestones', to='tracking.plan', verbose_name='plan'),
        ),
    ]
