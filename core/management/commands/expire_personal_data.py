from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from core.personal_data import expire_all


class Command(BaseCommand):
    help = _(
        "删除保存期限（QM_PERSONAL_DATA_RETENTION_DAYS）已过的个人信息：公众报名者的姓名和"
        "手机号码、投票的手机号摘要，质量奖申报联系人和异议人的信息，已办结帮扶案例的联系人；"
        "人数、票数和业务记录保留。每日运行，可重复运行。"
    )

    def handle(self, *args, **options) -> None:
        for line in expire_all():
            self.stdout.write(line)
