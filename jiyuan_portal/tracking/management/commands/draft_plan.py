from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jiyuan_portal.tracking.drafting.fixture import as_fixture, dump
from jiyuan_portal.tracking.drafting.structure import parse


class Command(BaseCommand):
    help = (
        "Draft the plans of a notice from its text (.txt, UTF-8) in the fixtures' YAML "
        "format: one document per plan, to check, edit and load with load_plans."
    )

    def add_arguments(self, parser):
        parser.add_argument("notice", help="the notice's text, a UTF-8 .txt file")
        parser.add_argument("--out", required=True, help="the YAML file to write")
        parser.add_argument("--code", default="draft", help="plan codes: CODE-1, CODE-2 …")

    def handle(self, *args, notice, out, code, **options):
        try:
            text = Path(notice).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{notice}: {error}") from error
        plans = parse(text)
        if not plans:
            raise CommandError(f"{notice}: no plan found (a line ending in 方案 as its title)")
        documents = [as_fixture(plan, f"{code}-{n}", n) for n, plan in enumerate(plans, 1)]
        with open(out, "w", encoding="utf-8") as handle:
            dump(documents, handle)
        tasks = sum(len(document["tasks"]) for document in documents)
        self.stdout.write(
            self.style.SUCCESS(f"{len(documents)} plans, {tasks} tasks drafted into {out}.")
        )
