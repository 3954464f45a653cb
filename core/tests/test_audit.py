"""Audit entries name who did it and from where, and writing them costs the same on the
millionth request as on the first (jazzband/django-auditlog#846: nesting auditlog's own
set_actor inside its middleware's context left a pre_save receiver behind per request)."""

import pytest
from auditlog.models import LogEntry
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import pre_save
from django.urls import reverse

from core import rows
from core.audit import set_actor, update_entry
from orgs import services
from orgs.models import Membership


def _edit(client, unit, full_name, **extra):
    return client.post(
        reverse("orgs:unit_edit", args=[unit.pk]),
        {"full_name": full_name, "aliases": ""},
        **extra,
    )


def test_audited_requests_leave_no_signal_receiver_behind(world, client_for):
    client = client_for(world.users["editor"])
    changsha = world.unit("长沙市")
    assert _edit(client, changsha, "长沙市市场监督管理局0").status_code == 302
    before = len(pre_save.receivers)
    for i in range(1, 6):
        assert _edit(client, changsha, f"长沙市市场监督管理局{i}").status_code == 302
    assert len(pre_save.receivers) == before
    entries = LogEntry.objects.get_for_object(changsha)
    assert entries.count() == 6
    assert {e.actor for e in entries} == {world.users["editor"]}


def test_the_audit_address_is_the_client_behind_the_configured_proxy(world, client_for, settings):
    settings.QM_TRUSTED_PROXIES = 1
    client = client_for(world.users["editor"])
    changsha = world.unit("长沙市")
    # The client wrote the first address itself; our proxy appended the one it saw.
    _edit(
        client,
        changsha,
        "长沙市市场监督管理局",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7",
        REMOTE_ADDR="10.0.0.2",
    )
    entry = LogEntry.objects.get_for_object(changsha).latest("timestamp")
    assert entry.remote_addr == "203.0.113.7"


def test_an_inner_actor_is_recorded_and_the_outer_one_restored(world):
    changsha, editor, admin = world.unit("长沙市"), world.users["editor"], world.users["admin"]
    with set_actor(editor):
        # The service opens its own context for its actor, inside the outer one.
        services.unit_update(actor=admin, unit=changsha, full_name="甲", aliases="")
        changsha.refresh_from_db()
        changsha.full_name = "乙"
        changsha.save()
    first, second = LogEntry.objects.get_for_object(changsha).order_by("timestamp", "pk")
    assert (first.actor, second.actor) == (admin, editor)


@pytest.mark.parametrize("depth", [1, 3])
def test_nested_contexts_restore_each_actor(world, depth):
    from core.audit import _open

    users = [world.users["editor"], world.users["admin"], world.users["viewer"], None]
    assert _open.get() is None

    def nest(level):
        with set_actor(users[level]):
            assert _open.get()["actor"] == users[level]
            if level < depth:
                nest(level + 1)
            assert _open.get()["actor"] == users[level]

    nest(0)
    assert _open.get() is None


def test_an_entry_written_with_the_autosave_statements_reads_as_auditlogs_own(world):
    # The autosave writes its entry with core.rows (no signal reaches auditlog): the
    # history must not tell the two apart.
    editor = world.users["editor"]
    # A membership: its entries carry additional data (the unit and the user's name).
    membership = Membership.objects.filter(user=world.users["admin"]).first()
    changes = {"role": ["editor", "admin"]}
    with set_actor(editor, remote_addr="10.1.2.3", remote_port=50123):
        LogEntry.objects.log_create(membership, action=LogEntry.Action.UPDATE, changes=changes)
        statement = update_entry(membership, changes, DEFAULT_DB_ALIAS)
        rows.execute_together([statement], DEFAULT_DB_ALIAS)
    ours, auditlogs = LogEntry.objects.get_for_object(membership).order_by("-pk")[:2]
    for field in (
        "content_type",
        "object_pk",
        "object_id",
        "object_repr",
        "action",
        "changes",
        "actor",
        "actor_email",
        "remote_addr",
        "remote_port",
        "additional_data",
    ):
        assert getattr(ours, field) == getattr(auditlogs, field), field
    assert ours.actor == editor and ours.remote_addr == "10.1.2.3"
    assert ours.additional_data == membership.get_additional_data()
