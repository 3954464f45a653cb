"""Visitors' names and phones are stored encrypted (SM4-GCM) with an HMAC-SM3 digest of the
phone beside them; nothing readable lands in the database or the audit trail."""

import base64
import datetime
import os
import subprocess
import sys

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import FieldError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from public import personal_data, services
from public.models import Registration, Vote
from public.tests.factories import public_activity


@pytest.fixture
def activity(world):
    return public_activity(actor=world.users["editor"], unit=world.unit("芙蓉区"), capacity=5)


def register(client, activity, name="张小明", phone="13812341234"):
    return client.post(
        reverse("public:activity_detail", args=[activity.pk]),
        {"name": name, "phone": phone, "consent": "on"},
    )


def stored_row(registration) -> tuple[str, str, str]:
    table = connection.ops.quote_name(Registration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name, phone, phone_hash FROM {table} WHERE id = %s", [registration.pk]
        )
        return cursor.fetchone()


def test_a_registration_from_the_page_is_stored_encrypted_and_read_back_in_full(client, activity):
    assert register(client, activity).status_code == 302
    registration = Registration.objects.get()
    name, phone, phone_hash = stored_row(registration)

    assert name.startswith(personal_data.PREFIX) and phone.startswith(personal_data.PREFIX)
    assert "张小明" not in name and "13812341234" not in phone and "1234" not in phone_hash
    assert phone_hash == personal_data.registration_phone_digest(
        activity.public_event.pk, "13812341234"
    )
    assert (registration.name, registration.phone) == ("张小明", "13812341234")


def test_the_same_number_encrypts_differently_each_time(world, activity):
    other = public_activity(actor=world.users["editor"], unit=world.unit("芙蓉区"), capacity=5)
    first = services.registration_create(
        event=activity.public_event, name="张三", phone="13800000001"
    )
    second = services.registration_create(
        event=other.public_event, name="张三", phone="13800000001"
    )
    assert stored_row(first)[1] != stored_row(second)[1]
    # Digests are per event too: two registrations of one visitor are not linked by them.
    assert stored_row(first)[2] != stored_row(second)[2]


def test_a_ciphertext_does_not_open_in_another_column_or_under_another_key(settings):
    stored = personal_data.encrypt("13812341234", purpose="public.registration.phone")
    with pytest.raises(personal_data.DecryptionError):
        personal_data.decrypt(stored, purpose="public.registration.name")
    settings.QM_PERSONAL_DATA_KEY = "another-key-of-another-deployment-0123456789"
    with pytest.raises(personal_data.DecryptionError):
        personal_data.decrypt(stored, purpose="public.registration.phone")


def test_a_tampered_ciphertext_is_refused():
    stored = personal_data.encrypt("张三", purpose="public.registration.name")
    raw = bytearray(base64.urlsafe_b64decode(stored.removeprefix(personal_data.PREFIX)))
    raw[personal_data.NONCE_BYTES] ^= 0x01  # one bit of the ciphertext
    flipped = personal_data.PREFIX + base64.urlsafe_b64encode(bytes(raw)).decode()
    with pytest.raises(personal_data.DecryptionError):
        personal_data.decrypt(flipped, purpose="public.registration.name")


def test_comparing_the_encrypted_phone_is_refused_instead_of_silently_matching_nothing(activity):
    with pytest.raises(FieldError):
        list(Registration.objects.filter(phone="13812341234"))


def test_the_same_phone_is_refused_a_second_registration_by_its_digest(client, activity):
    register(client, activity)
    response = register(client, activity, name="张大明", phone="138 1234 1234")
    assert response.status_code == 400
    assert Registration.objects.count() == 1
    assert Registration.objects.with_phone("13812341234").get().name == "张小明"


def test_the_audit_trail_of_a_registration_holds_no_name_or_phone(client, activity):
    register(client, activity)
    registration = Registration.objects.get()
    services.registration_cancel(code=registration.code)
    entries = LogEntry.objects.get_for_object(registration)
    assert entries.count() == 2
    for entry in entries:
        assert not {"name", "phone", "phone_hash", "code"} & set(entry.changes or {})
        assert "13812341234" not in str(entry.changes) and "张小明" not in str(entry.changes)


@pytest.fixture
def poll(world):
    return services.poll_create(
        actor=world.users["editor"],
        unit=world.unit("芙蓉区"),
        title="你点我检",
        closes_at=timezone.now() + datetime.timedelta(days=7),
        options=["儿童玩具", "电动自行车"],
    )


def test_a_vote_keeps_only_the_hmac_sm3_digest_of_the_phone(poll):
    services.vote_cast(poll=poll, option_id=poll.options.first().pk, phone="13800000001")
    assert Vote.objects.get().phone_hash == personal_data.vote_phone_digest(poll.pk, "13800000001")


def test_a_vote_cast_before_the_upgrade_still_refuses_a_second_vote(poll):
    option = poll.options.first()
    Vote.objects.create(
        poll=poll,
        option=option,
        phone_hash=personal_data.legacy_vote_digest(poll.pk, "13800000001"),
    )
    with pytest.raises(services.AlreadyVotedError):
        services.vote_cast(poll=poll, option_id=option.pk, phone="13800000001")
    assert poll.votes.count() == 1


def start_django(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("QM_")}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "qualitymonth.settings", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_production_start_without_the_personal_data_key_fails():
    missing = start_django(QM_SECRET_KEY="x" * 50)
    assert missing.returncode != 0 and "QM_PERSONAL_DATA_KEY is required" in missing.stderr
    short = start_django(QM_SECRET_KEY="x" * 50, QM_PERSONAL_DATA_KEY="too-short")
    assert short.returncode != 0 and "at least 32 characters" in short.stderr
    assert start_django(QM_SECRET_KEY="x" * 50, QM_PERSONAL_DATA_KEY="k" * 32).returncode == 0
    assert start_django(QM_DEBUG="1").returncode == 0  # debug derives one from the secret key


def test_the_system_check_finds_sm4_gcm_and_sm3_in_this_build():
    assert personal_data.check_sm4_gcm() == []
