"""督查督办, the dashboard and 我的任务 show one campaign year at a time: opening 2024 does not
add its reports to 2023's, does not empty a unit's board while its work is in 2023, and
2023 stays reachable through the year selector."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import ActivityParticipant
from activities.services import activity_create
from campaigns import services as campaign_services
from campaigns.models import Notice
from core.testing.world import make_user
from orgs.scoping import Role
from reports import services
from reports.models import Material
from reports.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def hunan(world):
    return make_user("hunan_admin", world.unit("湖南省"), Role.ADMIN)


@pytest.fixture
def round_2023(world, hunan):
    """湖南省 asked 长沙市 and 株洲市 to report in 2023; 长沙市 did."""
    requirement = factories.issued_requirement(
        actor=hunan,
        unit=world.unit("湖南省"),
        recipients=[world.unit("长沙市"), world.unit("株洲市")],
        title="湖南省2023年“质量月”活动实施方案",
    )
    factories.fill_and_submit(
        actor=world.users["editor"],
        expected=factories.expected(requirement, world.unit("长沙市")),
    )
    return requirement


def open_2024(world):
    return campaign_services.campaign_open(
        actor=world.users["national_admin"], year=2024, theme="2024年主题"
    )


def requirement_2024(world, hunan, campaign):
    notice = campaign_services.notice_create(
        actor=hunan,
        campaign=campaign,
        unit=world.unit("湖南省"),
        kind=Notice.Kind.PLAN,
        title="湖南省2024年“质量月”活动实施方案",
        recipient_units=[world.unit("长沙市"), world.unit("株洲市")],
    )
    notice = campaign_services.notice_issue(actor=hunan, notice=notice)
    return services.requirement_save(
        actor=hunan,
        notice=notice,
        due_date=timezone.localdate() + datetime.timedelta(days=10),
        materials=[Material.SUMMARY],
        levels=[],
        fields=list(factories.FIELDS),
    )


def test_supervision_shows_one_year_and_opens_on_the_latest_with_reports(
    world, hunan, round_2023, client_for
):
    client = client_for(hunan)
    url = reverse("reports:supervision", args=[world.unit("湖南省").pk])
    campaign = open_2024(world)
    # 2024 is open but nobody reports in it yet: the page stays on 2023.
    page = client.get(url)
    assert page.context["year"] == 2023
    assert (page.context["total"].expected, page.context["total"].received) == (2, 1)
    requirement_2024(world, hunan, campaign)
    page = client.get(url)
    assert page.context["year"] == 2024 and page.context["years"][:2] == [2024, 2023]
    # Not 4 expected: the two years are never added together.
    assert (page.context["total"].expected, page.context["total"].received) == (2, 0)
    past = client.get(url + "?year=2023")
    assert (past.context["total"].expected, past.context["total"].received) == (2, 1)
    assert [r.notice.title for r in past.context["requirements"]] == [round_2023.notice.title]


def test_dashboard_offers_the_years_requirements_and_keeps_the_past_one(
    world, hunan, round_2023, client_for
):
    client = client_for(hunan)
    url = reverse("dashboards:dashboard", args=[world.unit("湖南省").pk])
    campaign = open_2024(world)
    assert client.get(url).context["requirement"] == round_2023
    new = requirement_2024(world, hunan, campaign)
    page = client.get(url)
    assert page.context["year"] == 2024 and page.context["requirement"] == new
    past = client.get(url + "?year=2023")
    assert past.context["requirement"] == round_2023
    assert list(past.context["requirements"]) == [round_2023]


def test_my_tasks_open_on_the_latest_year_that_names_my_unit(world, hunan, client_for):
    campaign_2023 = factories.campaign()
    plan = campaign_services.notice_create(
        actor=hunan,
        campaign=campaign_2023,
        unit=world.unit("湖南省"),
        title="湖南省2023年方案",
        recipient_units=[world.unit("长沙市")],
    )
    activity = activity_create(actor=hunan, notice=plan, title="长沙启动仪式", window_text="9月")
    ActivityParticipant.objects.create(
        activity=activity,
        role=ActivityParticipant.Role.LEAD,
        name="长沙市局",
        unit=world.unit("长沙市"),
    )
    campaign_services.notice_issue(actor=hunan, notice=plan)
    open_2024(world)
    client = client_for(world.users["editor"])
    page = client.get(reverse("activities:my_tasks"))
    assert page.context["year"] == 2023 and "长沙启动仪式" in page.text
    assert "长沙启动仪式" not in client.get(reverse("activities:my_tasks") + "?year=2024").text


def test_a_unit_between_issuer_and_reporters_sees_the_round_its_subtree_reports_on(
    world, client_for
):
    """三明市 neither issues nor receives 永安市's plan, yet its dashboard shows its stations'
    reports: here 湖南省 above 长沙市's districts."""
    requirement = factories.issued_requirement(
        actor=world.users["editor"],
        unit=world.unit("长沙市"),
        recipients=[world.unit("芙蓉区"), world.unit("天心区")],
        title="长沙市2023年“质量月”活动方案",
    )
    viewer = make_user("hunan_viewer", world.unit("湖南省"), Role.VIEWER)
    page = client_for(viewer).get(reverse("dashboards:dashboard", args=[world.unit("湖南省").pk]))
    assert page.context["requirement"] == requirement
    assert page.context["data"]["total"]["expected"] == 2
