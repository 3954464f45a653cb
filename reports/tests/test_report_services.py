import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.errors import ConflictError
from reports import services
from reports.models import ExpectedReport, Report, ReportEvent
from reports.services import IncompleteReportError, ReportStateError
from reports.services.autosave import MSG_NOT_INTEGER, MSG_NOT_NUMBER
from reports.services.submissions import MSG_MISSING_PHOTO, MSG_MISSING_STATISTIC
from reports.tests import factories


def _expected(reporting, name):
    return factories.expected(reporting.city_req, reporting.unit(name))


def test_issuing_a_notice_with_a_requirement_makes_its_recipients_the_expected_set(reporting):
    units = set(
        ExpectedReport.objects.filter(requirement=reporting.city_req).values_list(
            "unit__name", flat=True
        )
    )
    assert units == {"芙蓉区", "天心区"}


def test_required_levels_limit_the_expected_set(reporting):
    requirement = factories.issued_requirement(
        actor=reporting.hunan_editor,
        unit=reporting.unit("湖南省"),
        recipients=[reporting.unit("长沙市"), reporting.unit("芙蓉区")],
        title="只要县级报送",
    )
    ExpectedReport.objects.filter(requirement=requirement).delete()
    services.requirement_save(
        actor=reporting.hunan_editor,
        notice=requirement.notice,
        due_date=requirement.due_date,
        materials=["工作总结"],
        levels=["county"],
    )
    assert list(requirement.expected.values_list("unit__name", flat=True)) == ["芙蓉区"]


def test_submitting_after_the_due_date_is_accepted_and_marked_late(reporting):
    reporting.city_req.due_date = timezone.localdate() - datetime.timedelta(days=1)
    reporting.city_req.save()
    report = factories.fill_and_submit(
        actor=reporting.furong_editor, expected=_expected(reporting, "芙蓉区")
    )
    assert report.status == Report.Status.SUBMITTED
    assert report.is_late is True
    assert report.events.get().is_late is True


def test_submitting_on_the_due_date_is_on_time(reporting):
    reporting.city_req.due_date = timezone.localdate()
    reporting.city_req.save()
    report = factories.fill_and_submit(
        actor=reporting.furong_editor, expected=_expected(reporting, "芙蓉区")
    )
    assert report.is_late is False


def test_a_save_based_on_a_stale_version_is_refused_and_changes_nothing(reporting):
    expected = _expected(reporting, "芙蓉区")
    report = services.report_start(actor=reporting.furong_editor, expected=expected)
    loaded_at = report.version
    services.report_save_draft(
        actor=reporting.furong_editor, report=report, version=loaded_at, summary="第一位同事的文字"
    )
    with pytest.raises(ConflictError) as exc:
        services.report_save_draft(
            actor=reporting.furong_editor,
            report=report,
            version=loaded_at,
            summary="第二位同事的文字",
        )
    assert exc.value.current_version == loaded_at + 1
    report.refresh_from_db()
    assert report.summary == "第一位同事的文字"


def test_a_report_without_its_required_materials_is_not_received(reporting):
    expected = _expected(reporting, "芙蓉区")
    report = services.report_start(actor=reporting.furong_editor, expected=expected)
    services.report_save_draft(
        actor=reporting.furong_editor, report=report, version=report.version, summary="有总结"
    )
    with pytest.raises(IncompleteReportError) as exc:
        services.report_submit(actor=reporting.furong_editor, report=report)
    assert exc.value.missing == [MSG_MISSING_STATISTIC % {"label": "活动场次"}]
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    assert not report.events.exists()


def test_photos_required_means_at_least_one_photo(reporting):
    reporting.city_req.materials = ["工作总结", "图片"]
    reporting.city_req.save()
    expected = _expected(reporting, "芙蓉区")
    report = services.report_start(actor=reporting.furong_editor, expected=expected)
    services.report_save_draft(
        actor=reporting.furong_editor,
        report=report,
        version=report.version,
        summary="总结",
        values={"activities": "3"},
    )
    with pytest.raises(IncompleteReportError) as exc:
        services.report_submit(actor=reporting.furong_editor, report=report)
    assert exc.value.missing == [MSG_MISSING_PHOTO]
    services.report_file_add(actor=reporting.furong_editor, report=report, upload=factories.photo())
    assert services.report_submit(actor=reporting.furong_editor, report=report).is_received


