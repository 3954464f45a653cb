"""Recount every tally kept on write from the rows it counts (core.tallies), and report the
differences: after a bulk load, a restore, or to check that the counts stay right."""

from django.core.management.base import BaseCommand, CommandError

from core import tallies

SHOWN = 50


class Command(BaseCommand):
    help = "按原始记录重新计算各项计数，报告并修正差异（--check 只检查，不修正）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Report the differences and exit with status 1 if there are any; fix nothing.",
        )

    def handle(self, *args, check: bool = False, **options) -> None:
        found = 0
        for name, rebuild in tallies.registered().items():
            differences = rebuild(not check)
            found += len(differences)
            if not differences:
                self.stdout.write(f"{name}: all counts right")
                continue
            verb = "differ" if check else "fixed"
            self.stdout.write(f"{name}: {len(differences)} count(s) {verb}")
            # After a bulk load every counter is new: the first lines say enough.
            for line in differences[:SHOWN]:
                self.stdout.write(f"  {line}")
            if len(differences) > SHOWN:
                self.stdout.write(f"  … and {len(differences) - SHOWN} more")
        if check and found:
            raise CommandError(f"{found} count(s) differ from the rows; run `recount` to fix them")
