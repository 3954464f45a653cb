"""After QM_PERSONAL_DATA_KEY is changed (the former key moved to QM_PERSONAL_DATA_OLD_KEYS):
re-encrypt every personal value under the new key and recompute the digests that can be, so
that the former key can then be dropped."""

from django.core.management.base import BaseCommand, CommandError

from core.personal_data import rotate

STALE = "{what}：{n} 项仍在旧密钥下"
MOVED = "{what}：{n} 项已改用当前密钥"
UNREADABLE = "{what}：{n} 项任何已配置的密钥都无法解密（保持原样）"
ALL_CURRENT = "全部个人信息均已使用当前密钥。"
CHECK_FAILED = "{n} 项个人信息仍在旧密钥下；运行 `manage.py rotate_personal_data_key` 改用当前密钥"


class Command(BaseCommand):
    help = (
        "更换个人信息密钥后运行：把仍用旧密钥（QM_PERSONAL_DATA_OLD_KEYS）加密的个人信息改用"
        "当前密钥（QM_PERSONAL_DATA_KEY）加密，并重新计算可重算的手机号摘要；完成后即可移除旧密钥。"
        "--check 只检查，不修改。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="只列出仍在旧密钥下的数量，不修改。"
        )

    def handle(self, *args, check: bool = False, **options) -> None:
        stale_total = unreadable_total = 0
        for what, stale, unreadable in rotate(fix=not check):
            stale_total += stale
            unreadable_total += unreadable
            if stale:
                self.stdout.write((STALE if check else MOVED).format(what=what, n=stale))
            if unreadable:
                self.stdout.write(UNREADABLE.format(what=what, n=unreadable))
        if not stale_total and not unreadable_total:
            self.stdout.write(ALL_CURRENT)
        elif check:
            raise CommandError(CHECK_FAILED.format(n=stale_total))
