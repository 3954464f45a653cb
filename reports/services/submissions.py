"""A unit's report: drafts, files, typical cases, submission and review."""

import copy
from decimal import Decimal, InvalidOperation

from auditlog import get_logentry_model
from auditlog.context import disable_auditlog
from auditlog.diff import model_instance_diff
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from campaigns.models import Notice
from campaigns.services import ConflictError
from core.audit import set_actor
from notifications.services import notify
from orgs import scoping
from orgs.models import OrgUnit
from reports import selectors, uploads
from reports.models import (
    ExpectedReport,
    Material,
    Report,
    ReportEvent,
    ReportFile,
    ReportRequirement,
    StatisticField,
    StatisticValue,
    TypicalCase,
)
from reports.services.common import (
    MSG_NOT_EDITABLE,
    MSG_NOT_EXPECTED,
    IncompleteReportError,
    ReportStateError,
    _lock_report,
    statistic_fields_of,
)

# --- Drafts -------------------------------------------------------------------------------


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


def _parse_values(report: Report, raw: dict[str, str]) -> dict[StatisticField, tuple]:
    parsed: dict[StatisticField, tuple] = {}
    errors: dict[str, str] = {}
    for field in statistic_fields_of(report.requirement):
        if field.code not in raw:
            continue
        text = (raw[field.code] or "").strip().replace(",", "").replace("，", "")
        if not field.is_numeric:
            parsed[field] = (None, text[:500])
            continue
        if not text:
            parsed[field] = (None, "")
            continue
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        # Decimal also reads "NaN" and "Infinity", which are no count of anything.
        if number is None or not number.is_finite():
            errors[field.code] = _("“%(label)s”应填写数字。") % {"label": field.label}
            continue
        if field.kind == StatisticField.Kind.INTEGER and number != number.to_integral_value():
            errors[field.code] = _("“%(label)s”应填写整数。") % {"label": field.label}
        elif number < 0:
            errors[field.code] = _("“%(label)s”不能为负数。") % {"label": field.label}
        elif abs(number) >= Decimal("1e14"):
            errors[field.code] = _("“%(label)s”数值过大。") % {"label": field.label}
        else:
            parsed[field] = (number, "")
    if errors:
        raise ValidationError(errors)
    return parsed


# The autosave's one statement (`_lock_draft`): the draft, what a save needs of its expected
# report, unit, requirement and notice, and the right to edit, under the row lock. Written
# out by hand: built by the ORM, this joined and checked SELECT … FOR UPDATE cost the app
# server five times the CPU (about 3 ms against 0.6), on the request that every pause in
# typing sends; the autosave's share of the trivial view's throughput went from 0.24 to
# about 0.35 with it and the kept statistics form (bench/results.md).
_DRAFT_SQL = """
SELECT r.*,
       e.unit_id AS e_unit_id, e.requirement_id AS e_requirement_id,
       u.path AS u_path, u.name AS u_name, u.full_name AS u_full_name,
       q.notice_id AS q_notice_id, q.due_date AS q_due_date, q.updated_at AS q_updated_at,
       n.doc_number AS n_doc_number, n.title AS n_title
FROM reports_report r
JOIN reports_expectedreport e ON e.id = r.expected_id
JOIN orgs_orgunit u ON u.id = e.unit_id
JOIN reports_reportrequirement q ON q.id = e.requirement_id
JOIN campaigns_notice n ON n.id = q.notice_id
WHERE r.expected_id = %s AND e.removed_at IS NULL AND {grant}
{lock}"""


def _lock_draft(actor, expected_pk: int) -> Report:
    """The unit's draft on the expected report `expected_pk`, found, checked and locked in
    one statement, with the parts of its expected report, unit, requirement and notice that
    a save uses (the rest of those rows is loaded if anything asks). Anything unusual (no
    draft yet, a unit removed from the expected set, no right to edit) takes the slow path,
    which answers as the edit page does: 404 outside the user's scope, 403 inside it."""
    db = router.db_for_write(Report)
    grant, params = scoping.grant_sql(actor, scoping.Action.EDIT, "u.path")
    lock = "FOR UPDATE OF r" if connections[db].features.has_select_for_update_of else ""
    rows = Report.objects.db_manager(db).raw(
        _DRAFT_SQL.format(grant=grant, lock=lock), [expected_pk, *params]
    )
    for report in rows:
        return _with_parents(report, db)
    expected = selectors.expected_get_for_user(actor, expected_pk, scoping.Action.EDIT)
    if expected.removed_at:
        raise ReportStateError(_(MSG_NOT_EXPECTED))
    started = report_start(actor=actor, expected=expected)
    report = Report.objects.select_for_update(of=("self",)).get(pk=started.pk)
    report.expected = expected
    return report


