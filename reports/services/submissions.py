"""A unit's report: starting it, files, typical cases, submission and review. Its drafts are
saved by `reports.services.autosave`."""

from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.audit import set_actor
from core.errors import ConflictError
from notifications.services import notify
from orgs import scoping
from reports import rules, tallies, uploads
from reports.models import (
    ExpectedReport,
    Material,
    Report,
    ReportEvent,
    ReportFile,
    TypicalCase,
)
from reports.services.common import (
    MSG_NOT_EDITABLE,
    MSG_NOT_EXPECTED,
    IncompleteReportError,
    ReportStateError,
    _lock_report,
)

# What a submission still lacks, as listed to the reporting unit.
MSG_MISSING_STATISTIC = gettext_noop("统计指标“%(label)s”")
MSG_MISSING_PHOTO = gettext_noop("至少一张图片")
MSG_RETURNED_TITLE = gettext_noop("报送材料被退回：%(n)s")

# --- Starting a report ---------------------------------------------------------------------


def report_start(*, actor, expected: ExpectedReport) -> Report:
    """The unit's report on the requirement, created as an empty draft on first use."""
    scoping.require(actor, scoping.Action.EDIT, expected.unit)
    if expected.removed_at:
        raise ReportStateError(_(MSG_NOT_EXPECTED))
    try:
        # Through the reverse accessor the report keeps the expected report it was reached
        # from (with its unit and requirement), so later steps need not read them again.
        return expected.report
    except Report.DoesNotExist:
        pass
    with transaction.atomic(), set_actor(actor):
        report, _created = Report.objects.get_or_create(expected=expected)
    report.expected = expected
    return report


@transaction.atomic
def report_file_add(
    *, actor, report: Report, upload, caption: str = "", case: TypicalCase | None = None
) -> ReportFile:
    """Attach a photo or video, checked by content and size; photos get a thumbnail. The
    file is written through the default storage (local disk or S3)."""
    report = _lock_report(report)
    scoping.require(actor, scoping.Action.EDIT, report.unit)
    if not report.is_editable:
        raise ReportStateError(_(MSG_NOT_EDITABLE))
    checked = uploads.check_upload(upload)
    with set_actor(actor):
        item = ReportFile(
            report=report,
            case=case,
            kind=checked.kind,
            original_name=(upload.name or "")[:255],
            content_type=checked.content_type,
            size=upload.size,
            caption=caption[:200],
        )
        item.file.save(f"upload.{checked.extension}", upload, save=False)
        if checked.kind == ReportFile.Kind.PHOTO:
            thumb = uploads.make_thumbnail(upload)
            if thumb is not None:
                item.thumbnail.save("thumb.jpg", thumb, save=False)
        try:
            item.save()
        except Exception:
            # Keep the bucket free of objects no row points to.
            for name in (item.file.name, item.thumbnail.name):
                if name:
                    item.file.storage.delete(name)
            raise
    return item


@transaction.atomic
def report_file_remove(*, actor, item: ReportFile) -> None:
    report = _lock_report(item.report)
    scoping.require(actor, scoping.Action.EDIT, report.unit)
    if not report.is_editable:
        raise ReportStateError(_(MSG_NOT_EDITABLE))
    names = [item.file.name, item.thumbnail.name]
    storage = item.file.storage
    with set_actor(actor):
        item.delete()
    transaction.on_commit(lambda: [storage.delete(n) for n in names if n])


@transaction.atomic
def case_add(
    *, actor, report: Report, title: str, unit_name: str, description: str, uploads_=()
) -> TypicalCase:
    """Add a typical case (典型案例) with its photos or videos."""
    report = _lock_report(report)
    scoping.require(actor, scoping.Action.EDIT, report.unit)
    if not report.is_editable:
        raise ReportStateError(_(MSG_NOT_EDITABLE))
    with set_actor(actor):
        case = TypicalCase(
            report=report, title=title.strip(), unit_name=unit_name.strip(), description=description
        )
        case.full_clean()
        case.save()
    for upload in uploads_:
        report_file_add(actor=actor, report=report, upload=upload, case=case)
    return case


@transaction.atomic
def case_remove(*, actor, case: TypicalCase) -> None:
    report = _lock_report(case.report)
    scoping.require(actor, scoping.Action.EDIT, report.unit)
    if not report.is_editable:
        raise ReportStateError(_(MSG_NOT_EDITABLE))
    for item in case.files.all():
        report_file_remove(actor=actor, item=item)
    with set_actor(actor):
        case.delete()


# --- Submission and review -------------------------------------------------------------


