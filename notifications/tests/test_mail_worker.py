"""E-mail goes out through the task worker, never in the clerk's request: a slow or failing
mail server neither stalls the page nor turns a saved bulletin into an error page."""

import socket
from collections.abc import Iterator

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from core.testing.world import make_user
from notifications.models import Notification
from notifications.testing import run_task_worker
from orgs.scoping import Role
from reports.models import Bulletin

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "启动仪式现场发生踩踏隐患"


@pytest.fixture
def closed_smtp_port() -> Iterator[int]:
    """A loopback port bound but not listening: every connection to it is refused, and no other
    process can take it while the test runs."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


@pytest.fixture
def superior(world):
    return make_user("hunan_viewer", world.unit("湖南省"), Role.VIEWER, email="hunan@example.cn")


def send_bulletin(world, client_for):
    return client_for(world.users["editor"]).post(
        reverse("reports:bulletin_new"),
        {"unit": world.unit("长沙市").pk, "kind": "urgent", "title": TITLE, "body": "已及时疏散。"},
    )


def test_a_bulletin_is_saved_and_shown_even_when_the_mail_server_refuses(
    world, client_for, superior, settings, closed_smtp_port, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_smtp_port
    settings.EMAIL_TIMEOUT = 5
    response = send_bulletin(world, client_for)
    assert response.status_code == 302
    assert Bulletin.objects.filter(title=TITLE).exists()
    inbox = client_for(superior).get(reverse("notifications:inbox")).content.decode()
    assert TITLE in inbox

    run_task_worker()
    failed = DBTaskResult.objects.get(task_path="notifications.tasks.send_notification_email")
    assert failed.status == "FAILED"
    assert "ConnectionRefusedError" in failed.exception_class_path
    assert f"Notification e-mail to user id={superior.pk} failed" in caplog.text


def test_the_email_goes_out_when_the_worker_runs_not_in_the_request(world, client_for, superior):
    assert send_bulletin(world, client_for).status_code == 302
    assert mail.outbox == []
    run_task_worker()
    note = Notification.objects.get(unit=world.unit("湖南省"))
    assert [m.to for m in mail.outbox] == [["hunan@example.cn"]]
    assert mail.outbox[0].subject.endswith(note.title)
    assert "已及时疏散。" in mail.outbox[0].body


def test_the_worker_mails_the_address_the_user_has_when_it_runs(world, client_for, superior):
    send_bulletin(world, client_for)
    superior.email = "hunan-new@example.cn"
    superior.save()
    run_task_worker()
    assert [m.to for m in mail.outbox] == [["hunan-new@example.cn"]]
