import datetime

from django.utils import timezone

from api.api import MSG_FORBIDDEN, MSG_NOT_EXPECTED
from reports.models import Report
from reports.services.autosave import MSG_NOT_NUMBER
from reports.services.submissions import MSG_MISSING_STATISTIC
from reports.tests import factories


def _draft(reporting, client, unit="芙蓉区", **body):
    return client.post(
        "/api/reports",
        {"requirement_id": reporting.city_req.pk, "unit_id": reporting.unit(unit).pk, **body},
        content_type="application/json",
    )


def test_a_county_starts_its_draft_with_summary_and_statistics(reporting, api_client):
    response = _draft(
        reporting,
        api_client(reporting.furong_editor),
        summary="9月1日举行启动仪式",
        values={"activities": "3", "participants": "1,200"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft" and body["version"] == 2
    assert {v["code"]: v["number"] for v in body["values"]} == {
        "activities": 3.0,
        "participants": 1200.0,
    }
    assert body["missing"] == []
    assert Report.objects.get(pk=body["id"]).summary == "9月1日举行启动仪式"


def test_starting_a_report_that_exists_answers_409_with_where_it_is(reporting, api_client):
    client = api_client(reporting.furong_editor)
    first = _draft(reporting, client).json()
    again = _draft(reporting, client)
    assert again.status_code == 409
    assert again.json()["report_id"] == first["id"]
    assert again.json()["current_version"] == first["version"]


def test_a_county_cannot_start_a_report_for_its_sibling(reporting, api_client):
    response = _draft(reporting, api_client(reporting.furong_editor), unit="天心区", summary="冒名")
    assert response.status_code == 404
    assert response.json()["detail"] == MSG_NOT_EXPECTED
    assert not Report.objects.exists()


def test_a_viewer_may_read_but_not_start_a_report(reporting, api_client):
    response = _draft(reporting, api_client(reporting.world.users["viewer"]), summary="只读")
    assert response.status_code == 403
    assert response.json()["detail"] == MSG_FORBIDDEN
    assert not Report.objects.exists()


def test_a_county_cannot_read_a_sibling_countys_report_but_the_city_can(reporting, api_client):
    report = factories.fill_and_submit(
        actor=reporting.tianxin_editor,
        expected=factories.expected(reporting.city_req, reporting.unit("天心区")),
    )
    furong = api_client(reporting.furong_editor)
    assert furong.get(f"/api/reports/{report.pk}").status_code == 404
    assert furong.get("/api/reports").json()["count"] == 0
    city = api_client(reporting.city_editor)
    assert city.get(f"/api/reports/{report.pk}").json()["unit"]["name"] == "天心区"
    assert [r["id"] for r in city.get("/api/reports").json()["items"]] == [report.pk]


def test_a_second_save_on_an_old_version_is_refused_with_409_and_nothing_overwritten(
    reporting, api_client
):
    client = api_client(reporting.furong_editor)
    report = _draft(reporting, client, summary="第一稿").json()
    url = f"/api/reports/{report['id']}"
    first = client.patch(
        url, {"version": report["version"], "summary": "甲的修改"}, content_type="application/json"
    )
    assert first.status_code == 200
    second = client.patch(
        url, {"version": report["version"], "summary": "乙的修改"}, content_type="application/json"
    )
    assert second.status_code == 409
    assert second.json()["current_version"] == first.json()["version"]
    assert Report.objects.get(pk=report["id"]).summary == "甲的修改"


def test_a_value_that_is_not_a_number_is_refused_with_422_naming_the_field(reporting, api_client):
    client = api_client(reporting.furong_editor)
    for bad in ("三场", "NaN", "Infinity"):
        response = _draft(reporting, client, values={"activities": bad})
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["field"] == "activities"
    assert not Report.objects.exists()


def test_saving_a_value_that_is_not_a_number_is_refused_with_422_and_the_draft_kept(
    reporting, api_client
):
    client = api_client(reporting.furong_editor)
    report = _draft(reporting, client, summary="第一稿", values={"activities": "3"}).json()
    for bad in ("三场", "NaN", "Infinity"):
        response = client.patch(
            f"/api/reports/{report['id']}",
            {"version": report["version"], "summary": "第二稿", "values": {"activities": bad}},
            content_type="application/json",
        )
        assert response.status_code == 422, bad
        [error] = response.json()["errors"]
        assert error == {"field": "activities", "message": MSG_NOT_NUMBER % {"label": "活动场次"}}
    saved = Report.objects.get(pk=report["id"])
    assert saved.summary == "第一稿" and saved.version == report["version"]


def test_text_with_a_nul_character_is_refused_before_the_database(reporting, api_client):
    response = _draft(reporting, api_client(reporting.furong_editor), summary="a\x00b")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.payload.summary"


def test_submitting_an_incomplete_report_lists_what_is_missing(reporting, api_client):
    client = api_client(reporting.furong_editor)
    report = _draft(reporting, client, summary="").json()
    response = client.post(
        f"/api/reports/{report['id']}/submit", {}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["missing"] == ["工作总结", MSG_MISSING_STATISTIC % {"label": "活动场次"}]
    assert Report.objects.get(pk=report["id"]).status == "draft"


def test_submit_on_time_then_late(reporting, api_client):
    client = api_client(reporting.furong_editor)
    report = _draft(reporting, client, summary="总结", values={"activities": "2"}).json()
    response = client.post(
        f"/api/reports/{report['id']}/submit",
        {"version": report["version"]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert response.json()["is_late"] is False

    factories.due_date_set(
        reporting.city_req, due=timezone.localdate() - datetime.timedelta(days=1)
    )
    tianxin = api_client(reporting.tianxin_editor)
    late = _draft(
        reporting, tianxin, unit="天心区", summary="总结", values={"activities": "1"}
    ).json()
    submitted = tianxin.post(
        f"/api/reports/{late['id']}/submit", {}, content_type="application/json"
    ).json()
    assert submitted["status"] == "submitted" and submitted["is_late"] is True


def test_a_county_cannot_submit_for_another_unit(reporting, api_client):
    report = factories.services.report_start(
        actor=reporting.tianxin_editor,
        expected=factories.expected(reporting.city_req, reporting.unit("天心区")),
    )
    response = api_client(reporting.furong_editor).post(
        f"/api/reports/{report.pk}/submit", {}, content_type="application/json"
    )
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.status == "draft"


def test_submitting_with_an_old_version_is_409(reporting, api_client):
    client = api_client(reporting.furong_editor)
    report = _draft(reporting, client, summary="总结", values={"activities": "2"}).json()
    client.patch(
        f"/api/reports/{report['id']}",
        {"version": report["version"], "summary": "改过"},
        content_type="application/json",
    )
    response = client.post(
        f"/api/reports/{report['id']}/submit",
        {"version": report["version"]},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert Report.objects.get(pk=report["id"]).status == "draft"