def report_missing(report: Report, *, prefilled: Collection[int] = ()) -> list[str]:
    """The required materials the report still lacks, in words the clerk understands.
    `prefilled` names statistic fields (by pk) the edit page fills in from its pre-fill: they
    are saved with the report when the page saves, so the page does not ask for them."""
    requirement = report.requirement
    missing: list[str] = []
    if requirement.requires(Material.SUMMARY) and not report.summary.strip():
        missing.append(_("工作总结"))
    filled = {
        v.field_id
        for v in report.values.all()
        if v.number is not None or (v.text and not v.field.is_numeric)
    }
    for field in requirement.statistic_fields.all():
        if field.required and field.pk not in filled and field.pk not in prefilled:
            missing.append(_(MSG_MISSING_STATISTIC) % {"label": field.label})
    kinds = set(report.files.values_list("kind", flat=True))
    if requirement.requires(Material.PHOTOS) and ReportFile.Kind.PHOTO not in kinds:
        missing.append(_(MSG_MISSING_PHOTO))
    if requirement.requires(Material.VIDEOS) and ReportFile.Kind.VIDEO not in kinds:
        missing.append(_("至少一段视频"))
    if requirement.requires(Material.CASES) and not report.cases.exists():
        missing.append(_("至少一个典型案例"))
    if requirement.requires(Material.PROBLEMS) and not report.problems.strip():
        missing.append(_("问题与建议"))
    return missing


@transaction.atomic
def report_submit(*, actor, report: Report, version: int | None = None) -> Report:
    """Submit (报送) the report. Only a complete report is received; after the due date it is
    accepted and marked late. Submitting an already submitted report changes nothing."""
    report = _lock_report(report)
    scoping.require(actor, scoping.Action.EDIT, report.unit)
    if report.is_received:
        return report
    if version is not None and report.version != version:
        raise ConflictError(report.version)
    if report.expected.removed_at:
        raise ReportStateError(_(MSG_NOT_EXPECTED))
    missing = report_missing(report)
    if missing:
        raise IncompleteReportError(missing)
    now = timezone.now()
    late = rules.is_late(due=report.requirement.due_date, submitted_on=timezone.localdate(now))
    active = tallies.report_active(report)
    before = tallies.contribution(active=active, status=report.status, is_late=report.is_late)
    with set_actor(actor):
        report.status = Report.Status.SUBMITTED
        report.submitted_at = now
        if report.first_submitted_at is None:
            report.first_submitted_at = now
            report.is_late = late
        report.version += 1
        report.save()
        _tally(report, active, before)
        ReportEvent.objects.create(
            report=report, kind=ReportEvent.Kind.SUBMITTED, actor=actor, is_late=late
        )
    return report


def _tally(report: Report, active: bool, before: tallies.Counts) -> None:
    """Carry the report's new state into the completeness tallies (same transaction)."""
    after = tallies.contribution(active=active, status=report.status, is_late=report.is_late)
    tallies.expected_shift(
        report.expected.requirement_id, report.unit, tallies.difference(after, before)
    )


def _require_reviewer(actor, report: Report) -> None:
    scoping.require(actor, scoping.Action.EDIT, report.requirement.notice.unit)


@transaction.atomic
def report_accept(*, actor, report: Report) -> Report:
    """The superior accepts (采用) a submitted report. Accepting twice changes nothing."""
    report = _lock_report(report)
    _require_reviewer(actor, report)
    if report.status == Report.Status.ACCEPTED:
        return report
    if report.status != Report.Status.SUBMITTED:
        raise ReportStateError(_("只能审核已报送的材料。"))
    # No tally changes: a submitted report is received already, and stays so accepted.
    with set_actor(actor):
        report.status = Report.Status.ACCEPTED
        report.reviewed_at = timezone.now()
        report.version += 1
        report.save()
        ReportEvent.objects.create(report=report, kind=ReportEvent.Kind.ACCEPTED, actor=actor)
    return report


@transaction.atomic
def report_return(*, actor, report: Report, reason: str) -> Report:
    """Return (退回) a submitted report with a written reason; the unit corrects and resubmits,
    and the history keeps every step."""
    report = _lock_report(report)
    _require_reviewer(actor, report)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写退回理由。")})
    if report.status != Report.Status.SUBMITTED:
        raise ReportStateError(_("只能退回已报送、尚未采用的材料。"))
    active = tallies.report_active(report)
    before = tallies.contribution(active=active, status=report.status, is_late=report.is_late)
    with set_actor(actor):
        report.status = Report.Status.RETURNED
        report.reviewed_at = timezone.now()
        report.version += 1
        report.save()
        _tally(report, active, before)
        ReportEvent.objects.create(
            report=report, kind=ReportEvent.Kind.RETURNED, actor=actor, reason=reason.strip()
        )
        notify(
            units=[report.unit],
            kind="report_returned",
            title=MSG_RETURNED_TITLE,
            title_params={"n": report.requirement.notice.title},
            body=reason.strip(),
            link=reverse("reports:report_edit", args=[report.expected_id]),
        )
    return report
