"""Every export of visitors' personal data is in the audit log: who, when, what, how many rows,
in full or masked."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from core.testing.world import make_user
from orgs.scoping import Role
from public import services
from public.tests.factories import public_activity


@pytest.fixture
def event(world):
    event = public_activity(
        actor=world.users["editor"], unit=world.unit("芙蓉区"), capacity=5
    ).public_event
    for i in range(3):
        services.registration_create(event=event, name=f"访客{i}", phone=f"1381234000{i}")
    return event


def exports(event):
    return LogEntry.objects.get_for_object(event).filter(action=LogEntry.Action.ACCESS)


def download(client, event):
    response = client.get(reverse("public:staff_export", args=[event.pk]))
    if response.status_code == 200:
        b"".join(response.streaming_content)
    return response


def test_an_editors_full_export_is_recorded_with_who_what_and_how_many(client_for, event, world):
    editor = world.users["editor"]
    assert download(client_for(editor), event).status_code == 200
    entry = exports(event).get()
    assert entry.actor == editor and entry.timestamp is not None
    assert entry.additional_data == {
        "export": services.EXPORT_REGISTRATIONS_XLSX,
        "rows": 3,
        "masked": False,
    }


def test_a_viewers_masked_export_is_recorded_as_masked(client_for, event, world):
    assert download(client_for(world.users["viewer"]), event).status_code == 200
    entry = exports(event).get()
    assert entry.actor == world.users["viewer"] and entry.additional_data["masked"] is True


def test_a_refused_export_records_nothing(client_for, event, world):
    outsider = make_user("tianxin_editor", world.unit("天心区"), Role.EDITOR)
    assert download(client_for(outsider), event).status_code == 404
    assert not exports(event).exists()


def test_the_units_editors_see_the_exports_on_the_registration_page(client_for, event, world):
    download(client_for(world.users["viewer"]), event)
    editor = client_for(world.users["editor"])
    html = editor.get(reverse("public:staff_registrations", args=[event.pk])).content.decode()
    exported = html.split('id="exports">', 1)[1].split("</ul>", 1)[0]
    viewer = world.users["viewer"]
    assert f"{viewer.get_full_name() or viewer.username} 导出 3 条（部分隐藏）" in exported
    viewer_page = client_for(viewer).get(reverse("public:staff_registrations", args=[event.pk]))
    assert 'id="exports"' not in viewer_page.content.decode()
