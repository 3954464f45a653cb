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

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

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
