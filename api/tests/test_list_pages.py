"""The list operations answer one shape: a page of what the user may see, narrowed by the
query parameters given, with the count of the whole narrowed list (not of the page)."""

from campaigns import services as campaign_services
from campaigns.models import Notice
from reports import services as report_services
from reports.tests import factories


def _ids(response) -> list[int]:
    return [item["id"] for item in response.json()["items"]]


def _a_submitted_and_a_draft_report(reporting):
    submitted = factories.fill_and_submit(
        actor=reporting.furong_editor,
        expected=factories.expected(reporting.city_req, reporting.unit("芙蓉区")),
    )
    draft = report_services.report_start(
        actor=reporting.tianxin_editor,
        expected=factories.expected(reporting.city_req, reporting.unit("天心区")),
    )
    return submitted, draft


def test_report_list_narrows_by_status_and_by_requirement(reporting, api_client):
    submitted, draft = _a_submitted_and_a_draft_report(reporting)
    client = api_client(reporting.city_editor)
    assert _ids(client.get("/api/reports", {"status": "submitted"})) == [submitted.pk]
    assert _ids(client.get("/api/reports", {"status": "draft"})) == [draft.pk]
    both = client.get("/api/reports", {"requirement_id": reporting.city_req.pk})
    assert sorted(_ids(both)) == sorted([submitted.pk, draft.pk])
    none = client.get("/api/reports", {"requirement_id": reporting.province_req.pk})
    assert none.json() == {"count": 0, "items": []}


def test_a_narrowed_list_never_reaches_beyond_the_users_scope(reporting, api_client):
    _, draft = _a_submitted_and_a_draft_report(reporting)
    # 天心区's draft matches the filters, but 芙蓉区 is its sibling.
    furong = api_client(reporting.furong_editor).get(
        "/api/reports", {"status": "draft", "requirement_id": reporting.city_req.pk}
    )
    assert furong.json() == {"count": 0, "items": []}


def test_each_page_of_the_report_list_counts_the_whole_list(reporting, api_client):
    submitted, draft = _a_submitted_and_a_draft_report(reporting)
    client = api_client(reporting.city_editor)
    first = client.get("/api/reports", {"limit": 1, "offset": 0}).json()
    second = client.get("/api/reports", {"limit": 1, "offset": 1}).json()
    assert first["count"] == second["count"] == 2
    assert len(first["items"]) == len(second["items"]) == 1
    assert {first["items"][0]["id"], second["items"][0]["id"]} == {submitted.pk, draft.pk}
    past_the_end = client.get("/api/reports", {"offset": 2}).json()
    assert past_the_end == {"count": 2, "items": []}


def test_notice_list_narrows_by_status(reporting, api_client):
    draft = campaign_services.notice_create(
        actor=reporting.city_editor,
        campaign=factories.campaign(),
        unit=reporting.unit("长沙市"),
        kind=Notice.Kind.PLAN,
        title="长沙市质量月活动安排（草稿）",
    )
    client = api_client(reporting.city_editor)
    assert _ids(client.get("/api/notices", {"status": "draft"})) == [draft.pk]
    assert draft.pk not in _ids(client.get("/api/notices", {"status": "issued"}))
