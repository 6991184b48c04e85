from django.db import migrations


def create_the_row(apps, schema_editor):
    """The one row the data version lives in, so that no two processes race to create it."""
    apps.get_model("tracking", "DataVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("tracking", "0004_indexes_for_lists")]

    operations = [migrations.RunPython(create_the_row, migrations.RunPython.noop)]
