import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.testing.world import make_user
from orgs.scoping import Role
from public.models import EventMessage, Registration
from public.services import ALREADY_CHECKED_IN, registration_create
from public.tests.factories import public_activity
from public.views import CHECKED_IN


@pytest.fixture
def event(world):
    activity = public_activity(actor=world.users["editor"], unit=world.unit("芙蓉区"), capacity=5)
    event = activity.public_event
    registration_create(event=event, name="张小明", phone="13812341234")
    return event


@pytest.fixture
def county_users(world):
    return {
        "furong": make_user("furong_editor", world.unit("芙蓉区"), Role.EDITOR),
        "tianxin": make_user("tianxin_editor", world.unit("天心区"), Role.EDITOR),
    }


def registrations_url(event):
    return reverse("public:staff_registrations", args=[event.pk])


def test_editor_sees_full_names_and_phones(client_for, event, county_users):
    html = client_for(county_users["furong"]).get(registrations_url(event)).content.decode()
    assert "张小明" in html and "13812341234" in html


def test_viewer_sees_them_masked(client_for, event, world):
    html = client_for(world.users["viewer"]).get(registrations_url(event)).content.decode()
    assert "张*明" in html and "138****1234" in html
    assert "13812341234" not in html and "张小明" not in html
    assert 'name="code"' not in html  # no check-in desk for viewers


def test_a_county_editor_cannot_see_another_countys_registrations(client_for, event, county_users):
    client = client_for(county_users["tianxin"])
    assert client.get(registrations_url(event)).status_code == 404
    assert client.get(reverse("public:staff_export", args=[event.pk])).status_code == 404
    checkin = client.post(reverse("public:staff_checkin", args=[event.pk]), {"code": "X"})
    assert checkin.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, event):
    response = client.get(registrations_url(event))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_viewer_may_not_check_in_or_message(client_for, event, world):
    client = client_for(world.users["viewer"])
    code = event.registrations.get().code
    assert (
        client.post(reverse("public:staff_checkin", args=[event.pk]), {"code": code}).status_code
        == 403
    )
    assert (
        client.post(reverse("public:staff_message", args=[event.pk]), {"text": "x"}).status_code
        == 403
    )


def test_check_in_by_code_at_the_door(client_for, event, world):
    client = client_for(world.users["editor"])
    code = event.registrations.get().code
    response = client.post(
        reverse("public:staff_checkin", args=[event.pk]), {"code": code.lower()}, follow=True
    )
    registration = event.registrations.get()
    checked_in = CHECKED_IN % {"name": "张小明", "code": registration.code}
    assert checked_in in response.content.decode()
    assert registration.checked_in_at is not None
    again = client.post(
        reverse("public:staff_checkin", args=[event.pk]), {"code": code}, follow=True
    )
    time = timezone.localtime(registration.checked_in_at).strftime("%H:%M")
    assert ALREADY_CHECKED_IN % {"time": time} in again.content.decode()


def test_export_opens_as_a_spreadsheet_masked_for_viewers(client_for, event, world):
    response = client_for(world.users["viewer"]).get(
        reverse("public:staff_export", args=[event.pk])
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("姓名", "手机号码", "确认码", "状态")
    assert rows[1][:2] == ("张*明", "138****1234") and rows[1][3] == "报名成功"


def test_message_to_all_registrants_is_recorded(client_for, event, world):
    client = client_for(world.users["editor"])
    response = client.post(
        reverse("public:staff_message", args=[event.pk]),
        {"text": "因天气原因改至9月17日。"},
        follow=True,
    )
    assert "涉及 1 名报名者" in response.content.decode()
    message = EventMessage.objects.get()
    assert message.author == world.users["editor"] and message.recipient_count == 1
    code = Registration.objects.get().code
    page = client.get(reverse("public:registration_detail", args=[code])).content.decode()
    assert "因天气原因改至9月17日。" in page


def test_editor_opens_registration_for_a_public_activity(client_for, world):
    activity = public_activity(
        actor=world.users["editor"], unit=world.unit("天心区"), capacity=None
    )
    client = client_for(world.users["editor"])
    assert activity.title in client.get(reverse("public:staff_index")).content.decode()
    response = client.post(
        reverse("public:staff_event_edit", args=[activity.pk]),
        {"capacity": 40, "starts_at": "2023-09-20T14:00"},
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.public_event.capacity == 40
    viewer = client_for(world.users["viewer"])
    assert viewer.get(reverse("public:staff_event_edit", args=[activity.pk])).status_code == 403
