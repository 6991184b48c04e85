from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jiyuan_portal.tracking.drafting.draft import draft_notice, loadable_notice, loadable_plan
from jiyuan_portal.tracking.drafting.fixture import dump


class Command(BaseCommand):
    help = (
        "Draft a notice and its plans from its text (.txt, UTF-8) in the fixtures' YAML "
        "format: the notice first (as notice.yaml), then one document per plan, to check, "
        "edit and load with `load_plans --draft`."
    )

    def add_arguments(self, parser):
        parser.add_argument("notice", help="the notice's text, a UTF-8 .txt file")
        parser.add_argument("--out", required=True, help="the YAML file to write")
        parser.add_argument(
            "--code",
            default="",
            help="plan codes: CODE-1, CODE-2 … (default: the notice's figures)",
        )

    def handle(self, *args, notice, out, code, **options):
        try:
            text = Path(notice).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{notice}: {error}") from error
        draft = draft_notice(text, code)
        if not draft["plans"]:
            raise CommandError(f"{notice}: no plan found (a line ending in 方案 as its title)")
        documents = [
            loadable_notice(draft["notice"]),
            *(loadable_plan(plan) for plan in draft["plans"]),
        ]
        with open(out, "w", encoding="utf-8") as handle:
            dump(documents, handle)
        tasks = sum(len(plan["tasks"]) for plan in draft["plans"])
        self.stdout.write(
            self.style.SUCCESS(f"{len(draft['plans'])} plans, {tasks} tasks drafted into {out}.")
        )
