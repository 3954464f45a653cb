"""The autosave's hand-built statements read and write what the ORM would, on SQLite and
PostgreSQL: conversions both ways, auto_now, the upsert of an existing row, and writes to
several tables sent together."""

import datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import rows
from orgs.models import Department

pytestmark = pytest.mark.django_db

PERMISSION_FIELDS = ["content_type", "codename", "name"]


def test_select_rows_converts_values_as_the_orm_does():
    joined = timezone.now().replace(microsecond=123456) - datetime.timedelta(days=400)
    user = User.objects.create(username="clerk", date_joined=joined, is_active=False)
    read = rows.select_rows(
        User, ["date_joined", "is_active", "username"], '"id" = %s', [user.pk], DEFAULT_DB_ALIAS
    )
    # SQLite hands the time back as text and the flag as 0: both come back as Python values.
    assert read == list(
        User.objects.filter(pk=user.pk).values_list("date_joined", "is_active", "username")
    )
    assert read == [(joined, False, "clerk")]


def test_an_update_writes_the_named_fields_and_the_change_time(world):
    department = Department.objects.create(unit=world.unit("长沙市"), name="质量发展科")
    before = department.updated_at
    department.name = "质量发展处"
    statement = rows.update_statement(department, ["name", "updated_at"], DEFAULT_DB_ALIAS)
    rows.execute_together([statement], DEFAULT_DB_ALIAS)
    department.refresh_from_db()
    assert department.name == "质量发展处"
    assert department.updated_at > before


def test_an_upsert_updates_the_row_that_already_exists():
    content_type = ContentType.objects.get_for_model(User)
    first = Permission(content_type=content_type, codename="qm_test", name="旧名称")
    rows.execute_together(
        [rows.insert_statement([first], PERMISSION_FIELDS, DEFAULT_DB_ALIAS)], DEFAULT_DB_ALIAS
    )
    again = [
        Permission(content_type=content_type, codename="qm_test", name="新名称"),
        Permission(content_type=content_type, codename="qm_other", name="另一项"),
    ]
    upsert = rows.insert_statement(
        again,
        PERMISSION_FIELDS,
        DEFAULT_DB_ALIAS,
        conflict=("content_type", "codename"),
        update=("name",),
    )
    rows.execute_together([upsert], DEFAULT_DB_ALIAS)
    stored = dict(
        Permission.objects.filter(codename__startswith="qm_").values_list("codename", "name")
    )
    assert stored == {"qm_test": "新名称", "qm_other": "另一项"}


def test_writes_to_several_tables_go_together_in_one_round_trip_on_postgresql(world):
    department = Department.objects.create(unit=world.unit("长沙市"), name="质量发展科")
    department.name = "质量发展处"
    content_type = ContentType.objects.get_for_model(Department)
    permission = Permission(content_type=content_type, codename="qm_dept", name="科室")
    writes = [
        rows.update_statement(department, ["name", "updated_at"], DEFAULT_DB_ALIAS),
        rows.insert_statement([permission], PERMISSION_FIELDS, DEFAULT_DB_ALIAS),
    ]
    with CaptureQueriesContext(connection) as queries:
        rows.execute_together(writes, DEFAULT_DB_ALIAS)
    assert len(queries) == (1 if connection.vendor == "postgresql" else 2)
    department.refresh_from_db()
    assert department.name == "质量发展处"
    assert Permission.objects.filter(codename="qm_dept", content_type=content_type).exists()
