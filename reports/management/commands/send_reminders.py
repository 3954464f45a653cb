from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from reports import services
from reports.tasks import send_due_reminders


class Command(BaseCommand):
    help = _("发送报送提醒（截止前 N 天与截止当日），可重复运行，同一提醒只发一次。")

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--now",
            action="store_true",
            help=_("立即在本进程发送，而不是交给后台任务队列（db_worker）。"),
        )

    def handle(self, *args, now: bool = False, **options) -> None:
        if now:
            sent = services.reminders_send_due()
            self.stdout.write(_("已发送 %(n)s 条提醒。") % {"n": sent})
        else:
            result = send_due_reminders.enqueue()
            self.stdout.write(_("已加入任务队列：%(id)s") % {"id": result.id})
