from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from public import services


class Command(BaseCommand):
    help = _(
        "删除保存期限（QM_PERSONAL_DATA_RETENTION_DAYS）已过的公众个人信息：报名者的姓名和"
        "手机号码、投票的手机号摘要；人数和票数保留。每日运行，可重复运行。"
    )

    def handle(self, *args, **options) -> None:
        result = services.personal_data_expire()
        self.stdout.write(
            _(
                "已删除 %(events)s 个活动中 %(registrations)s 条报名的姓名和手机号码，"
                "清除 %(votes)s 张投票的手机号摘要。"
            )
            % {
                "events": result.events,
                "registrations": result.registrations,
                "votes": result.votes,
            }
        )
