"""The campaign year as a lifecycle: the national admin opens a year on a page of the
platform, once; every list and board then shows one year at a time, opening on the latest
year that has something for the viewer, and past years stay readable."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns import services
from campaigns.models import Campaign, Slogan
from campaigns.services import MSG_CAMPAIGN_EXISTS
from campaigns.views import MSG_CAMPAIGN_OPENED
from core.testing.world import make_user
from orgs.scoping import Role

pytestmark = pytest.mark.django_db

SLOGANS_2024 = "聚焦产业质量提升 推动高质量发展\n建设质量强国 共享美好生活"


@pytest.fixture
def campaign_2023(world):
    return services.national_campaigns_load()[0]


def open_2024(client):
    return client.post(
        reverse("campaigns:campaign_open"),
        {"year": "2024", "theme": "聚焦产业质量提升 推动高质量发展", "slogans": SLOGANS_2024},
    )


def test_national_admin_opens_a_year_with_its_theme_and_slogans_and_it_is_audited(
    world, campaign_2023, client_for
):
    admin = world.users["national_admin"]
    response = open_2024(client_for(admin))
    assert response.status_code == 302
    campaign = Campaign.objects.get(year=2024)
    assert campaign.theme == "聚焦产业质量提升 推动高质量发展"
    assert (campaign.starts_on, campaign.ends_on) == (
        datetime.date(2024, 9, 1),
        datetime.date(2024, 9, 30),
    )
    assert [s.text for s in campaign.national_slogans()] == SLOGANS_2024.splitlines()
    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Campaign), object_pk=str(campaign.pk)
    )
    assert entry.actor == admin
    page = client_for(admin).get(response["Location"])
    assert str(MSG_CAMPAIGN_OPENED % {"year": 2024}) in page.text


def test_opening_a_year_twice_is_refused_with_a_clear_error_and_keeps_the_input(
    world, campaign_2023, client_for
):
    client = client_for(world.users["national_admin"])
    response = client.post(
        reverse("campaigns:campaign_open"),
        {"year": "2023", "theme": "另一个主题", "slogans": "新口号一"},
    )
    assert response.status_code == 200
    assert str(MSG_CAMPAIGN_EXISTS) % {"year": 2023} in response.text
    assert "另一个主题" in response.text and "新口号一" in response.text
    campaign_2023.refresh_from_db()
    assert campaign_2023.theme == "增强质量意识 推进高质量发展"
    assert Campaign.objects.filter(year=2023).count() == 1


def test_the_service_refuses_a_second_campaign_for_a_year(world, campaign_2023):
    with pytest.raises(ValidationError) as exc:
        services.campaign_open(actor=world.users["national_admin"], year=2023, theme="重复")
    assert exc.value.message_dict["year"] == [str(MSG_CAMPAIGN_EXISTS) % {"year": 2023}]


def test_only_national_admins_open_a_year(world, campaign_2023, client_for):
    hunan_admin = make_user("hunan_admin", world.unit("湖南省"), Role.ADMIN)
    assert client_for(hunan_admin).get(reverse("campaigns:campaign_open")).status_code == 403
    assert open_2024(client_for(hunan_admin)).status_code == 403
    with pytest.raises(PermissionDenied):
        services.campaign_open(actor=hunan_admin, year=2024, theme="主题")
    assert not Campaign.objects.filter(year=2024).exists()
    listing = client_for(hunan_admin).get(reverse("campaigns:campaign_list"))
    assert reverse("campaigns:campaign_open") not in listing.text


def test_the_new_notice_form_offers_the_opened_year(world, campaign_2023, client_for):
    services.campaign_open(actor=world.users["national_admin"], year=2024, theme="新主题")
    editor = world.users["editor"]
    page = client_for(editor).get(
        reverse("campaigns:notice_create", args=[world.unit("长沙市").pk]) + "?year=2023"
    )
    form = page.context["form"]
    assert {c.year for c in form.fields["campaign"].queryset} >= {2023, 2024}
    # The year the clerk was looking at in the list is the one proposed.
    assert form.initial["campaign"] == campaign_2023.pk


def test_notice_list_opens_on_the_latest_year_with_the_viewers_notices(
    world, campaign_2023, client_for
):
    editor = world.users["editor"]
    plan_2023 = services.notice_create(
        actor=editor, campaign=campaign_2023, unit=world.unit("长沙市"), title="长沙市2023年方案"
    )
    campaign_2024 = services.campaign_open(
        actor=world.users["national_admin"], year=2024, theme="新主题"
    )
    services.notice_create(
        actor=world.users["national_admin"],
        campaign=campaign_2024,
        unit=world.unit("全国"),
        title="关于开展2024年全国“质量月”活动的通知",
    )
    client = client_for(editor)
    page = client.get(reverse("campaigns:notice_list"))
    assert page.context["year"] == "2023"
    assert plan_2023.title in page.text
    switched = client.get(reverse("campaigns:notice_list") + "?year=2024")
    assert plan_2023.title not in switched.text
    assert list(switched.context["notices"]) == []
    # The national admin's latest content is in 2024.
    national = client_for(world.users["national_admin"]).get(reverse("campaigns:notice_list"))
    assert national.context["year"] == "2024"


def test_inbox_opens_on_the_latest_year_delivered_and_keeps_past_years(
    world, campaign_2023, client_for
):
    admin = world.users["national_admin"]
    old = services.notice_create(
        actor=admin,
        campaign=campaign_2023,
        unit=world.unit("全国"),
        title="2023年通知",
        recipient_units=[world.unit("湖南省")],
    )
    services.notice_issue(actor=admin, notice=old)
    services.campaign_open(actor=admin, year=2024, theme="新主题")
    client = client_for(world.users["editor"])
    page = client.get(reverse("campaigns:inbox"))
    assert page.context["year"] == 2023 and "2023年通知" in page.text
    assert "2023年通知" not in client.get(reverse("campaigns:inbox") + "?year=2024").text


def test_public_home_shows_the_new_year_and_keeps_the_past_year_in_its_archive(
    world, campaign_2023, client
):
    from activities.services import activity_create, activity_update

    admin = world.users["national_admin"]
    notice = services.notice_create(
        actor=admin,
        campaign=campaign_2023,
        unit=world.unit("全国"),
        title="2023年通知",
        recipient_units=[world.unit("湖南省")],
    )
    activity = activity_create(actor=admin, notice=notice, title="质量开放日", window_text="9月")
    activity_update(actor=admin, activity=activity, version=None, is_public=True)
    services.notice_issue(actor=admin, notice=notice)
    services.campaign_open(
        actor=admin, year=2024, theme="聚焦产业质量提升", slogans=["2024年口号一"]
    )

    home = client.get(reverse("core:home"))
    assert "聚焦产业质量提升" in home.text and "2024年口号一" in home.text
    assert "质量开放日" not in home.text
    archive_url = reverse("core:year_archive", args=[2023])
    assert archive_url in home.text  # 往年活动 and the pointer to last year's activities
    archive = client.get(archive_url)
    assert "增强质量意识 推进高质量发展" in archive.text and "质量开放日" in archive.text
    assert Slogan.objects.filter(campaign__year=2023).first().text in archive.text
    assert client.get(reverse("core:year_archive", args=[2019])).status_code == 404
