import time

from django.core.management.base import BaseCommand, CommandError

from core.progress import ProgressBar
from seeding.national import Sizes, generate


class Command(BaseCommand):
    help = "生成全国规模的测试数据（真实区划、约4万个市场监管所、各级方案、约100万项活动、各单位报送）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--activities", type=int, default=None, help="活动总数（默认 100 万 × 比例）"
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="规模比例：0.1 即约一成的县生成市场监管所、10 万项活动（默认 1）",
        )
        parser.add_argument("--no-stations", action="store_true", help="不生成市场监管所")
        parser.add_argument("--seed", type=int, default=2023, help="随机种子（相同种子数据相同）")

    def handle(self, *args, activities, scale: float, no_stations: bool, seed: int, **options):
        if not 0 < scale <= 1:
            raise CommandError("--scale 须在 0 到 1 之间。")
        if activities is None:
            activities = round(1_000_000 * scale)
        started = time.monotonic()
        try:
            counts = generate(
                Sizes(
                    activities=activities,
                    stations=not no_stations,
                    station_share=scale,
                    seed=seed,
                ),
                progress_for=lambda label: ProgressBar(label, self.stderr),
            )
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.monotonic() - started
        summary = "，".join(f"{k} {v:,}" for k, v in counts.items())
        self.stdout.write(self.style.SUCCESS(f"全国数据已生成：{summary}（用时 {elapsed:.0f} 秒）"))
