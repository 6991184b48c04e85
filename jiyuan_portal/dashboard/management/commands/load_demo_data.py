from django.core.management.base import BaseCommand, CommandError

from jiyuan_portal.dashboard import demo_data


class Command(BaseCommand):
    help = (
        "Load the demo data set (演示数据, fixtures/demo/demo.yaml): reports, registry "
        "records, the 2017 town table, late items with their explanations and escalation "
        "steps, as of 2017-09-30. Loaded once: a second run changes nothing. Never on a "
        "server people use."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=demo_data.DEMO_FILE, help="the demo file")

    def handle(self, *args, file, **options):
        try:
            result = demo_data.load(file, stdout=self.stdout)
        except demo_data.DemoDataError as error:
            raise CommandError(str(error)) from error
        if result is None:
            self.stdout.write("Demo data already loaded: nothing to do.")
        else:
            self.stdout.write(self.style.SUCCESS(str(result)))