def test_a_double_submit_is_harmless(reporting):
    expected = _expected(reporting, "芙蓉区")
    report = factories.fill_and_submit(actor=reporting.furong_editor, expected=expected)
    again = services.report_submit(actor=reporting.furong_editor, report=report)
    assert again.submitted_at == report.submitted_at
    assert report.events.count() == 1


def test_non_numbers_in_numeric_statistics_are_refused_with_the_field_named(reporting):
    report = services.report_start(
        actor=reporting.furong_editor, expected=_expected(reporting, "芙蓉区")
    )
    with pytest.raises(ValidationError) as exc:
        services.report_save_draft(
            actor=reporting.furong_editor,
            report=report,
            version=report.version,
            values={"activities": "三场", "participants": "1.5"},
        )
    assert exc.value.message_dict == {
        "activities": [MSG_NOT_NUMBER % {"label": "活动场次"}],
        "participants": [MSG_NOT_INTEGER % {"label": "参与人数"}],
    }


def test_return_and_resubmission_keep_the_whole_history(reporting):
    expected = _expected(reporting, "芙蓉区")
    report = factories.fill_and_submit(actor=reporting.furong_editor, expected=expected)
    city = reporting.city_editor
    with pytest.raises(ValidationError):
        services.report_return(actor=city, report=report, reason="  ")
    services.report_return(actor=city, report=report, reason="请补充参与人数")
    report.refresh_from_db()
    assert report.status == Report.Status.RETURNED and not report.is_received
    report = services.report_save_draft(
        actor=reporting.furong_editor,
        report=report,
        version=report.version,
        values={"participants": "1200"},
    )
    services.report_submit(actor=reporting.furong_editor, report=report)
    services.report_accept(actor=city, report=report)
    events = list(report.events.values_list("kind", "reason", "actor__username"))
    assert events == [
        (ReportEvent.Kind.SUBMITTED, "", "furong_editor"),
        (ReportEvent.Kind.RETURNED, "请补充参与人数", "changsha_editor"),
        (ReportEvent.Kind.SUBMITTED, "", "furong_editor"),
        (ReportEvent.Kind.ACCEPTED, "", "changsha_editor"),
    ]


def test_a_submitted_report_cannot_be_edited_until_returned(reporting):
    report = factories.fill_and_submit(
        actor=reporting.furong_editor, expected=_expected(reporting, "芙蓉区")
    )
    with pytest.raises(ReportStateError):
        services.report_save_draft(
            actor=reporting.furong_editor, report=report, version=report.version, summary="改"
        )


def test_only_the_issuer_reviews_and_a_sibling_cannot_edit(reporting):
    report = factories.fill_and_submit(
        actor=reporting.furong_editor, expected=_expected(reporting, "芙蓉区")
    )
    with pytest.raises(PermissionDenied):
        services.report_accept(actor=reporting.furong_editor, report=report)
    with pytest.raises(PermissionDenied):
        services.report_accept(actor=reporting.zhuzhou_editor, report=report)
    other = services.report_start(
        actor=reporting.tianxin_editor, expected=_expected(reporting, "天心区")
    )
    with pytest.raises(PermissionDenied):
        services.report_save_draft(
            actor=reporting.furong_editor, report=other, version=None, summary="x"
        )


def test_removing_a_unit_from_the_expected_set_needs_and_keeps_a_reason(reporting):
    expected = _expected(reporting, "天心区")
    with pytest.raises(ValidationError):
        services.expected_remove(actor=reporting.city_editor, expected=expected, reason="")
    services.expected_remove(actor=reporting.city_editor, expected=expected, reason="机构撤并")
    expected.refresh_from_db()
    assert expected.removed_reason == "机构撤并" and expected.removed_by == reporting.city_editor
    with pytest.raises(ReportStateError):
        services.report_start(actor=reporting.tianxin_editor, expected=expected)


@pytest.mark.parametrize("text", ["NaN", "sNaN", "Infinity", "-inf"])
def test_not_a_number_spellings_are_refused_as_non_numbers(reporting, text):
    report = services.report_start(
        actor=reporting.furong_editor, expected=_expected(reporting, "芙蓉区")
    )
    with pytest.raises(ValidationError) as exc:
        services.report_save_draft(
            actor=reporting.furong_editor,
            report=report,
            version=report.version,
            values={"activities": text},
        )
    assert exc.value.message_dict == {"activities": [MSG_NOT_NUMBER % {"label": "活动场次"}]}
