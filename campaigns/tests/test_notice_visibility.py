"""Who sees which notice (`Notice.objects.for_user`): the platform's superuser sees every
notice, drafts included; unit users see their subtree's notices and what was delivered to
them or above them, never a sibling's draft."""

import pytest

from campaigns import services
from campaigns.models import Notice
from core.testing.world import make_user


@pytest.fixture
def city_draft(world):
    campaign = services.national_campaigns_load()[0]
    return services.notice_create(
        actor=world.users["editor"],
        campaign=campaign,
        unit=world.unit("长沙市"),
        title="长沙市2023年“质量月”活动方案",
        recipient_units=[world.unit("芙蓉区"), world.unit("天心区")],
    )


@pytest.fixture
def superuser(world):
    return make_user("platform_root", is_superuser=True, is_staff=True)


def test_the_superuser_sees_a_draft_in_the_queryset_and_opens_it(
    world, city_draft, superuser, client_for
):
    for action in ("view", "edit"):
        assert Notice.objects.for_user(superuser, action).filter(pk=city_draft.pk).exists()
    response = client_for(superuser).get(city_draft.get_absolute_url())
    assert response.status_code == 200
    assert city_draft.title in response.text


def test_the_superuser_sees_every_notice_drafts_and_issued(world, city_draft, superuser):
    issued = services.notice_issue(
        actor=world.users["editor"],
        notice=services.notice_create(
            actor=world.users["editor"],
            campaign=city_draft.campaign,
            unit=world.unit("长沙市"),
            title="长沙市质量月活动补充通知",
            recipient_units=[world.unit("芙蓉区")],
        ),
    )
    assert set(Notice.objects.for_user(superuser)) == {city_draft, issued}


def test_a_sibling_city_still_sees_no_draft_and_the_county_sees_it_only_once_issued(
    world, city_draft
):
    zhuzhou = make_user("zhuzhou_viewer", world.unit("株洲市"), "viewer")
    furong = make_user("furong_viewer", world.unit("芙蓉区"), "viewer")
    assert not Notice.objects.for_user(zhuzhou).exists()
    assert not Notice.objects.for_user(furong).exists()
    services.notice_issue(actor=world.users["editor"], notice=city_draft)
    assert list(Notice.objects.for_user(furong)) == [city_draft]
    assert not Notice.objects.for_user(furong, "edit").exists()
    assert not Notice.objects.for_user(zhuzhou).exists()
