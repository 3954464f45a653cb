"""A county (芙蓉区) running a sampling plan on the shared world (core.testing.world).

芙蓉区 gets two more 市场监管所 beside 芙蓉街道, so that 本地区回避 has something to avoid:
each station has two inspectors, and the directory has entities in every station and a few
in 天心区 (outside the plan's territory), in two fields.
"""

import datetime
from dataclasses import dataclass

import pytest

from activities.models import Activity
from activities.services import activity_create
from campaigns.models import Campaign, Notice
from campaigns.services import national_campaigns_load, notice_create
from core.testing.world import World, make_user
from entities.credit_code import with_check
from entities.models import Field, MarketEntity
from entities.services import entity_create
from inspections import services
from inspections.models import Inspector, SamplingPlan
from orgs.divisions import Division
from orgs.models import OrgUnit
from orgs.scoping import Role
from orgs.services import divisions_load

STATIONS = ["芙蓉街道", "定王台街道", "文艺路街道"]


def code(n: int, area: str = "430102") -> str:
    return with_check(f"91{area}MA{n:07d}")


@dataclass
class County:
    world: World
    unit: OrgUnit
    editor: object
    activity: Activity
    entities: list[MarketEntity]
    inspectors: list[Inspector]

    def plan(self, **overrides) -> SamplingPlan:
        values = {
            "title": "芙蓉区2023年检验检测机构“双随机、一公开”监督检查",
            "fields": [Field.VEHICLE, Field.ECOLOGY],
            "target_count": 5,
            "starts_on": datetime.date(2023, 6, 1),
            "ends_on": datetime.date(2023, 10, 31),
        }
        return services.plan_create(
            actor=self.editor, activity=self.activity, **(values | overrides)
        )


@pytest.fixture
def county(world) -> County:
    divisions_load(
        [
            Division("430102002", "定王台街道", "station", "430102"),
            Division("430102003", "文艺路街道", "station", "430102"),
        ]
    )
    national_campaigns_load()
    campaign = Campaign.objects.get(year=2023)
    furong = OrgUnit.objects.get(name="芙蓉区")
    editor = make_user("furong_editor", furong, Role.EDITOR)
    notice = notice_create(
        actor=editor,
        campaign=campaign,
        unit=furong,
        title="芙蓉区2023年“质量月”活动方案",
        kind=Notice.Kind.PLAN,
    )
    activity = activity_create(
        actor=editor,
        notice=notice,
        title="检验检测机构“双随机、一公开”监督检查",
        window_text="6-10月",
        leads=["质量科"],
    )
    stations = [OrgUnit.objects.get(name=name) for name in STATIONS]
    entities = []
    n = 0
    for station in stations:
        for field in (Field.VEHICLE, Field.ECOLOGY, Field.VEHICLE, Field.ECOLOGY):
            n += 1
            entities.append(
                entity_create(
                    actor=editor,
                    region=station,
                    name=f"{station.name}第{n}检测有限公司",
                    credit_code=code(n),
                    field=field,
                )
            )
    admin = world.users["admin"]
    tianxin = OrgUnit.objects.get(name="天心区")
    for m in range(3):
        entity_create(
            actor=admin,
            region=tianxin,
            name=f"天心区第{m + 1}机动车检测站",
            credit_code=code(100 + m, "430103"),
            field=Field.VEHICLE,
        )
    inspectors = []
    badge = 0
    for station in stations:
        for person in ("甲", "乙"):
            badge += 1
            inspectors.append(
                services.inspector_create(
                    actor=editor,
                    unit=station,
                    name=f"{station.name[:2]}{person}",
                    badge_no=f"43010200{badge:02d}",
                )
            )
    return County(world, furong, editor, activity, entities, inspectors)
