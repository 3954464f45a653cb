"""No N+1 on the main pages: each page costs the same number of queries with a few rows as
with several times more (notices in the inbox and the list, activities in a plan, expected
and submitted reports, public activities)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity, ActivityParticipant
from core.testing.world import make_user
from orgs.scoping import Role
from reports.tests import factories

pytestmark = pytest.mark.django_db


class Growing:
    """The world's 长沙市 with `grow(n)` adding n of everything a list page shows."""

    def __init__(self, world) -> None:
        self.world = world
        self.editor = world.users["editor"]
        self.hunan_editor = make_user("hunan_qc", world.unit("湖南省"), Role.EDITOR)
        self.furong_editor = make_user("furong_qc", world.unit("芙蓉区"), Role.EDITOR)
        self.plan = factories.issued_requirement(
            actor=self.editor,
            unit=world.unit("长沙市"),
            recipients=[world.unit("芙蓉区"), world.unit("天心区")],
            title="长沙市2023年“质量月”活动方案",
            due=timezone.localdate() + datetime.timedelta(days=2),
        )
        self.rounds = 0

    def grow(self, n: int) -> None:
        changsha = self.world.unit("长沙市")
        for _ in range(n):
            self.rounds += 1
            factories.issued_requirement(
                actor=self.hunan_editor,
                unit=self.world.unit("湖南省"),
                recipients=[changsha, self.world.unit("株洲市")],
                title=f"湖南省第{self.rounds}号通知",
            )
            requirement = factories.issued_requirement(
                actor=self.editor,
                unit=changsha,
                recipients=[self.world.unit("芙蓉区"), self.world.unit("天心区")],
                title=f"长沙市第{self.rounds}号通知",
            )
            factories.fill_and_submit(
                actor=self.furong_editor,
                expected=factories.expected(requirement, self.world.unit("芙蓉区")),
            )
            activity = Activity.objects.create(
                notice=self.plan.notice,
                position=self.rounds,
                title=f"质量开放日第{self.rounds}场",
                starts_on=factories.campaign().starts_on,
                is_public=True,
            )
            ActivityParticipant.objects.create(
                activity=activity, role=ActivityParticipant.Role.LEAD, name="质量科", unit=changsha
            )

    def pages(self) -> dict[str, tuple]:
        changsha = self.world.unit("长沙市")
        notice = self.plan.notice
        return {
            "inbox": (self.editor, reverse("campaigns:inbox")),
            "notice list": (self.editor, reverse("campaigns:notice_list")),
            "notice detail": (self.editor, reverse("campaigns:notice_detail", args=[notice.pk])),
            "activity table": (self.editor, reverse("activities:notice_table", args=[notice.pk])),
            "my tasks": (self.editor, reverse("activities:my_tasks")),
            "supervision": (self.editor, reverse("reports:supervision", args=[changsha.pk])),
            "dashboard": (self.editor, reverse("dashboards:dashboard", args=[changsha.pk])),
            "messages": (self.editor, reverse("notifications:inbox")),
            "import list": (self.editor, reverse("imports:index")),
            "public home": (None, reverse("core:home") + "?month=2023-09"),
        }


def _count(client, user, url: str) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), response.content.decode()


def test_main_pages_cost_the_same_queries_with_three_rows_and_with_fifteen(world, client):
    growing = Growing(world)
    growing.grow(3)
    small = {name: _count(client, *page)[0] for name, page in growing.pages().items()}
    growing.grow(12)
    large = {name: _count(client, *page) for name, page in growing.pages().items()}
    # The larger pages really list the new rows …
    assert "湖南省第15号通知" in large["inbox"][1]
    assert "长沙市第15号通知" in large["notice list"][1]
    assert "质量开放日第15场" in large["activity table"][1]
    # … for the same number of queries.
    assert {name: count for name, (count, _html) in large.items()} == small


def test_the_pages_refuse_a_user_outside_the_unit(world, client):
    growing = Growing(world)
    outsider = make_user("zhuzhou_qc", world.unit("株洲市"), Role.EDITOR)
    client.force_login(outsider)
    pages = growing.pages()
    for name in ("notice detail", "activity table", "supervision", "dashboard"):
        assert client.get(pages[name][1]).status_code == 404, name
