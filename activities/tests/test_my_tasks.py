"""我的任务: activities naming the user's units or their departments, across issued notices."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities import selectors
from activities.models import Activity, ActivityParticipant
from activities.services import activity_create
from activities.tests.plans import issue
from campaigns.services import notice_create, notice_issue
from core.testing.world import make_user
from orgs.scoping import Role

LEAD, SUPPORT = ActivityParticipant.Role.LEAD, ActivityParticipant.Role.SUPPORT


@pytest.fixture
def province_plan(world, campaign, departments):
    """An issued 湖南省 plan delivered to 长沙市 and 株洲市: one item for each city's 质量科."""
    hunan_admin = make_user("hunan_admin", world.unit("湖南省"), Role.ADMIN)
    plan = notice_create(
        actor=hunan_admin,
        campaign=campaign,
        unit=world.unit("湖南省"),
        title="湖南省2023年“质量月”活动方案",
        recipient_units=[world.unit("长沙市"), world.unit("株洲市")],
    )
    zhuzhou = activity_create(
        actor=hunan_admin, notice=plan, title="株洲质量开放日", window_text="9月"
    )
    ActivityParticipant.objects.create(
        activity=zhuzhou, role=LEAD, name="株洲市局质量科", department=departments["株洲质量科"]
    )
    changsha = activity_create(
        actor=hunan_admin, notice=plan, title="长沙启动仪式", window_text="8月"
    )
    ActivityParticipant.objects.create(
        activity=changsha, role=SUPPORT, name="长沙市局", unit=world.unit("长沙市")
    )
    return notice_issue(actor=hunan_admin, notice=plan)


def titles(tasks) -> list[str]:
    return [t.title for t in tasks]


def fresh(user):
    return get_user_model().objects.get(pk=user.pk)  # no cached grants


def test_my_tasks_lists_lead_and_support_rows_of_my_departments_not_a_siblings(
    world, plan, province_plan
):
    issue(plan, world.users["editor"])
    tasks = selectors.my_tasks(fresh(world.users["viewer"]))
    assert titles(tasks) == [
        "长沙启动仪式",
        "加大宣传力度，营造“质量月”浓厚氛围",
        "营造计量放心消费环境",
    ]
    assert [t.my_role for t in tasks] == [SUPPORT, LEAD, LEAD]
    zhuzhou_clerk = make_user("zhuzhou", world.unit("株洲市"), Role.EDITOR)
    assert titles(selectors.my_tasks(zhuzhou_clerk)) == ["株洲质量开放日"]


def test_drafts_are_not_tasks(world, plan):
    assert selectors.my_tasks(fresh(world.users["editor"])) == []


def test_my_tasks_filters_by_role_and_status(world, plan, province_plan):
    issue(plan, world.users["editor"])
    Activity.objects.filter(title="营造计量放心消费环境").update(status=Activity.Status.DONE)
    user = fresh(world.users["editor"])
    assert titles(selectors.my_tasks(user, role=SUPPORT)) == ["长沙启动仪式"]
    assert titles(selectors.my_tasks(user, role=LEAD, status="done")) == ["营造计量放心消费环境"]


def test_overdue_and_due_soon_markers_follow_the_window_end(world, plan):
    issue(plan, world.users["editor"])
    user = fresh(world.users["editor"])
    late = selectors.my_tasks(user, today=datetime.date(2023, 10, 5))
    assert [t.flag for t in late] == ["overdue", ""]  # 9月 has ended; 9-10月 ends 31 October
    assert [t.flag for t in selectors.my_tasks(user, today=datetime.date(2023, 9, 25))] == [
        "due_soon",
        "",
    ]


def test_my_tasks_takes_the_same_few_queries_however_many_rows(world, plan, province_plan):
    issue(plan, world.users["editor"])
    user = fresh(world.users["editor"])
    with CaptureQueriesContext(connection) as few:
        assert len(selectors.my_tasks(user)) == 3
    for n in range(5):
        Activity.objects.create(notice=plan, title=f"追加{n}", position=10 + n).participants.create(
            role=LEAD, name="质量科", department=plan.unit.departments.get(name="质量科")
        )
    user = fresh(world.users["editor"])
    with CaptureQueriesContext(connection) as many:
        assert len(selectors.my_tasks(user)) == 8
    # grants, the rows (visibility, roles and notice in one SELECT), their participants
    assert len(few) == len(many) == 3


def test_my_tasks_page_shows_role_and_notice_and_needs_a_login(world, plan, client, client_for):
    issue(plan, world.users["editor"])
    url = reverse("activities:my_tasks")
    assert client.get(url).status_code == 302  # anonymous: to the login page
    html = client_for(world.users["viewer"]).get(url + "?role=lead").content.decode()
    assert "营造计量放心消费环境" in html and plan.title in html and "牵头" in html
    assert "2023年9月1日" in html
    nobody = client_for(world.users["nobody"]).get(url).content.decode()
    assert "营造计量放心消费环境" not in nobody and "暂无任务" in nobody
