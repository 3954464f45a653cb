"""Service cases written before the encryption migration are readable after it and
encrypted in the database; taken back, nothing is lost."""

import pytest
from django.db import connection

from assistance import services
from assistance.models import ServiceCase
from assistance.tests.factories import CODES
from core import personal_data
from core.testing.migrations import migrate
from core.testing.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("assistance", "0001_initial")]
AFTER = [("assistance", "0002_personal_data_encrypted")]


@pytest.fixture
def before_encryption():
    """The database as assistance/0001 left it, with plain-text contacts; put back after."""
    world = build_world()
    station = world.unit("芙蓉街道")
    with_contact, _c = services.case_request(
        name="长沙芙蓉精密仪器有限公司",
        code=CODES[0],
        region=station,
        contact_name="placeholder",
        contact_phone="placeholder",
        needs="计量器具检定",
        consent=True,
    )
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("assistance", "ServiceCase")
    old.objects.filter(pk=with_contact.pk).update(contact_name="周敏", contact_phone="13800000000")
    without = old.objects.create(
        entity_id=with_contact.entity_id,
        unit_id=station.pk,
        source="visit",
        status="open",
        contact_name="",
        contact_phone="",
    )
    try:
        yield with_contact.pk, without.pk
    finally:
        migrate(executor.loader.graph.leaf_nodes())


def raw_rows() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT contact_name, contact_phone FROM {ServiceCase._meta.db_table} ORDER BY id"
        )
        return cursor.fetchall()


def test_rows_written_before_the_migration_are_readable_and_encrypted_after_it(
    before_encryption,
):
    with_contact, without = before_encryption
    migrate(AFTER)

    case = ServiceCase.objects.get(pk=with_contact)
    assert (case.contact_name, case.contact_phone) == ("周敏", "13800000000")
    assert ServiceCase.objects.get(pk=without).contact_name == ""
    (name, phone), empty = raw_rows()
    assert name.startswith(personal_data.PREFIX) and phone.startswith(personal_data.PREFIX)
    assert empty == ("", "")


def test_running_the_migration_again_or_backwards_loses_nothing(before_encryption):
    executor = migrate(AFTER)
    encrypted = raw_rows()
    migration = executor.loader.get_migration("assistance", "0002_personal_data_encrypted")
    run_python = next(op for op in migration.operations if hasattr(op, "code"))
    with connection.schema_editor() as schema_editor:
        run_python.code(executor.loader.project_state(AFTER).apps, schema_editor)
    assert raw_rows() == encrypted  # already encrypted rows are left alone

    migrate(BEFORE)
    assert raw_rows() == [("周敏", "13800000000"), ("", "")]
