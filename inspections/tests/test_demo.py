"""The demo loader: a directory whose codes all pass, and Yong'an's plan drawn and published
in time, replayable; loading twice adds nothing."""

from activities.services import activity_create
from campaigns.models import Campaign, Notice
from campaigns.services import national_campaigns_load, notice_create
from core.testing.world import make_user
from entities.credit_code import is_valid
from entities.models import MarketEntity
from inspections import selectors
from inspections.demo import PLAN_TITLE, demo_inspections_load
from inspections.models import SamplingPlan
from orgs.divisions import Division
from orgs.models import OrgUnit
from orgs.scoping import Role
from orgs.services import divisions_load

STATIONS = ["燕西", "燕东", "燕南", "燕北", "贡川", "大湖"]


def test_the_demo_plan_is_drawn_published_in_time_and_loads_once(world):
    divisions_load(
        [
            Division("350000", "福建省", "province", None),
            Division("350400", "三明市", "prefecture", "350000"),
            Division("350481", "永安市", "county", "350400"),
        ]
        + [
            Division(f"350481{n:03d}", f"{name}市场监管所", "station", "350481")
            for n, name in enumerate(STATIONS, start=1)
        ]
    )
    national_campaigns_load()
    yongan = OrgUnit.objects.get(code="350481")
    clerk = make_user("yongan_editor", yongan, Role.EDITOR)
    make_user("admin", is_superuser=True)
    notice = notice_create(
        actor=clerk,
        campaign=Campaign.objects.get(year=2023),
        unit=yongan,
        title="永安市2023年“质量月”活动方案",
        kind=Notice.Kind.PLAN,
    )
    activity_create(
        actor=clerk,
        notice=notice,
        title="检验检测机构“双随机、一公开”监督检查",
        window_text="6-10月",
        leads=["质量科"],
        supports=["各监管所"],
    )

    counts = demo_inspections_load()

    entities = MarketEntity.objects.all()
    assert entities.count() == counts["entities"] >= 2 * len(STATIONS)
    assert all(is_valid(e.credit_code) for e in entities)
    plan = SamplingPlan.objects.get(title=PLAN_TITLE)
    assert plan.status == SamplingPlan.Status.PUBLISHED
    assert selectors.publication_state(plan).colour == selectors.DONE
    record = plan.draws.get()
    assert selectors.draw_replay(record).as_json() == record.outcome
    assert plan.targets.filter(outcome="").count() == 0

    again = demo_inspections_load()
    assert again == {"entities": 0, "inspectors": 0, "sampling_plans": 0}
