import datetime
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from api import services
from core.testing.world import make_user
from orgs.scoping import Role
from reports.tests import factories


@dataclass
class Tree:
    """湖南省 asks 长沙市 and 株洲市 to report (province_req); 长沙市 asks 芙蓉区 and 天心区
    (city_req). One editor per unit, the world's 长沙市 users besides."""

    world: object
    province_req: object
    city_req: object
    users: dict

    def unit(self, name):
        return self.world.unit(name)


@pytest.fixture
def tree(world) -> Tree:
    users = {
        "hunan": make_user("hunan_editor", world.unit("湖南省"), Role.EDITOR),
        "changsha": world.users["editor"],
        "changsha_viewer": world.users["viewer"],
        "zhuzhou": make_user("zhuzhou_editor", world.unit("株洲市"), Role.EDITOR),
        "furong": make_user("furong_editor", world.unit("芙蓉区"), Role.EDITOR),
        "tianxin": make_user("tianxin_editor", world.unit("天心区"), Role.EDITOR),
    }
    due = timezone.localdate() + datetime.timedelta(days=10)
    province_req = factories.issued_requirement(
        actor=users["hunan"],
        unit=world.unit("湖南省"),
        recipients=[world.unit("长沙市"), world.unit("株洲市")],
        title="湖南省2023年“质量月”活动实施方案",
        due=due,
    )
    city_req = factories.issued_requirement(
        actor=users["changsha"],
        unit=world.unit("长沙市"),
        recipients=[world.unit("芙蓉区"), world.unit("天心区")],
        title="长沙市2023年“质量月”活动方案",
        due=due,
    )
    return Tree(world, province_req, city_req, users)


@pytest.fixture
def api_client():
    """A client calling the API with `user`'s fresh personal token."""

    def for_user(user) -> Client:
        key = services.token_create(actor=user, user=user, name="测试").key
        return Client(headers={"Authorization": f"Bearer {key}"})

    return for_user
