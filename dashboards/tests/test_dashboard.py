import datetime
import json

from django.urls import reverse
from django.utils import timezone

from activities.models import ActivityCategory
from activities.services import activity_create
from campaigns.models import Campaign
from campaigns.services import notice_create
from core.testing.world import make_user
from dashboards import selectors
from notifications.models import Notification
from orgs.scoping import Role
from reports.models import SentReminder
from reports.tests import factories


def _data(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="dashboard-data" type="application/json">') + len(
        '<script id="dashboard-data" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_anonymous_users_are_sent_to_log_in(province, client):
    response = client.get(
        reverse("dashboards:dashboard", args=[province["world"].unit("湖南省").pk])
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_unit_outside_the_users_subtree_is_404(province, client_for):
    world = province["world"]
    client = client_for(world.users["editor"])  # 长沙市
    assert (
        client.get(reverse("dashboards:dashboard", args=[world.unit("湖南省").pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("dashboards:dashboard", args=[world.unit("株洲市").pk])).status_code
        == 404
    )


def test_the_province_sees_its_cities_with_the_late_one_in_red(province, client_for):
    world = province["world"]
    response = client_for(province["user"]).get(
        reverse("dashboards:dashboard", args=[world.unit("湖南省").pk])
    )
    assert response.status_code == 200
    data = _data(response)
    # The default requirement is the one the province issued.
    assert data["requirement"]["id"] == province["requirement"].pk
    assert data["map"] is None  # no vendored map of 湖南: bars only
    assert data["total"]["expected"] == 2
    assert data["total"]["received"] == 1
    assert data["total"]["completeness"] == 50.0
    children = {c["name"]: c for c in data["children"]}
    assert children["长沙市"]["completeness"] == 100.0
    assert children["长沙市"]["colour"] != selectors.RED
    assert children["株洲市"]["overdue"] == 1
    assert children["株洲市"]["colour"] == selectors.RED
    assert children["株洲市"]["url"] == reverse(
        "dashboards:dashboard", args=[world.unit("株洲市").pk]
    )
    # The no-JS tables carry the same: the overdue list names 株洲市.
    overdue = response.content.decode().split('id="table-overdue"')[1].split("</table>")[0]
    assert "株洲市" in overdue and "长沙市" not in overdue
    assert b"vendor/echarts/echarts.min.js" in response.content


def test_the_timeline_counts_submissions_per_day_up_to_the_due_date(province):
    world = province["world"]
    requirement = province["requirement"]
    timeline = selectors.timeline(world.unit("湖南省"), requirement, expected=2)
    today = timezone.localdate()
    assert timeline["due"] == (today - datetime.timedelta(days=1)).isoformat()
    assert today.isoformat() in timeline["days"]
    assert timeline["counts"][timeline["days"].index(today.isoformat())] == 1
    assert timeline["cumulative"][-1] == 1
    assert sum(timeline["counts"]) == 1


def test_echarts_is_loaded_only_on_the_dashboard(province, client_for):
    response = client_for(province["user"]).get(reverse("reports:index"))
    assert b"echarts" not in response.content


def test_remind_sends_reminders_to_the_overdue_units_only(province, client_for):
    world = province["world"]
    url = reverse("dashboards:remind", args=[world.unit("湖南省").pk])
    response = client_for(province["user"]).post(url, {"requirement": province["requirement"].pk})
    assert response.status_code == 302
    reminded = SentReminder.objects.values_list("expected__unit__name", flat=True)
    assert list(reminded) == ["株洲市"]
    assert Notification.objects.exists()


def test_a_viewer_cannot_remind(province, client_for):
    world = province["world"]
    url = reverse("dashboards:remind", args=[world.unit("长沙市").pk])
    response = client_for(world.users["viewer"]).post(
        url, {"requirement": province["requirement"].pk}
    )
    assert response.status_code == 403
    assert not SentReminder.objects.exists()


def test_the_activity_bars_count_the_subtrees_activities_of_the_campaign(province, client_for):
    world = province["world"]
    contest = ActivityCategory.objects.get_or_create(name="知识竞赛")[0]
    fujian = make_user("fujian_qc", world.unit("福建省"), Role.EDITOR)
    last_year = Campaign.objects.create(
        year=2022,
        theme="推动质量变革创新 促进质量强国建设",
        starts_on=datetime.date(2022, 9, 1),
        ends_on=datetime.date(2022, 9, 30),
    )
    for actor, unit, campaign, title, category, status in (
        (world.users["editor"], "芙蓉区", factories.campaign(), "知识竞赛", contest, "done"),
        (world.users["editor"], "长沙市", factories.campaign(), "开放日", None, "planned"),
        (world.users["editor"], "长沙市", factories.campaign(), "宣传周", None, "planned"),
        (world.users["editor"], "长沙市", last_year, "去年的活动", contest, "done"),
        (fujian, "福建省", factories.campaign(), "别省的活动", contest, "done"),
    ):
        notice = notice_create(
            actor=actor, campaign=campaign, unit=world.unit(unit), title=f"{unit}{title}方案"
        )
        activity_create(actor=actor, notice=notice, title=title, category=category, status=status)
    response = client_for(province["user"]).get(
        reverse("dashboards:dashboard", args=[world.unit("湖南省").pk])
    )
    bars = _data(response)["activities"]
    # This year's activities in 湖南省 only: most numerous first.
    assert bars["by_category"] == [["未分类", 2], ["知识竞赛", 1]]
    assert bars["by_status"] == [["已完成", 1], ["计划中", 2]]
