from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from inspections import services


class Command(BaseCommand):
    help = _("提醒临近公开期限仍未公开抽查结果的单位（每个计划只提醒一次），可重复运行。")

    def handle(self, *args, **options) -> None:
        sent = services.publication_warnings_send()
        self.stdout.write(_("已发送 %(n)s 条抽查结果公开提醒。") % {"n": sent})
