"""The report autosave (htmx, every pause in typing): few queries whatever the size of the
statistics form, nothing written when nothing changed, the audit trail of real changes, and
the same permission answers as the edit page."""

import json
from decimal import Decimal

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports import services
from reports.models import Report, ReportRequirement, StatisticValue
from reports.services.autosave import MSG_NOT_NUMBER
from reports.tests import factories
from reports.views.report import MSG_INCOMPLETE_DRAFT


# Session, user, the draft found, checked and locked with its stored values in one
# statement, the report update, the audit entry and one upsert of all values (on
# PostgreSQL the three writes are one statement), and the transaction (a savepoint in
# tests) around the save. The statistics form is kept by the process. The user's autosave
# counter (rate limit) is counted by the draft's statement on PostgreSQL, by one more
# statement on SQLite (a call into the same process, no round trip).
def max_autosave_queries() -> int:
    return 6 if connection.vendor == "postgresql" else 9


def _specs(n: int) -> list[services.FieldSpec]:
    return [services.FieldSpec(f"指标{i}", f"f{i}", unit_of_measure="项") for i in range(n)]


def _started(reporting, unit_name: str, fields: int, specs=None):
    """A requirement of 长沙市 with `fields` statistics (or `specs`), and `unit_name`'s
    draft on it (the edit page starts it before any autosave)."""
    requirement = factories.issued_requirement(
        actor=reporting.city_editor,
        unit=reporting.unit("长沙市"),
        recipients=[reporting.unit("芙蓉区"), reporting.unit("天心区")],
        title=f"长沙市质量月统计（{fields}项）",
        fields=specs or _specs(fields),
    )
    expected = factories.expected(requirement, reporting.unit(unit_name))
    actor = reporting.furong_editor if unit_name == "芙蓉区" else reporting.tianxin_editor
    report = services.report_start(actor=actor, expected=expected)
    return expected, report


def _form(report, fields: int, summary: str, base: int = 1) -> dict:
    return {
        "version": report.version,
        "summary": summary,
        "problems": "",
        **{f"stat_f{i}": str(base + i) for i in range(fields)},
    }


def _autosave(client, expected, data):
    """As the edit page's script posts it: the fields as a JSON object of texts."""
    return client.post(
        reverse("reports:report_autosave", args=[expected.pk]),
        json.dumps({name: str(value) for name, value in data.items()}, ensure_ascii=False),
        content_type="application/json",
        HTTP_HX_REQUEST="true",
    )


def _report_log(report):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Report), object_pk=str(report.pk)
    )


def test_an_autosave_takes_the_same_few_queries_with_7_or_20_statistics(reporting, client_for):
    counts = {}
    for fields, unit_name, editor in (
        (7, "芙蓉区", reporting.furong_editor),
        (20, "天心区", reporting.tianxin_editor),
    ):
        expected, report = _started(reporting, unit_name, fields)
        client = client_for(editor)
        # First save inserts the values, the second updates every one of them.
        assert _autosave(client, expected, _form(report, fields, "第一稿")).status_code == 200
        report.refresh_from_db()
        with CaptureQueriesContext(connection) as queries:
            response = _autosave(client, expected, _form(report, fields, "第二稿", base=100))
        assert response.status_code == 200
        counts[fields] = len(queries)
        assert sorted(
            StatisticValue.objects.filter(report=report).values_list("number", flat=True)
        ) == [Decimal(100 + i) for i in range(fields)]
    assert counts[7] == counts[20], counts
    assert counts[7] <= max_autosave_queries(), counts


