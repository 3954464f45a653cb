"""Delete temporary uploads left by processes that are gone (core.uploads.sweep)."""

from django.core.management.base import BaseCommand

from core.uploads import sweep, temp_dir


class Command(BaseCommand):
    help = "删除已终止进程遗留的上传临时文件。"

    def handle(self, *args, **options) -> None:
        removed = sweep()
        self.stdout.write(f"{removed} temporary upload(s) removed from {temp_dir()}")
