"""Collective names in a lead or support cell (各市州市场监督管理局, 各县（市、区）市场监管局,
各省级…, 各监管所) denote every unit of one level under the issuing unit: each of them finds
the activity in 我的任务, and the name is not flagged 未匹配."""

import pytest
from django.urls import reverse

from activities import selectors
from activities.collectives import collective_kind
from activities.services import activity_create
from activities.tests.plans import issue
from campaigns.services import notice_create
from core.testing.world import make_user
from orgs.models import OrgUnit
from orgs.scoping import Role

Kind = OrgUnit.Kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("各监管所", Kind.STATION),
        ("各市场监管所", Kind.STATION),
        ("各市州市场监督管理局", Kind.PREFECTURE),
        ("各市州局", Kind.PREFECTURE),
        ("各县（市、区）市场监管局", Kind.COUNTY),
        ("各省级市场监管部门", Kind.PROVINCE),
        ("各省、自治区、直辖市市场监管局", Kind.PROVINCE),
        # Some, not all: nobody is meant in particular.
        ("相关处室", None),
        ("各有关单位", None),
        ("各成员单位", None),
    ],
)
def test_a_collective_name_denotes_one_level(name, kind):
    assert collective_kind(name) == kind


@pytest.fixture
def hunan_plan(world, campaign):
    """An issued 湖南省 plan with one activity for all counties, one for all cities."""
    admin = make_user("hunan_admin", world.unit("湖南省"), Role.ADMIN)
    plan = notice_create(
        actor=admin,
        campaign=campaign,
        unit=world.unit("湖南省"),
        title="湖南省2023年“质量月”活动方案",
        recipient_units=[world.unit("长沙市"), world.unit("株洲市")],
    )
    activity_create(
        actor=admin,
        notice=plan,
        title="县级质量开放日",
        window_text="9月",
        leads=["各县（市、区）市场监管局"],
    )
    activity_create(
        actor=admin,
        notice=plan,
        title="市州质量宣传",
        window_text="9月",
        supports=["各市州市场监督管理局"],
    )
    return issue(plan, admin)


def test_each_county_sees_the_task_named_for_all_counties(world, hunan_plan):
    furong = make_user("furong_editor", world.unit("芙蓉区"), Role.EDITOR)
    tianxin = make_user("tianxin_viewer", world.unit("天心区"), Role.VIEWER)
    for user in (furong, tianxin):
        tasks = selectors.my_tasks(user)
        assert [t.title for t in tasks] == ["县级质量开放日"]
        assert tasks[0].my_role == "lead"


def test_each_city_sees_the_task_named_for_all_cities(world, hunan_plan):
    tasks = selectors.my_tasks(world.users["viewer"])  # 长沙市
    assert [(t.title, t.my_role) for t in tasks] == [("市州质量宣传", "support")]
    zhuzhou = make_user("zhuzhou_viewer", world.unit("株洲市"), Role.VIEWER)
    assert [t.title for t in selectors.my_tasks(zhuzhou)] == ["市州质量宣传"]


def test_units_outside_the_issuers_territory_do_not_see_it(world, hunan_plan):
    fujian = make_user("fujian_editor", world.unit("福建省"), Role.EDITOR)
    assert selectors.my_tasks(fujian) == []


def test_the_name_is_kept_whole_and_not_flagged_unmatched(world, hunan_plan, client_for):
    activity = hunan_plan.activities.get(title="县级质量开放日")
    lead = activity.participants.get()
    assert lead.name == "各县（市、区）市场监管局"
    assert set(lead.covered_units.values_list("name", flat=True)) == {"芙蓉区", "天心区"}
    admin = make_user("hunan_viewer", world.unit("湖南省"), Role.VIEWER)
    page = client_for(admin).get(reverse("activities:notice_page", args=[hunan_plan.pk]))
    html = page.content.decode()
    assert "各县（市、区）市场监管局" in html
    assert "未匹配" not in html


def test_a_station_sees_the_task_its_county_gave_all_stations(world, campaign):
    furong = world.unit("芙蓉区")
    admin = make_user("furong_admin", furong, Role.ADMIN)
    plan = notice_create(
        actor=admin,
        campaign=campaign,
        unit=furong,
        title="芙蓉区2023年“质量月”活动方案",
        recipient_units=[world.unit("芙蓉街道")],
    )
    activity_create(actor=admin, notice=plan, title="进社区宣传", supports=["各监管所"])
    issue(plan, admin)
    station = make_user("station_editor", world.unit("芙蓉街道"), Role.EDITOR)
    assert [t.title for t in selectors.my_tasks(station)] == ["进社区宣传"]
