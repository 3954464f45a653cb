"""The autosave's audit trail (core/audit.py): one entry per save that changes something,
written with the report in the same statement, naming every statistic whose value changed;
StatisticValue being an audited model adds no second entry on this path."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from core.audit import statistic_change_key
from reports.models import StatisticValue
from reports.tests.test_autosave import _autosave, _form, _report_log, _started


def test_a_changed_statistic_is_recorded_in_the_reports_one_entry(reporting, client_for):
    expected, report = _started(reporting, "芙蓉区", 3)
    client = client_for(reporting.furong_editor)
    _autosave(client, expected, _form(report, 3, "总结"))
    report.refresh_from_db()
    entries = _report_log(report).count()
    assert (
        _autosave(client, expected, _form(report, 3, "总结") | {"stat_f1": "42"}).status_code == 200
    )
    assert _report_log(report).count() == entries + 1
    entry = _report_log(report).latest("pk")
    assert entry.actor == reporting.furong_editor
    assert entry.changes_dict[statistic_change_key("指标1")] == ["2", "42"]
    assert statistic_change_key("指标0") not in entry.changes_dict
    assert "summary" not in entry.changes_dict
    # No entry of its own for the value: the report's entry is the one record.
    values = ContentType.objects.get_for_model(StatisticValue)
    assert not LogEntry.objects.filter(content_type=values).exists()


def test_the_first_save_records_each_value_from_empty(reporting, client_for):
    expected, report = _started(reporting, "芙蓉区", 2)
    _autosave(client_for(reporting.furong_editor), expected, _form(report, 2, "总结"))
    entry = _report_log(report).latest("pk")
    assert entry.changes_dict[statistic_change_key("指标0")] == ["", "1"]
    assert entry.changes_dict[statistic_change_key("指标1")] == ["", "2"]
