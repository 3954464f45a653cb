import time

from django.core.management.base import BaseCommand, CommandError

from core.national import Sizes, generate
from core.progress import ProgressBar


class Command(BaseCommand):
    help = "生成全国规模的测试数据（真实区划、约4万个市场监管所、各级方案、约100万项活动、各单位报送）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--activities", type=int, default=1_000_000, help="活动总数（默认 100 万）"
        )
        parser.add_argument("--no-stations", action="store_true", help="不生成市场监管所")
        parser.add_argument("--seed", type=int, default=2023)

    def handle(self, *args, activities: int, no_stations: bool, seed: int, **options):
        started = time.monotonic()
        try:
            counts = generate(
                Sizes(activities=activities, stations=not no_stations, seed=seed),
                progress_for=lambda label: ProgressBar(label, self.stderr),
            )
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.monotonic() - started
        summary = "，".join(f"{k} {v:,}" for k, v in counts.items())
        self.stdout.write(self.style.SUCCESS(f"全国数据已生成：{summary}（用时 {elapsed:.0f} 秒）"))
