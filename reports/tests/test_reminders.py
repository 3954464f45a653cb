import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from notifications.models import Notification
from notifications.testing import run_task_worker
from reports import services
from reports.models import SentReminder
from reports.services.messages import MSG_REMIND_TITLE
from reports.tasks import send_due_reminders
from reports.tests import factories


def _due_in(reporting, days: int) -> None:
    due = timezone.localdate() + datetime.timedelta(days=days)
    factories.due_date_set(reporting.city_req, due=due)
    factories.due_date_set(reporting.province_req, due=due + datetime.timedelta(days=30))


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_reminder_task_and_mails_the_units_that_have_not_reported(reporting):
    _due_in(reporting, 3)
    factories.fill_and_submit(
        actor=reporting.tianxin_editor,
        expected=factories.expected(reporting.city_req, reporting.unit("天心区")),
    )
    mail.outbox.clear()
    result = send_due_reminders.enqueue()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    result.refresh()
    assert result.return_value == 1
    assert [m.to for m in mail.outbox] == [["furong@example.cn"]]
    due = timezone.localdate() + datetime.timedelta(days=3)
    title = {"t": reporting.city_req.notice.title, "d": f"{due.year}年{due.month}月{due.day}日"}
    assert mail.outbox[0].subject.endswith(MSG_REMIND_TITLE % title)
    assert (
        Notification.objects.filter(unit=reporting.unit("芙蓉区"), kind="reminder_before").count()
        == 1
    )


def test_automatic_reminders_are_sent_once_however_often_the_task_runs(reporting):
    _due_in(reporting, 2)
    assert services.reminders_send_due() == 2
    assert services.reminders_send_due() == 0
    mail.outbox.clear()
    # On the due date the second (and last) automatic reminder goes out, once.
    assert services.reminders_send_due(today=timezone.localdate() + datetime.timedelta(days=2)) == 2
    assert services.reminders_send_due(today=timezone.localdate() + datetime.timedelta(days=2)) == 0
    assert sorted(SentReminder.objects.values_list("kind", flat=True)) == [
        "before",
        "before",
        "due",
        "due",
    ]


def test_no_reminder_before_the_window(reporting):
    _due_in(reporting, 4)
    assert services.reminders_send_due() == 0
    assert mail.outbox == []


def test_the_send_reminders_command_can_run_at_once(reporting, capsys):
    _due_in(reporting, 0)
    call_command("send_reminders", "--now")
    assert "已发送 2 条提醒" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_one_click_manual_reminder_at_most_once_a_day(reporting):
    sent = services.reminders_send_manual(
        actor=reporting.city_editor, requirement=reporting.city_req
    )
    assert sent == 2
    assert (
        services.reminders_send_manual(actor=reporting.city_editor, requirement=reporting.city_req)
        == 0
    )
    run_task_worker()
    assert sorted(m.to[0] for m in mail.outbox) == ["furong@example.cn", "tianxin@example.cn"]
