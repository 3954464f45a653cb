"""A small, real organization tree with one user per role, shared by the tests.

全国
├── 湖南省 (430000)
│   ├── 长沙市 (430100)             ← the users' unit in the permission matrix
│   │   ├── 芙蓉区 (430102)
│   │   │   └── 芙蓉市场监管所
│   │   └── 天心区 (430103)
│   └── 株洲市 (430200)             ← sibling of 长沙市
└── 福建省 (350000)                 ← unrelated to 长沙市
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from orgs.divisions import Division
from orgs.models import Membership, OrgUnit
from orgs.scoping import Role
from orgs.services import divisions_load, national_unit_get_or_create

PASSWORD = "correct horse battery staple"

DIVISIONS = [
    Division("430000", "湖南省", "province", None),
    Division("350000", "福建省", "province", None),
    Division("430100", "长沙市", "prefecture", "430000"),
    Division("430200", "株洲市", "prefecture", "430000"),
    Division("430102", "芙蓉区", "county", "430100"),
    Division("430103", "天心区", "county", "430100"),
    Division("430102001", "芙蓉街道", "station", "430102"),
]


@dataclass
class World:
    units: dict[str, OrgUnit] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)

    def unit(self, name: str) -> OrgUnit:
        return self.units[name]


def make_user(username: str, unit: OrgUnit | None = None, role: str | None = None, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if unit is not None:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


def build_world() -> World:
    world = World()
    nation = national_unit_get_or_create()
    divisions_load(DIVISIONS)
    world.units = {u.name: u for u in OrgUnit.objects.all()}
    world.units["全国"] = nation
    changsha = world.units["长沙市"]
    for role in Role:
        world.users[role.value] = make_user(f"changsha_{role.value}", changsha, role.value)
    world.users["national_admin"] = make_user("national_admin", nation, Role.ADMIN)
    world.users["nobody"] = make_user("nobody")
    return world


@dataclass
class Reporting:
    """The reporting world on top of the shared one: 湖南省 asks 长沙市 and 株洲市 to report
    (province_req); 长沙市 asks 芙蓉区 and 天心区 (city_req). One editor per unit; 长沙市's
    are the world's."""

    world: World
    province_req: object
    city_req: object
    hunan_editor: object
    furong_editor: object
    tianxin_editor: object
    zhuzhou_editor: object

    def unit(self, name: str) -> OrgUnit:
        return self.world.unit(name)

    @property
    def city_editor(self):
        return self.world.users["editor"]


def build_reporting(world: World) -> Reporting:
    # Imported here: the factories issue notices, and this module is also the plain world for
    # tests of apps below campaigns and reports.
    from reports.tests import factories

    hunan = make_user("hunan_editor", world.unit("湖南省"), Role.EDITOR, email="hunan@example.cn")
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
        actor=hunan,
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
    return Reporting(world, province_req, city_req, hunan, furong, tianxin, zhuzhou)
