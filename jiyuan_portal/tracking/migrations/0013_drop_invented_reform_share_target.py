"""``enterprises-reformed-share-2020`` (100%) was read into "全部规模以上工业企业普遍完成新一轮
技术改造", which gives no number; the plan file now has it as a milestone due 2020. The
loader never deletes what a file no longer lists, so the invented target goes here, unless
someone has already reported on it (then an admin decides)."""

from django.db import migrations


def drop_target(apps, schema_editor):
    Target = apps.get_model("tracking", "Target")
    TargetReport = apps.get_model("reporting", "TargetReport")
    invented = Target.objects.filter(plan__code="techreform", code="enterprises-reformed-share-2020")
    if not TargetReport.objects.filter(target__in=invented).exists():
        invented.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0012_target_due_on_and_hand_reported_reason"),
        ("reporting", "0001_initial"),
    ]

    operations = [migrations.RunPython(drop_target, migrations.RunPython.noop)]
