"""Applications, objections and e-mail verifications written before the encryption migration
are readable after it and encrypted in the database; the history auditlog kept of them loses
the contact persons, addresses and objectors' names; taken back, nothing is lost."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from awards.models import Application, EmailVerification, Objection
from awards.tests.factories import CODES, hunan_admin, open_round
from core import personal_data
from core.testing.migrations import migrate
from core.testing.world import build_world
from entities.services import entity_get_or_create_for_applicant

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("awards", "0001_initial")]
AFTER = [("awards", "0002_personal_data_encrypted")]


@pytest.fixture
def before_encryption():
    """The database as awards/0001 left it, with plain-text contacts; put back after."""
    world = build_world()
    award = open_round(world, hunan_admin(world))
    entity = entity_get_or_create_for_applicant(
        name="长沙某某电气有限公司", code=CODES[0], region=award.unit
    )
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    application = old.get_model("awards", "Application").objects.create(
        round_id=award.pk,
        entity_id=entity.pk,
        contact_name="李明",
        email="liming@corp.example",
        link_hash="x" * 64,
        shortlisted=True,
    )
    old.get_model("awards", "Objection").objects.create(
        application_id=application.pk, name="张三", contact="13812341234", text="存在质量投诉"
    )
    old.get_model("awards", "EmailVerification").objects.create(
        round_id=award.pk,
        email="liming@corp.example",
        code_hash="c" * 64,
        token="t" * 64,
        expires_at=timezone.now() + datetime.timedelta(minutes=15),
    )
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Application),
        object_pk=str(application.pk),
        object_id=application.pk,
        object_repr="长沙某某电气有限公司",
        action=LogEntry.Action.CREATE,
        changes={
            "contact_name": ["None", "李明"],
            "email": ["None", "liming@corp.example"],
            "status": ["None", "submitted"],
        },
    )
    try:
        yield application.pk
    finally:
        migrate(executor.loader.graph.leaf_nodes())


def raw_values() -> list[str]:
    values = []
    with connection.cursor() as cursor:
        for model, columns in [
            (Application, "contact_name, email"),
            (Objection, "name, contact"),
            (EmailVerification, "email"),
        ]:
            cursor.execute(f"SELECT {columns} FROM {model._meta.db_table} ORDER BY id")
            values.extend(v for row in cursor.fetchall() for v in row)
    return values


def test_rows_written_before_the_migration_are_readable_and_encrypted_after_it(
    before_encryption,
):
    migrate(AFTER)

    application = Application.objects.get(pk=before_encryption)
    assert (application.contact_name, application.email) == ("李明", "liming@corp.example")
    objection = application.objections.get()
    assert (objection.name, objection.contact) == ("张三", "13812341234")
    assert EmailVerification.objects.get().email == "liming@corp.example"
    stored = raw_values()
    assert len(stored) == 5
    assert all(value.startswith(personal_data.PREFIX) for value in stored)

    entry = LogEntry.objects.get_for_object(application).get()
    assert entry.changes == {"status": ["None", "submitted"]}


def test_running_the_migration_again_or_backwards_loses_nothing(before_encryption):
    executor = migrate(AFTER)
    encrypted = raw_values()
    migration = executor.loader.get_migration("awards", "0002_personal_data_encrypted")
    run_python = next(op for op in migration.operations if hasattr(op, "code"))
    with connection.schema_editor() as schema_editor:
        run_python.code(executor.loader.project_state(AFTER).apps, schema_editor)
    assert raw_values() == encrypted  # already encrypted rows are left alone

    migrate(BEFORE)
    assert raw_values() == [
        "李明",
        "liming@corp.example",
        "张三",
        "13812341234",
        "liming@corp.example",
    ]
