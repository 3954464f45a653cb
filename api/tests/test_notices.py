from activities.services import activity_create
from api.api import MSG_NOT_FOUND
from campaigns import services as campaign_services
from campaigns.models import Notice
from reports.tests import factories


def _plan_with_activities(reporting):
    actor = reporting.city_editor
    notice = campaign_services.notice_create(
        actor=actor,
        campaign=factories.campaign(),
        unit=reporting.unit("长沙市"),
        kind=Notice.Kind.PLAN,
        title="长沙市质量月活动安排",
        recipient_units=[reporting.unit("芙蓉区")],
    )
    activity_create(
        actor=actor,
        notice=notice,
        title="质量月启动仪式",
        window_text="9月",
        leads=["质量发展科"],
        supports=["办公室", "宣传科"],
    )
    activity_create(actor=actor, notice=notice, title="“你点我检”活动", window_text="9-10月")
    return campaign_services.notice_issue(actor=actor, notice=notice)


def test_a_county_lists_its_own_and_received_notices_but_not_a_siblings(reporting, api_client):
    titles = {
        n["title"] for n in api_client(reporting.furong_editor).get("/api/notices").json()["items"]
    }
    # 芙蓉区 received the city plan, and sees what reached its ancestors.
    assert "长沙市2023年“质量月”活动方案" in titles
    assert "湖南省2023年“质量月”活动实施方案" in titles
    zhuzhou = api_client(reporting.zhuzhou_editor).get("/api/notices").json()
    assert "长沙市2023年“质量月”活动方案" not in {n["title"] for n in zhuzhou["items"]}
    assert zhuzhou["count"] == len(zhuzhou["items"])


def test_notice_list_pages_and_filters(reporting, api_client):
    client = api_client(reporting.city_editor)
    page = client.get("/api/notices", {"limit": 1, "offset": 0, "year": 2023}).json()
    assert page["count"] == 2 and len(page["items"]) == 1
    assert client.get("/api/notices", {"year": 2020}).json()["count"] == 0
    bad = client.get("/api/notices", {"limit": 0})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "query.limit"


def test_notice_detail_outside_the_scope_is_404_and_tells_nothing(reporting, api_client):
    notice = reporting.city_req.notice
    response = api_client(reporting.zhuzhou_editor).get(f"/api/notices/{notice.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": MSG_NOT_FOUND}
    ok = api_client(reporting.furong_editor).get(f"/api/notices/{notice.pk}").json()
    assert ok["unit"]["name"] == "长沙市"
    assert [u["name"] for u in ok["recipients"]] == ["芙蓉区", "天心区"]


def test_activities_of_a_notice_with_their_lead_and_supporting_units(reporting, api_client):
    notice = _plan_with_activities(reporting)
    response = api_client(reporting.furong_editor).get(f"/api/notices/{notice.pk}/activities")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [a["title"] for a in items] == ["质量月启动仪式", "“你点我检”活动"]
    assert items[0]["leads"] == ["质量发展科"]
    assert items[0]["supports"] == ["办公室", "宣传科"]
    assert items[1]["window_text"] == "9-10月"
    denied = api_client(reporting.zhuzhou_editor).get(f"/api/notices/{notice.pk}/activities")
    assert denied.status_code == 404
