"""A draft plan of 长沙市 with two activities, on the shared world (core.testing.world)."""

import pytest

from activities.services import activity_create
from campaigns.models import Campaign, Notice
from campaigns.services import national_campaigns_load, notice_create
from orgs.models import Department


@pytest.fixture
def campaign(world) -> Campaign:
    national_campaigns_load()
    return Campaign.objects.get(year=2023)


@pytest.fixture
def departments(world) -> dict[str, Department]:
    changsha = world.unit("长沙市")
    return {
        "质量科": Department.objects.create(unit=changsha, name="质量科"),
        "办公室": Department.objects.create(unit=changsha, name="办公室"),
        "计量所": Department.objects.create(unit=changsha, name="计量所"),
        "株洲质量科": Department.objects.create(unit=world.unit("株洲市"), name="质量科"),
    }


@pytest.fixture
def plan(world, campaign, departments) -> Notice:
    editor = world.users["editor"]
    plan = notice_create(
        actor=editor,
        campaign=campaign,
        unit=world.unit("长沙市"),
        title="长沙市2023年“质量月”活动方案",
        kind=Notice.Kind.PLAN,
        recipient_units=[world.unit("芙蓉区"), world.unit("天心区")],
    )
    activity_create(
        actor=editor,
        notice=plan,
        title="加大宣传力度，营造“质量月”浓厚氛围",
        content="在单位办公大楼电子屏滚动播放“质量月”宣传口号",
        window_text="9 月",
        leads=["质量科"],
        supports=["办公室"],
    )
    activity_create(
        actor=editor,
        notice=plan,
        title="营造计量放心消费环境",
        content="开展定量包装商品计量监督检查。",
        window_text="9-10 月",
        leads=["质量科"],
        supports=["计量所", "各监管所"],
    )
    return plan
