"""Recount every tally kept on write from the rows it counts (core.tallies), and report the
differences: after a bulk load, a restore, or to check that the counts stay right."""

from django.core.management.base import BaseCommand, CommandError

from core import tallies

SHOWN = 50
# Operators read these in the same language as the other commands' output.
ALL_RIGHT = "{name}：计数全部正确"
DIFFER = "{name}：{n} 项计数与原始记录不符"
FIXED = "{name}：已修正 {n} 项计数"
MORE = "  ……另有 {n} 项"
CHECK_FAILED = "{n} 项计数与原始记录不符；运行 `manage.py recount` 修正"


class Command(BaseCommand):
    help = "按原始记录重新计算各项计数，报告并修正差异（--check 只检查，不修正）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="只列出差异（有差异时以状态 1 退出），不修正。",
        )

    def handle(self, *args, check: bool = False, **options) -> None:
        found = 0
        for name, rebuild in tallies.registered().items():
            differences = rebuild(not check)
            found += len(differences)
            if not differences:
                self.stdout.write(ALL_RIGHT.format(name=name))
                continue
            message = DIFFER if check else FIXED
            self.stdout.write(message.format(name=name, n=len(differences)))
            # After a bulk load every counter is new: the first lines say enough.
            for line in differences[:SHOWN]:
                self.stdout.write(f"  {line}")
            if len(differences) > SHOWN:
                self.stdout.write(MORE.format(n=len(differences) - SHOWN))
        if check and found:
            raise CommandError(CHECK_FAILED.format(n=found))
