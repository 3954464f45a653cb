import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from core.testing.world import make_user
from orgs.scoping import Role
from reports.tests import factories


@dataclass
class Reporting:
    """湖南省 asks 长沙市 and 株洲市 to report; 长沙市 asks 芙蓉区 and 天心区."""

    world: object
    province_req: object
    city_req: object
    hunan_editor: object
    furong_editor: object
    tianxin_editor: object
    zhuzhou_editor: object

    def unit(self, name):
        return self.world.unit(name)

    @property
    def city_editor(self):
        return self.world.users["editor"]


@pytest.fixture
def reporting(world) -> Reporting:
    hunan_editor = make_user(
        "hunan_editor", world.unit("湖南省"), Role.EDITOR, email="hunan@example.cn"
    )
    furong = make_user(
        "furong_editor", world.unit("芙蓉区"), Role.EDITOR, email="furong@example.cn"
    )
    tianxin = make_user(
        "tianxin_editor", world.unit("天心区"), Role.EDITOR, email="tianxin@example.cn"
    )
    zhuzhou = make_user(
        "zhuzhou_editor", world.unit("株洲市"), Role.EDITOR, email="zhuzhou@example.cn"
    )
    due = timezone.localdate() + datetime.timedelta(days=10)
    province_req = factories.issued_requirement(
        actor=hunan_editor,
        unit=world.unit("湖南省"),
        recipients=[world.unit("长沙市"), world.unit("株洲市")],
        title="湖南省2023年“质量月”活动实施方案",
        due=due,
    )
    city_req = factories.issued_requirement(
        actor=world.users["editor"],
        unit=world.unit("长沙市"),
        recipients=[world.unit("芙蓉区"), world.unit("天心区")],
        title="长沙市2023年“质量月”活动方案",
        due=due,
    )
    return Reporting(world, province_req, city_req, hunan_editor, furong, tianxin, zhuzhou)
