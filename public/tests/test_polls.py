import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.testing.world import make_user
from orgs.scoping import Role
from public import services
from public.models import Poll, Vote
from public.views import THROTTLED, VOTE_RECORDED

# Django's own message for a choice outside the offered list (zh-hans catalogue).
MSG_INVALID_CHOICE = "选择一个有效的选项"


@pytest.fixture
def poll(world):
    return services.poll_create(
        actor=world.users["editor"],
        unit=world.unit("芙蓉区"),
        title="2023年芙蓉区“你点我检”",
        closes_at=timezone.now() + datetime.timedelta(days=7),
        options=["儿童玩具", "电动自行车", "食用油", "儿童玩具"],
    )


def vote(client, poll, option_name="电动自行车", phone="13800000001", **extra):
    option = poll.options.get(name=option_name)
    return client.post(
        reverse("public:poll_detail", args=[poll.pk]),
        {"option": option.pk, "phone": phone, "consent": "on"},
        **extra,
    )


def close(poll):
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - datetime.timedelta(hours=1))
    poll.refresh_from_db()


def test_poll_keeps_each_candidate_once(poll):
    assert [o.name for o in poll.options.all()] == ["儿童玩具", "电动自行车", "食用油"]


def test_visitor_votes_once_and_then_sees_live_results(client, poll):
    page = client.get(reverse("public:poll_detail", args=[poll.pk])).content.decode()
    assert "当前投票情况" not in page  # no results before voting
    response = vote(client, poll)
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert str(VOTE_RECORDED) in html
    assert "当前投票情况" in html and "电动自行车" in html


def test_second_vote_with_the_same_phone_is_refused(client, poll):
    vote(client, poll)
    client.session.flush()  # a fresh browser, same phone
    response = vote(client, poll, option_name="食用油", phone="138 0000 0001")
    assert response.status_code == 400
    assert str(services.ALREADY_VOTED) in response.content.decode()
    assert Vote.objects.count() == 1


def test_the_phone_is_not_stored_in_clear(client, poll):
    vote(client, poll)
    assert "13800000001" not in Vote.objects.get().phone_hash


def test_a_vote_flood_from_one_client_is_throttled(client, poll, settings):
    settings.QM_PUBLIC_RATE_LIMITS = {"vote": (5, 600)}
    statuses = [vote(client, poll, phone=f"139000000{i:02d}").status_code for i in range(8)]
    assert statuses == [302] * 5 + [429] * 3
    assert Vote.objects.count() == 5
    assert THROTTLED in vote(client, poll, phone="13900000099").content.decode()


def test_closed_poll_publishes_results_and_takes_no_votes(client, poll):
    vote(client, poll)
    close(poll)
    client.session.flush()
    html = client.get(reverse("public:poll_detail", args=[poll.pk])).content.decode()
    assert "投票结果" in html and 'name="phone"' not in html
    response = vote(client, poll, phone="13800000002")
    assert "投票已截止" in response.content.decode()
    assert Vote.objects.count() == 1


def test_unit_records_what_was_sampled_after_closing(client, poll, world):
    with pytest.raises(ValidationError):
        services.poll_record_sampling(
            actor=world.users["editor"], poll=poll, sampled_option_ids=[], note="", results_url=""
        )
    close(poll)
    bike = poll.options.get(name="电动自行车")
    services.poll_record_sampling(
        actor=world.users["editor"],
        poll=poll,
        sampled_option_ids=[bike.pk],
        note="抽检电动自行车 20 批次。",
        results_url="https://scjgj.example.gov.cn/ccjg/2023-10.html",
    )
    html = client.get(reverse("public:poll_detail", args=[poll.pk])).content.decode()
    assert "抽检电动自行车 20 批次。" in html
    assert "https://scjgj.example.gov.cn/ccjg/2023-10.html" in html
    assert "已列入抽检" in html


def test_viewer_cannot_open_a_poll(world):
    with pytest.raises(PermissionDenied):
        services.poll_create(
            actor=world.users["viewer"],
            unit=world.unit("芙蓉区"),
            title="x",
            closes_at=timezone.now() + datetime.timedelta(days=1),
            options=["a", "b"],
        )


def test_editor_opens_a_poll_from_the_staff_page(client_for, world):
    client = client_for(world.users["editor"])
    form = client.get(reverse("public:staff_poll_new")).content.decode()
    assert "株洲市" not in form  # only units the editor may edit are offered
    response = client.post(
        reverse("public:staff_poll_new"),
        {
            "unit": world.unit("天心区").pk,
            "title": "天心区你点我检",
            "closes_at": "2099-09-30T18:00",
            "options": "儿童玩具\n电动自行车\n",
        },
    )
    poll = Poll.objects.get()
    assert response["Location"] == reverse("public:staff_poll", args=[poll.pk])
    assert poll.unit == world.unit("天心区") and poll.options.count() == 2


def test_staff_poll_page_is_hidden_outside_the_subtree_and_read_only_for_viewers(
    client, poll, world
):
    zhuzhou_editor = make_user("zhuzhou_editor", world.unit("株洲市"), Role.EDITOR)
    client.force_login(zhuzhou_editor)
    assert client.get(reverse("public:staff_poll", args=[poll.pk])).status_code == 404
    client.force_login(world.users["viewer"])
    assert client.get(reverse("public:staff_poll", args=[poll.pk])).status_code == 200
    close(poll)
    response = client.post(reverse("public:staff_poll", args=[poll.pk]), {"note": "x"})
    assert response.status_code == 403


def _offered_units(client) -> list[str]:
    form = client.get(reverse("public:staff_poll_new")).content.decode()
    select = form.split('name="unit"', 1)[1].split("</select>", 1)[0]
    return [name for name in re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select)]


def test_a_national_admin_is_offered_units_down_to_the_county_but_no_stations(client_for, world):
    offered = _offered_units(client_for(world.users["national_admin"]))
    names = ("全国", "湖南省", "长沙市", "芙蓉区", "天心区")
    assert {str(world.unit(name)) for name in names} <= set(offered)
    assert str(world.unit("芙蓉街道")) not in offered


def test_a_station_editor_is_still_offered_their_own_station(client_for, world):
    station_editor = make_user("furong_station_editor", world.unit("芙蓉街道"), Role.EDITOR)
    assert _offered_units(client_for(station_editor)) == [str(world.unit("芙蓉街道"))]


def test_a_station_not_offered_to_a_national_admin_is_refused_and_the_form_kept(client_for, world):
    client = client_for(world.users["national_admin"])
    response = client.post(
        reverse("public:staff_poll_new"),
        {
            "unit": world.unit("芙蓉街道").pk,
            "title": "芙蓉街道你点我检",
            "closes_at": "2099-09-30T18:00",
            "options": "儿童玩具\n电动自行车\n",
        },
    )
    assert response.status_code == 200
    assert MSG_INVALID_CHOICE in response.content.decode()
    assert "芙蓉街道你点我检" in response.content.decode()
    assert not Poll.objects.exists()
