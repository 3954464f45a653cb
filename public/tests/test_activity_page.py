import re

import pytest
from django.urls import reverse

from public.models import MOBILE_MESSAGE, Registration
from public.services import DOUBLE_BOOKING, registration_create
from public.tests.factories import public_activity
from public.views import REGISTRATION_CANCELLED, THROTTLED

XSS = '<script>alert("x")</script>'


@pytest.fixture
def activity(world):
    return public_activity(
        actor=world.users["editor"],
        unit=world.unit("芙蓉区"),
        capacity=1,
        content=f"欢迎参观 {XSS}",
    )


def post_registration(client, activity, name="张三", phone="13800000001"):
    return client.post(
        reverse("public:activity_detail", args=[activity.pk]),
        {"name": name, "phone": phone, "consent": "on"},
    )


def test_visitor_sees_what_where_when_who_and_seats_left(client, activity):
    html = client.get(reverse("public:activity_detail", args=[activity.pk])).content.decode()
    assert "计量实验室开放日" in html
    assert "芙蓉区计量检定所" in html
    assert "2023年9月16日 09:30" in html
    assert "计量科" in html  # lead unit
    assert "<strong>1</strong> / 1" in html
    assert '<label for="id_phone">手机号码</label>' in html


def test_visitor_registers_and_lands_on_the_code_page(client, activity):
    response = post_registration(client, activity)
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == registration.get_absolute_url()
    html = client.get(response["Location"]).content.decode()
    assert registration.code in html
    assert "报名成功" in html
    assert "138****0001" in html and "13800000001" not in html


def test_invalid_phone_is_explained_and_nothing_is_stored(client, activity):
    response = post_registration(client, activity, phone="12345")
    assert response.status_code == 400
    assert str(MOBILE_MESSAGE) in response.content.decode()
    assert not Registration.objects.exists()


def test_double_booking_is_refused_with_a_message(client, activity):
    post_registration(client, activity)
    response = post_registration(client, activity, name="张三")
    assert response.status_code == 400
    assert str(DOUBLE_BOOKING) in response.content.decode()
    assert Registration.objects.count() == 1


def test_when_full_the_visitor_is_waitlisted_and_promoted_after_a_cancellation(client, activity):
    first = client.post(
        reverse("public:activity_detail", args=[activity.pk]),
        {"name": "张三", "phone": "13800000001", "consent": "on"},
    )
    second = post_registration(client, activity, name="李四", phone="13800000002")
    waiting = Registration.objects.with_phone("13800000002").get()
    assert waiting.status == Registration.Status.WAITLISTED
    assert "候补第1位" in client.get(second["Location"]).content.decode()

    client.post(first["Location"])  # cancel with the code

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert str(REGISTRATION_CANCELLED) in client.get(first["Location"]).content.decode()


def test_script_in_names_and_descriptions_is_shown_as_text(client, activity, world, client_for):
    registration_create(event=activity.public_event, name=XSS[:30], phone="13800000009")
    html = client.get(reverse("public:activity_detail", args=[activity.pk])).content.decode()
    assert XSS not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    staff = client_for(world.users["editor"]).get(
        reverse("public:staff_registrations", args=[activity.public_event.pk])
    )
    staff_html = staff.content.decode()
    assert "<script>alert" not in staff_html
    assert "&lt;script&gt;alert" in staff_html


def test_a_registration_flood_from_one_client_is_throttled(client, activity, settings):
    settings.QM_PUBLIC_RATE_LIMITS = {"register": (3, 600)}
    statuses = [
        post_registration(client, activity, phone=f"1390000000{i}").status_code for i in range(5)
    ]
    assert statuses == [302, 302, 302, 429, 429]
    assert Registration.objects.count() == 3
    response = post_registration(client, activity, phone="13900000009")
    assert THROTTLED in response.content.decode()
    # Another address is not affected.
    other = client.post(
        reverse("public:activity_detail", args=[activity.pk]),
        {"name": "周七", "phone": "13900000008", "consent": "on"},
        REMOTE_ADDR="10.1.1.1",
    )
    assert other.status_code == 302


def test_unknown_or_unpublished_activities_are_not_found(client, world):
    hidden = public_activity(
        actor=world.users["editor"], unit=world.unit("芙蓉区"), is_public=False, capacity=None
    )
    assert client.get(reverse("public:activity_detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("public:registration_detail", args=["NOSUCH22"])).status_code == 404


def test_code_lookup_redirects_to_the_registration(client, activity):
    post_registration(client, activity)
    code = Registration.objects.get().code
    response = client.get(
        reverse("public:registration_lookup"), {"code": code.lower(), "consent": "on"}
    )
    assert response["Location"] == reverse("public:registration_detail", args=[code])


def test_staff_messages_show_on_the_activity_page(client, activity, world):
    from public.services import event_message_send

    event_message_send(
        actor=world.users["editor"], event=activity.public_event, text="改在9月17日举行 <b>"
    )
    html = client.get(reverse("public:activity_detail", args=[activity.pk])).content.decode()
    assert "改在9月17日举行 &lt;b&gt;" in html


def test_behind_a_proxy_each_visitor_has_their_own_allowance(client, activity, settings):
    """Every request arrives from the proxy's address; the limit follows the visitor."""
    settings.QM_TRUSTED_PROXIES = 1
    settings.QM_PUBLIC_RATE_LIMITS = {"register": (2, 600)}

    def post(visitor, phone):
        return client.post(
            reverse("public:activity_detail", args=[activity.pk]),
            {"name": "周七", "phone": phone, "consent": "on"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=visitor,
        ).status_code

    assert [post("203.0.113.7", f"1390000001{i}") for i in range(3)] == [302, 302, 429]
    # Another visitor through the same proxy, and one who forges a fresh address in front.
    assert post("198.51.100.4", "13900000020") == 302
    assert post("1.1.1.1, 203.0.113.7", "13900000021") == 429


def test_visitor_finds_the_organisers_calendar_feed_on_the_activity_page(client, activity):
    html = client.get(reverse("public:activity_detail", args=[activity.pk])).content.decode()
    link = re.search(r'<a href="([^"]+)"[^>]*>订阅本单位活动日历（iCal）</a>', html)
    assert link is not None
    feed = client.get(link.group(1))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    assert f"SUMMARY:{activity.title}" in feed.content.decode()
