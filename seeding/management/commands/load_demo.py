from django.core.management.base import BaseCommand

from core.progress import ProgressBar
from seeding.demo import USERS, demo_load, demo_password


class Command(BaseCommand):
    help = "载入演示数据（全国行政区划、质量月活动、演示账号），可重复执行。"

    def handle(self, *args, **options):
        demo_load(progress=ProgressBar("载入行政区划"))
        password = demo_password()
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪。演示账号（密码均为 {password}）："))
        self.stdout.write("  admin（平台超级管理员）")
        for username, label, *_ in USERS:
            self.stdout.write(f"  {username}（{label}）")