def _with_parents(report: Report, db: str) -> Report:
    """The expected report, unit, requirement and notice of a `_DRAFT_SQL` row, as model
    instances holding the columns read (the others deferred, as `only()` leaves them)."""
    connection = connections[db]
    notice = _partial(
        Notice, db, id=report.q_notice_id, doc_number=report.n_doc_number, title=report.n_title
    )
    requirement = _partial(
        ReportRequirement,
        db,
        id=report.e_requirement_id,
        notice_id=report.q_notice_id,
        due_date=_from_db(connection, ReportRequirement, "due_date", report.q_due_date),
        updated_at=_from_db(connection, ReportRequirement, "updated_at", report.q_updated_at),
    )
    requirement.notice = notice
    unit = _partial(
        OrgUnit,
        db,
        id=report.e_unit_id,
        path=report.u_path,
        name=report.u_name,
        full_name=report.u_full_name,
    )
    expected = _partial(
        ExpectedReport,
        db,
        id=report.expected_id,
        unit_id=unit.pk,
        requirement_id=requirement.pk,
        removed_at=None,
    )
    expected.unit = unit
    expected.requirement = requirement
    report.expected = expected
    return report


def _partial(model, db: str, **values):
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(db, names, [values[name] for name in names])


def _from_db(connection, model, name: str, value):
    """A column read by hand, converted as Django converts it (SQLite hands dates back as
    text, and times without their zone)."""
    column = model._meta.get_field(name).get_col(model._meta.db_table)
    for convert in connection.ops.get_db_converters(column) + column.get_db_converters(connection):
        value = convert(value, column, connection)
    return value


@transaction.atomic
def report_save_draft(
    *,
    actor,
    report: Report | None = None,
    expected_pk: int | None = None,
    version: int | None,
    summary: str | None = None,
    problems: str | None = None,
    values: dict[str, str] | None = None,
) -> Report:
    """Save what the unit typed so far, into `report` or into the draft of the expected
    report `expected_pk` (the autosave's way: one query finds, checks and locks the draft).
    `version` is the version the user's page was loaded at: if someone saved since, ConflictError — the caller shows the
    user's text again with the message; nothing is overwritten silently. A save that changes
    nothing writes nothing: no new version, no audit entry."""
    if report is not None:
        report = _lock_report(report)
        scoping.require(actor, scoping.Action.EDIT, report.unit)
    else:
        report = _lock_draft(actor, expected_pk)
    if not report.is_editable:
        raise ReportStateError(_(MSG_NOT_EDITABLE))
    if version is not None and report.version != version:
        raise ConflictError(report.version)
    parsed = _parse_values(report, values or {})
    old = copy.copy(report)
    texts = {"summary": summary, "problems": problems}
    changed = [n for n, text in texts.items() if text is not None and text != getattr(report, n)]
    for name in changed:
        setattr(report, name, texts[name])
    stored = {}
    if parsed:
        current = StatisticValue.objects.filter(report=report).order_by()
        stored = {f: (n, t) for f, n, t in current.values_list("field_id", "number", "text")}
    rows = [
        StatisticValue(report=report, field=field, number=number, text=text)
        for field, (number, text) in parsed.items()
        if stored.get(field.pk) != (number, text)
    ]
    if not changed and not rows:
        return report
    with set_actor(actor):
        report.version += 1
        # The expected report did not change (and is checked above): skip its queries.
        report.full_clean(exclude=["expected"])
        update_fields = [*changed, "version", "updated_at"]
        # The row read under the lock is the old state: audit the difference from it rather
        # than let auditlog read the row a second time.
        with disable_auditlog():
            report.save(update_fields=update_fields)
        get_logentry_model().objects.log_create(
            report,
            action=get_logentry_model().Action.UPDATE,
            changes=model_instance_diff(
                old,
                report,
                fields_to_check=update_fields,
                use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES,
            ),
        )
        if rows:
            # One statement for all the values, however many indicators the form has.
            StatisticValue.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["report", "field"],
                update_fields=["number", "text"],
            )
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


def report_missing(report: Report) -> list[str]:
    """The required materials the report still lacks, in words the clerk understands."""
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
        if field.required and field.pk not in filled:
            missing.append(_("统计指标“%(label)s”") % {"label": field.label})
    kinds = set(report.files.values_list("kind", flat=True))
    if requirement.requires(Material.PHOTOS) and ReportFile.Kind.PHOTO not in kinds:
        missing.append(_("至少一张图片"))
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
    due = report.requirement.due_date
    late = due is not None and timezone.localdate(now) > due
    with set_actor(actor):
        report.status = Report.Status.SUBMITTED
        report.submitted_at = now
        if report.first_submitted_at is None:
            report.first_submitted_at = now
            report.is_late = late
        report.version += 1
        report.save()
        ReportEvent.objects.create(
            report=report, kind=ReportEvent.Kind.SUBMITTED, actor=actor, is_late=late
        )
    return report


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
    with set_actor(actor):
        report.status = Report.Status.RETURNED
        report.reviewed_at = timezone.now()
        report.version += 1
        report.save()
        ReportEvent.objects.create(
            report=report, kind=ReportEvent.Kind.RETURNED, actor=actor, reason=reason.strip()
        )
        notify(
            units=[report.unit],
            kind="report_returned",
            title=gettext_noop("报送材料被退回：%(n)s"),
            title_params={"n": report.requirement.notice.title},
            body=reason.strip(),
            link=reverse("reports:report_edit", args=[report.expected_id]),
        )
    return report
