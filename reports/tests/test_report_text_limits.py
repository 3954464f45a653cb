"""What a report's texts may hold, checked by the server on every way in (the autosave, the
edit form, the API), and the autosave's rate limit: refused with a clear message, nothing
saved, never a 500."""

import json

from django.urls import reverse

from reports import services
from reports.models import Report
from reports.services.autosave import MSG_TEXT_UNSTORABLE
from reports.tests import factories


def _draft(reporting):
    expected = factories.expected(reporting.city_req, reporting.unit("芙蓉区"))
    report = services.report_start(actor=reporting.furong_editor, expected=expected)
    return expected, report


def _autosave(client, expected, body: str):
    return client.post(
        reverse("reports:report_autosave", args=[expected.pk]),
        body,
        content_type="application/json",
        HTTP_HX_REQUEST="true",
    )


def _unchanged(report) -> bool:
    stored = Report.objects.get(pk=report.pk)
    return stored.summary == report.summary and stored.version == report.version


def test_a_lone_surrogate_in_the_autosave_is_refused_with_a_message(reporting, client_for):
    expected, report = _draft(reporting)
    client = client_for(reporting.furong_editor)
    # JSON may carry half of a UTF-16 pair; no UTF-8 text (and no database) holds it.
    for body, label in (
        ('{"version": "1", "summary": "开展\\ud800活动", "problems": ""}', "工作总结"),
        ('{"version": "1", "summary": "", "problems": "\\udfff"}', "问题与建议"),
        ('{"version": "1", "summary": "开展", "stat_participants": "五百\\ud83d"}', "参与人数"),
    ):
        response = _autosave(client, expected, body)
        assert response.status_code == 400, body
        assert MSG_TEXT_UNSTORABLE % {"label": label} in response.content.decode()
    assert _unchanged(report)


def test_a_nul_character_in_a_statistic_is_refused_with_a_message(reporting, client_for):
    expected, report = _draft(reporting)
    body = json.dumps({"version": "1", "summary": "开展", "stat_participants": "五百\x00"})
    response = _autosave(client_for(reporting.furong_editor), expected, body)
    assert response.status_code == 400
    assert MSG_TEXT_UNSTORABLE % {"label": "参与人数"} in response.content.decode()
    assert _unchanged(report)


def test_a_summary_over_the_limit_is_refused_by_the_autosave_naming_the_limit(
    reporting, client_for, settings
):
    settings.QM_REPORT_TEXT_MAX_CHARS = 1000
    expected, report = _draft(reporting)
    body = json.dumps({"version": "1", "summary": "质" * 1001, "problems": ""}, ensure_ascii=False)
    response = _autosave(client_for(reporting.furong_editor), expected, body)
    assert response.status_code == 400
    assert services.MSG_TEXT_TOO_LONG % {"label": "工作总结", "n": 1001, "limit": 1000} in (
        response.content.decode()
    )
    assert _unchanged(report)
    # At the limit it saves.
    body = json.dumps({"version": "1", "summary": "质" * 1000, "problems": ""}, ensure_ascii=False)
    assert _autosave(client_for(reporting.furong_editor), expected, body).status_code == 200


def test_the_edit_form_refuses_a_long_text_and_keeps_what_was_typed(
    reporting, client_for, settings
):
    settings.QM_REPORT_TEXT_MAX_CHARS = 1000
    expected, report = _draft(reporting)
    typed = "问题" * 600
    response = client_for(reporting.furong_editor).post(
        reverse("reports:report_edit", args=[expected.pk]),
        {"version": report.version, "summary": "总结", "problems": typed},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert services.MSG_TEXT_TOO_LONG % {"label": "问题与建议", "n": 1200, "limit": 1000} in page
    assert typed in page
    assert _unchanged(report)


def test_a_text_statistic_over_its_length_is_refused_not_cut(reporting, client_for):
    requirement = factories.issued_requirement(
        actor=reporting.world.users["editor"],
        unit=reporting.unit("长沙市"),
        recipients=[reporting.unit("芙蓉区")],
        title="长沙市质量月统计（文字）",
        fields=[services.FieldSpec("主要做法", "practice", kind="text")],
    )
    expected = factories.expected(requirement, reporting.unit("芙蓉区"))
    report = services.report_start(actor=reporting.furong_editor, expected=expected)
    body = json.dumps({"version": "1", "summary": "", "stat_practice": "做" * 501})
    response = _autosave(client_for(reporting.furong_editor), expected, body)
    assert response.status_code == 400
    too_long = services.MSG_TEXT_TOO_LONG % {"label": "主要做法", "n": 501, "limit": 500}
    assert too_long in response.content.decode()
    assert not report.values.exists()


def test_the_api_refuses_a_summary_over_the_limit_naming_it(reporting, settings):
    from django.test import Client

    from api import services as api_services

    settings.QM_REPORT_TEXT_MAX_CHARS = 1000
    expected, report = _draft(reporting)
    user = reporting.furong_editor
    key = api_services.token_create(actor=user, user=user, name="测试").key
    response = Client(headers={"Authorization": f"Bearer {key}"}).patch(
        f"/api/reports/{report.pk}",
        {"version": report.version, "summary": "质" * 1001},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "summary",
            "message": services.MSG_TEXT_TOO_LONG % {"label": "工作总结", "n": 1001, "limit": 1000},
        }
    ]
    assert _unchanged(report)


def test_autosaves_faster_than_the_limit_are_refused_until_the_window_ends(
    reporting, client_for, settings
):
    settings.QM_AUTOSAVE_RATE_LIMIT = 3
    expected, report = _draft(reporting)
    client = client_for(reporting.furong_editor)
    statuses = []
    for i in range(5):
        version = Report.objects.get(pk=report.pk).version
        body = json.dumps({"version": str(version), "summary": f"第{i}稿"}, ensure_ascii=False)
        response = _autosave(client, expected, body)
        statuses.append(response.status_code)
    assert statuses == [200, 200, 200, 429, 429]
    assert services.MSG_AUTOSAVE_THROTTLED in response.content.decode()
    assert Report.objects.get(pk=report.pk).summary == "第2稿"
    # Another clerk is counted on their own.
    tianxin = factories.expected(reporting.city_req, reporting.unit("天心区"))
    services.report_start(actor=reporting.tianxin_editor, expected=tianxin)
    body = json.dumps({"version": "1", "summary": "天心区"}, ensure_ascii=False)
    assert _autosave(client_for(reporting.tianxin_editor), tianxin, body).status_code == 200
