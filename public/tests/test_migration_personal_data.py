"""Registrations written before the encryption migration are readable after it, encrypted in
the database, refused a second booking by their digest; and the history auditlog kept of them
loses the half-masked names and phones."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from core.testing.migrations import migrate
from core.testing.world import build_world
from public import personal_data, services
from public.models import Registration
from public.tests.factories import public_activity

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("public", "0001_initial")]
AFTER = [("public", "0002_personal_data_encrypted")]


@pytest.fixture
def before_encryption():
    """The database as 0001 left it, with two plain-text registrations; put back after."""
    world = build_world()
    event = public_activity(
        actor=world.users["editor"], unit=world.unit("芙蓉区"), capacity=5
    ).public_event
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("public", "Registration")
    old.objects.create(
        event_id=event.pk, name="张小明", phone="13812341234", code="OLDCODE2", status="confirmed"
    )
    old.objects.create(
        event_id=event.pk, name="李四", phone="13800000002", code="OLDCODE3", status="cancelled"
    )
    content_type = ContentType.objects.get_for_model(Registration)
    LogEntry.objects.create(
        content_type=content_type,
        object_pk="1",
        object_repr="OLDCODE2",
        action=LogEntry.Action.CREATE,
        changes={
            "name": ["None", "***小明"],
            "phone": ["None", "*****341234"],
            "status": ["None", "confirmed"],
        },
    )
    try:
        yield event
    finally:
        migrate(executor.loader.graph.leaf_nodes())


def raw_rows(columns: str = "code, name, phone, phone_hash"):
    table = connection.ops.quote_name(Registration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} ORDER BY code")
        return cursor.fetchall()


def test_rows_written_before_the_migration_are_readable_after_it(before_encryption):
    event = before_encryption
    migrate(AFTER)

    first, second = Registration.objects.order_by("code")
    assert (first.name, first.phone, second.name, second.phone) == (
        "张小明",
        "13812341234",
        "李四",
        "13800000002",
    )
    for _code, name, phone, phone_hash in raw_rows():
        assert name.startswith(personal_data.PREFIX) and phone.startswith(personal_data.PREFIX)
        assert len(phone_hash) == 64
    assert first.phone_hash == personal_data.registration_phone_digest(event.pk, "13812341234")

    with pytest.raises(services.DoubleBookingError):
        services.registration_create(event=event, name="张小明", phone="13812341234")
    # The cancelled one may book again.
    services.registration_create(event=event, name="李四", phone="13800000002")

    entry = LogEntry.objects.get(object_repr="OLDCODE2")
    assert entry.changes == {"status": ["None", "confirmed"]}


def test_running_the_migration_again_or_backwards_loses_nothing(before_encryption):
    executor = migrate(AFTER)
    encrypted = raw_rows()
    migration = executor.loader.get_migration("public", "0002_personal_data_encrypted")
    run_python = next(op for op in migration.operations if hasattr(op, "code"))
    state_apps = executor.loader.project_state(AFTER).apps
    with connection.schema_editor() as schema_editor:
        run_python.code(state_apps, schema_editor)
    assert raw_rows() == encrypted  # already encrypted rows are left alone

    migrate(BEFORE)
    assert raw_rows("code, name, phone") == [
        ("OLDCODE2", "张小明", "13812341234"),
        ("OLDCODE3", "李四", "13800000002"),
    ]
