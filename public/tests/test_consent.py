"""Every public form that takes personal data carries the notice (who holds the data, for what,
how long) and a consent box the visitor must tick; unticked, the form is refused with a clear
message and what was typed is kept."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from public import services
from public.forms import CONSENT_LABEL, CONSENT_REQUIRED
from public.models import Registration, Vote
from public.tests.factories import public_activity


@pytest.fixture
def activity(world):
    return public_activity(actor=world.users["editor"], unit=world.unit("芙蓉区"), capacity=5)


@pytest.fixture
def poll(world):
    return services.poll_create(
        actor=world.users["editor"],
        unit=world.unit("芙蓉区"),
        title="你点我检",
        closes_at=timezone.now() + datetime.timedelta(days=7),
        options=["儿童玩具", "电动自行车"],
    )


def test_the_registration_form_says_who_holds_the_data_for_what_and_how_long(
    client, activity, settings
):
    settings.QM_PERSONAL_DATA_RETENTION_DAYS = 90
    html = client.get(reverse("public:activity_detail", args=[activity.pk])).content.decode()
    notice = html.split('id="pi-notice">', 1)[1].split("</p>", 1)[0]
    assert activity.notice.unit.display_name in notice
    assert "报名、入场签到和活动变更通知" in notice and "活动结束 90 天后删除" in notice
    assert str(CONSENT_LABEL) in html and 'name="consent"' in html


def test_registration_without_consent_is_refused_and_keeps_what_was_typed(client, activity):
    response = client.post(
        reverse("public:activity_detail", args=[activity.pk]),
        {"name": "张小明", "phone": "13812341234"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert str(CONSENT_REQUIRED) in html
    assert 'value="张小明"' in html and 'value="13812341234"' in html
    assert not Registration.objects.exists()


def test_a_vote_without_consent_is_refused(client, poll):
    page = client.get(reverse("public:poll_detail", args=[poll.pk])).content.decode()
    assert "只保存其加密摘要" in page and str(CONSENT_LABEL) in page
    response = client.post(
        reverse("public:poll_detail", args=[poll.pk]),
        {"option": poll.options.first().pk, "phone": "13800000001"},
    )
    assert response.status_code == 400
    assert str(CONSENT_REQUIRED) in response.content.decode()
    assert not Vote.objects.exists()


def test_the_code_lookup_without_consent_is_refused(client, activity, settings):
    settings.QM_PERSONAL_DATA_RETENTION_DAYS = 180
    registration = services.registration_create(
        event=activity.public_event, name="张小明", phone="13812341234"
    )
    url = reverse("public:registration_lookup")
    assert "活动结束 180 天后删除" in client.get(url).content.decode()
    response = client.get(url, {"code": registration.code})
    assert response.status_code == 400
    assert str(CONSENT_REQUIRED) in response.content.decode()
    ticked = client.get(url, {"code": registration.code, "consent": "on"})
    assert ticked["Location"] == registration.get_absolute_url()
