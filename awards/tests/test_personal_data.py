"""Applicants' contact persons and e-mail addresses, and objectors' names and contacts, are
encrypted in the database, readable on the unit's pages, out of the audit trail, and erased
once the retention period after the final list has passed."""

import datetime
import io
import json

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from awards import services
from awards.models import Application, EmailVerification, Objection
from awards.tests.factories import CODES, apply, hunan_admin, open_round
from core import personal_data
from notifications.testing import run_task_worker

pytestmark = pytest.mark.django_db

RETENTION = 180
ANONYMISED = "（个人信息已按期删除）"


@pytest.fixture(autouse=True)
def _retention(settings):
    settings.QM_PERSONAL_DATA_RETENTION_DAYS = RETENTION


@pytest.fixture
def admin(world):
    return hunan_admin(world)


def raw(model, *columns: str) -> list[tuple]:
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {names} FROM {table} ORDER BY id")
        return cursor.fetchall()


def in_publicity(world, admin, capture, *, name: str = "第八届湖南省省长质量奖", code=CODES[0]):
    """A round in its 公示 with one shortlisted applicant and one objection to it."""
    award = open_round(world, admin, name=name)
    application = apply(award, capture, code=code)
    application = services.application_screen(actor=admin, application=application, accept=True)
    services.shortlist_set(actor=admin, award=award, applications=[application])
    services.shortlist_publish(actor=admin, award=award)
    application.refresh_from_db()
    services.objection_file(
        application=application, name="张三", contact="13812341234", text="存在质量投诉"
    )
    award.refresh_from_db()
    return award, application


def finalised(world, admin, capture, *, days_ago: int, **kwargs):
    award, application = in_publicity(world, admin, capture, **kwargs)
    services.round_finalise(
        actor=admin,
        award=award,
        applications=[application],
        today=award.publicity_ends + datetime.timedelta(days=1),
    )
    award.finalised_at = timezone.now() - datetime.timedelta(days=days_ago)
    award.save(update_fields=["finalised_at"])
    return award, application


def test_contacts_are_encrypted_in_the_database_and_shown_to_the_unit(
    world, admin, client_for, django_capture_on_commit_callbacks
):
    award, application = in_publicity(world, admin, django_capture_on_commit_callbacks)
    email = f"{CODES[0][-4:].lower()}@corp.example"

    stored = [
        *raw(Application, "contact_name", "email")[0],
        *raw(Objection, "name", "contact")[0],
        *raw(EmailVerification, "email")[0],
    ]
    assert all(value.startswith(personal_data.PREFIX) for value in stored)
    assert not {"李明", email, "张三", "13812341234"} & set(stored)
    assert not any(email in value or "1381234" in value for value in stored)

    client = client_for(admin)
    detail = client.get(reverse("awards:application_detail", args=[application.pk]))
    assert "李明" in detail.content.decode() and email in detail.content.decode()
    page = client.get(reverse("awards:round_detail", args=[award.pk])).content.decode()
    assert "张三 (13812341234)" in page and "存在质量投诉" in page


def test_the_audit_trail_keeps_no_contact_person_address_or_objector(
    world, admin, django_capture_on_commit_callbacks
):
    _award, application = in_publicity(world, admin, django_capture_on_commit_callbacks)
    objection = application.objections.get()
    entries = [
        *LogEntry.objects.get_for_object(application),
        *LogEntry.objects.get_for_object(objection),
    ]
    assert len(entries) == 4  # applied, accepted, shortlisted; the objection filed
    for entry in entries:
        assert not {"contact_name", "email", "name", "contact"} & entry.changes_dict.keys()
    assert LogEntry.objects.get_for_object(objection).get().changes_dict["text"][1] == (
        "存在质量投诉"
    )


def expire() -> str:
    out = io.StringIO()
    call_command("expire_personal_data", stdout=out)
    return out.getvalue()


def test_past_retention_after_the_final_list_contacts_are_erased_and_the_rest_is_kept(
    world, admin, client_for, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    old, old_application = finalised(world, admin, capture, days_ago=RETENTION + 1)
    recent, recent_application = finalised(
        world, admin, capture, days_ago=RETENTION - 1, name="第九届", code=CODES[1]
    )
    running, running_application = in_publicity(world, admin, capture, name="第十届", code=CODES[2])

    output = expire()

    assert (
        _(services.MSG_EXPIRED)
        % {
            "rounds": 1,
            "applications": 1,
            "objections": 1,
            "verifications": 0,
        }
        in output
    )
    old_application.refresh_from_db()
    assert (old_application.contact_name, old_application.email) == ("", "")
    assert old_application.awarded and old_application.files.count() == 1
    objection = old_application.objections.get()
    assert (objection.name, objection.contact, objection.text) == ("", "", "存在质量投诉")
    assert raw(Application, "contact_name", "email")[0] == ("", "")
    for kept in (recent_application, running_application):
        kept.refresh_from_db()
        assert kept.contact_name == "李明" and kept.anonymised_at is None
        assert kept.objections.get().name == "张三"

    client = client_for(admin)
    detail = client.get(reverse("awards:application_detail", args=[old_application.pk]))
    assert ANONYMISED in detail.content.decode()
    page = client.get(reverse("awards:round_detail", args=[old.pk])).content.decode()
    assert ANONYMISED in page and "存在质量投诉" in page
    assert (
        LogEntry.objects.get_for_object(old)
        .filter(additional_data__personal_data="anonymised")
        .exists()
    )

    # Running it again changes nothing.
    erased_at = Application.objects.get(pk=old_application.pk).anonymised_at
    assert "已删除 0 个质量奖评选" in expire()
    assert Application.objects.get(pk=old_application.pk).anonymised_at == erased_at


def test_email_verifications_are_deleted_a_day_after_they_expired(
    world, admin, django_capture_on_commit_callbacks
):
    award = open_round(world, admin)
    with django_capture_on_commit_callbacks(execute=False):
        stale, _token = services.verification_send(award=award, email="old@corp.example")
        fresh, _token = services.verification_send(award=award, email="new@corp.example")
    EmailVerification.objects.filter(pk=stale.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    result = services.personal_data_expire()
    assert result.verifications == 1
    assert list(EmailVerification.objects.values_list("email", flat=True)) == ["new@corp.example"]


@pytest.mark.django_db(transaction=True)
def test_the_mail_queue_holds_no_address_and_the_worker_mails_the_applicant(
    world, django_capture_on_commit_callbacks
):
    admin = hunan_admin(world)
    award = open_round(world, admin)
    apply(award, django_capture_on_commit_callbacks)
    email = f"{CODES[0][-4:].lower()}@corp.example"
    queued = list(
        DBTaskResult.objects.filter(task_path__endswith="send_applicant_email").values_list(
            "args_kwargs", flat=True
        )
    )
    assert len(queued) == 2  # the code, then the link
    assert all(email not in json.dumps(args) for args in queued)

    run_task_worker()

    assert [m.to for m in mail.outbox] == [[email], [email]]
    assert "验证码" in mail.outbox[0].body