def test_an_autosave_answers_the_new_version_for_the_next_save(reporting, client_for):
    expected, report = _started(reporting, "芙蓉区", 7)
    response = _autosave(
        client_for(reporting.furong_editor), expected, _form(report, 7, "启动仪式")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f'name="version" value="{report.version + 1}"' in body
    assert 'hx-swap-oob="true"' in body
    # Only the status line and the version go back, not the form again.
    assert "<textarea" not in body and "stat_f0" not in body


def test_an_autosave_that_changes_nothing_keeps_the_version_and_writes_no_audit_entry(
    reporting, client_for
):
    expected, report = _started(reporting, "芙蓉区", 7)
    client = client_for(reporting.furong_editor)
    assert _autosave(client, expected, _form(report, 7, "启动仪式")).status_code == 200
    report.refresh_from_db()
    version, entries = report.version, _report_log(report).count()
    # "1,0" and "1" are the same figure as stored.
    data = _form(report, 7, "启动仪式") | {"stat_f0": "1.0"}
    response = _autosave(client, expected, data)
    assert response.status_code == 200
    assert f'name="version" value="{version}"' in response.content.decode()
    report.refresh_from_db()
    assert report.version == version
    assert _report_log(report).count() == entries


def test_an_autosave_audits_the_change_by_whom_it_was_made(reporting, client_for):
    expected, report = _started(reporting, "芙蓉区", 7)
    client = client_for(reporting.furong_editor)
    _autosave(client, expected, _form(report, 7, "第一稿"))
    report.refresh_from_db()
    _autosave(client, expected, _form(report, 7, "第二稿"))
    entry = _report_log(report).latest("pk")
    assert entry.actor == reporting.furong_editor
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.changes_dict["summary"] == ["第一稿", "第二稿"]
    assert "problems" not in entry.changes_dict


def test_a_changed_statistic_alone_makes_a_new_version(reporting, client_for):
    expected, report = _started(reporting, "芙蓉区", 7)
    client = client_for(reporting.furong_editor)
    _autosave(client, expected, _form(report, 7, "总结"))
    report.refresh_from_db()
    version = report.version
    assert (
        _autosave(client, expected, _form(report, 7, "总结") | {"stat_f3": "42"}).status_code == 200
    )
    report.refresh_from_db()
    assert report.version == version + 1
    assert StatisticValue.objects.get(report=report, field__code="f3").number == 42
    assert StatisticValue.objects.filter(report=report).count() == 7


def test_a_refused_figure_saves_nothing(reporting, client_for):
    expected, report = _started(reporting, "芙蓉区", 7)
    response = _autosave(
        client_for(reporting.furong_editor),
        expected,
        _form(report, 7, "新的总结") | {"stat_f2": "三场"},
    )
    assert response.status_code == 400
    label = report.requirement.statistic_fields.get(code="f2").label
    assert MSG_NOT_NUMBER % {"label": label} in response.content.decode()
    report.refresh_from_db()
    assert report.summary == "" and not StatisticValue.objects.filter(report=report).exists()


def test_an_autosave_to_a_unit_removed_from_the_expected_set_is_refused(reporting, client_for):
    expected, report = _started(reporting, "芙蓉区", 7)
    services.expected_remove(actor=reporting.city_editor, expected=expected, reason="机构撤并")
    response = _autosave(client_for(reporting.furong_editor), expected, _form(report, 7, "x"))
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.summary == ""


def test_the_autosave_is_denied_outside_the_scope_and_to_a_viewer(reporting, client_for, client):
    expected, report = _started(reporting, "芙蓉区", 7)
    data = _form(report, 7, "不应保存")
    assert _autosave(client_for(reporting.tianxin_editor), expected, data).status_code == 404
    assert _autosave(client_for(reporting.zhuzhou_editor), expected, data).status_code == 404
    assert _autosave(client_for(reporting.world.users["viewer"]), expected, data).status_code == 403
    client.logout()
    assert _autosave(client, expected, data).status_code == 302
    report.refresh_from_db()
    assert report.summary == "" and report.version == 1


def test_an_autosave_follows_the_statistics_form_as_changed_meanwhile(reporting, client_for):
    expected, report = _started(reporting, "芙蓉区", 3)
    client = client_for(reporting.furong_editor)
    assert _autosave(client, expected, _form(report, 3, "第一稿")).status_code == 200
    # The city adds an indicator while the unit is typing (the form is kept per process).
    requirement = expected.requirement
    services.requirement_save(
        actor=reporting.city_editor,
        notice=requirement.notice,
        due_date=requirement.due_date,
        materials=requirement.materials,
        levels=requirement.levels,
        fields=_specs(4),
    )
    report.refresh_from_db()
    assert _autosave(client, expected, _form(report, 4, "第二稿", base=10)).status_code == 200
    assert StatisticValue.objects.get(report=report, field__code="f3").number == 13


def test_an_autosave_before_the_draft_exists_starts_it(reporting, client_for):
    expected, report = _started(reporting, "芙蓉区", 3)
    report.delete()  # as if the edit page had never been opened
    response = _autosave(
        client_for(reporting.furong_editor), expected, _form(report, 3, "直接保存") | {"version": 1}
    )
    assert response.status_code == 200
    saved = Report.objects.get(expected=expected)
    assert saved.summary == "直接保存" and saved.version == 2


def test_the_audit_entry_of_an_autosave_names_the_report_as_everywhere_else(reporting, client_for):
    expected, report = _started(reporting, "芙蓉区", 3)
    _autosave(client_for(reporting.furong_editor), expected, _form(report, 3, "第一稿"))
    entry = _report_log(report).latest("pk")
    # The save reads only some columns of the notice, requirement and unit: the label the
    # history shows is still the one the whole rows give.
    assert entry.object_repr == str(Report.objects.get(pk=report.pk))
    assert "长沙市质量月统计（3项）" in entry.object_repr and "芙蓉区" in entry.object_repr


def test_the_autosaved_draft_carries_its_requirement_as_read_by_django(reporting):
    expected, report = _started(reporting, "芙蓉区", 3)
    saved = services.report_save_draft(
        actor=reporting.furong_editor,
        expected_pk=expected.pk,
        version=report.version,
        summary="第一稿",
    )
    stored = ReportRequirement.objects.get(pk=expected.requirement_id)
    # Dates and times of the hand-written statement come converted (SQLite returns text).
    assert saved.requirement.due_date == stored.due_date
    assert saved.requirement.updated_at == stored.updated_at
    assert saved.unit.path == expected.unit.path
    # What the statement did not read is loaded when asked, not a blank default.
    assert saved.requirement.materials == stored.materials
    assert saved.unit.kind == expected.unit.kind


def test_an_autosave_posted_as_a_form_saves_too(reporting, client_for):
    # A page loaded before the script changed, or a client without it.
    expected, report = _started(reporting, "芙蓉区", 3)
    response = client_for(reporting.furong_editor).post(
        reverse("reports:report_autosave", args=[expected.pk]),
        _form(report, 3, "表单提交的草稿"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.summary == "表单提交的草稿"
    assert StatisticValue.objects.get(report=report, field__code="f2").number == 3


def test_a_malformed_autosave_is_refused_with_a_message_and_changes_nothing(reporting, client_for):
    expected, report = _started(reporting, "芙蓉区", 3)
    client = client_for(reporting.furong_editor)
    url = reverse("reports:report_autosave", args=[expected.pk])
    for body in (
        '{"version": "1", "summary": "截断',  # cut off in transit
        '["1", "摘要"]',  # not an object
        json.dumps({"version": 1, "summary": ["列表"]}),  # not texts
    ):
        response = client.post(url, body, content_type="application/json", HTTP_HX_REQUEST="true")
        assert response.status_code == 400, body
        assert MSG_INCOMPLETE_DRAFT in response.content.decode()
    report.refresh_from_db()
    assert report.summary == "" and report.version == 1


def test_a_figure_with_decimals_reads_back_as_stored(reporting, client_for):
    specs = _specs(3)
    specs[1] = services.FieldSpec("抽检合格率", "f1", kind="decimal", unit_of_measure="%")
    expected, report = _started(reporting, "芙蓉区", 3, specs=specs)
    client = client_for(reporting.furong_editor)
    assert (
        _autosave(client, expected, _form(report, 3, "总结") | {"stat_f1": "12.3"}).status_code
        == 200
    )
    report.refresh_from_db()
    version = report.version
    # The same figure written differently is no change (SQLite returns it as a float).
    assert (
        _autosave(client, expected, _form(report, 3, "总结") | {"stat_f1": "12.30"}).status_code
        == 200
    )
    report.refresh_from_db()
    assert report.version == version
    assert StatisticValue.objects.get(report=report, field__code="f1").number == Decimal("12.3")


def test_the_audit_entry_of_an_autosave_has_the_address_and_email_of_the_clerk(
    reporting, client_for
):
    expected, report = _started(reporting, "芙蓉区", 3)
    _autosave(client_for(reporting.furong_editor), expected, _form(report, 3, "第一稿"))
    entry = _report_log(report).latest("pk")
    assert entry.remote_addr == "127.0.0.1"
    assert entry.actor_email == reporting.furong_editor.email
    assert entry.changes_dict["version"] == [str(report.version), str(report.version + 1)]
