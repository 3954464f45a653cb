from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.progress import ProgressBar
from orgs.divisions import DATA_DIR, DivisionsFileError, read_divisions
from orgs.services import divisions_load


class Command(BaseCommand):
    help = "载入全国省、地、县三级行政区划（GB/T 2260），可重复执行。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DATA_DIR,
            help="含 provinces.csv、cities.csv、areas.csv 的目录（默认为随项目提供的数据）",
        )

    def handle(self, *args, data_dir: Path, **options):
        try:
            divisions = read_divisions(data_dir)
        except DivisionsFileError as exc:
            raise CommandError(f"区划数据有误，未做任何更改：{exc}") from exc
        counts = divisions_load(divisions, progress=ProgressBar("载入行政区划"))
        self.stdout.write(
            self.style.SUCCESS(
                f"行政区划：新增 {counts['created']}，更名 {counts['renamed']}，"
                f"未变 {counts['unchanged']}。"
            )
        )
