"""Writes of the reporting flow: requirement, expected set, drafts, submission, review,
bulletins and reminders. Every function checks the actor's permission through
`orgs.scoping`, records the actor for the audit log and runs in one transaction; mail goes out
on commit.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from auditlog.context import set_actor
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from campaigns.models import Notice
from campaigns.services import ConflictError
from notifications.services import notify
from orgs import scoping
from orgs.models import OrgUnit
from reports import uploads
from reports.models import (
    Bulletin,
    ExpectedReport,
    Material,
    Report,
    ReportEvent,
    ReportFile,
    ReportRequirement,
    SentReminder,
    StatisticField,
    StatisticValue,
    TypicalCase,
)

__all__ = ["ConflictError"]

# The indicators most seeds' statistics tables ask for; offered when a form is empty.
DEFAULT_STATISTIC_FIELDS: list[tuple[str, str, str]] = [
    ("活动场次", "activities", "场"),
    ("参与人数", "participants", "人次"),
    ("媒体报道篇数", "media_reports", "篇"),
    ("帮扶企业数", "enterprises_helped", "家"),
    ("监督抽查批次", "spot_checks", "批次"),
    ("查办案件数", "cases_handled", "件"),
    ("发放宣传资料份数", "leaflets", "份"),
]

MSG_STALE = gettext_noop(
    "该报送材料已被他人修改（当前版本 %(v)s），您的内容未保存，仍保留在页面上；请复制后刷新页面再合并。"
)
MSG_NOT_EDITABLE = gettext_noop("已报送的材料不能修改；如需修改，请上级退回。")
MSG_NOT_EXPECTED = gettext_noop("本单位不在该报送要求的应报单位中。")


class ReportStateError(Exception):
    """The action does not fit the report's state (e.g. reviewing a draft)."""


class IncompleteReportError(Exception):
    """A submission with required materials missing; `missing` names them."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(_("以下材料尚未齐全：%(m)s。") % {"m": "、".join(missing)})


def _lock_report(report: Report) -> Report:
    # select_for_update serializes concurrent saves on PostgreSQL; SQLite serializes writers.
    return (
        Report.objects.select_for_update()
        .select_related("expected__unit", "expected__requirement__notice__unit")
        .get(pk=report.pk)
    )


# --- Requirement and statistics form ----------------------------------------------------


@dataclass
class FieldSpec:
    label: str
    code: str
    kind: str = StatisticField.Kind.INTEGER
    required: bool = True
    unit_of_measure: str = ""


def default_field_specs() -> list[FieldSpec]:
    return [
        FieldSpec(label, code, unit_of_measure=uom) for label, code, uom in DEFAULT_STATISTIC_FIELDS
    ]


@transaction.atomic
def requirement_save(
    *,
    actor,
    notice: Notice,
    due_date: datetime.date | None,
    materials: list[str],
    levels: list[str],
    report_to: str = "",
    text: str = "",
    fields: list[FieldSpec] | None = None,
) -> ReportRequirement:
    """Create or update the notice's requirement and its statistics form (fields matched by
    code, so values already reported stay attached). An issued notice gets its expected set
    the first time."""
    scoping.require(actor, scoping.Action.EDIT, notice.unit)
    unknown = set(materials) - set(Material.values)
    if unknown:
        raise ValidationError({"materials": _("未知的报送材料：%(m)s") % {"m": "、".join(unknown)}})
    with set_actor(actor):
        requirement, _created = ReportRequirement.objects.get_or_create(notice=notice)
        requirement.due_date = due_date
        requirement.materials = [m for m in Material.values if m in materials]
        requirement.levels = levels
        requirement.report_to = report_to
        requirement.text = text or requirement.text
        requirement.full_clean()
        requirement.save()
        if fields is not None:
            _fields_set(requirement, fields)
        if notice.is_issued and not requirement.expected.exists():
            _expected_fill(requirement)
    return requirement


def _fields_set(requirement: ReportRequirement, specs: list[FieldSpec]) -> None:
    codes = [s.code for s in specs]
    if len(set(codes)) != len(codes):
        raise ValidationError({"fields": _("统计指标的代码有重复。")})
    stale = requirement.statistic_fields.exclude(code__in=codes)
    if StatisticValue.objects.filter(field__in=stale).exists():
        raise ValidationError({"fields": _("已有单位填报的指标不能删除。")})
    stale.delete()
    existing = {f.code: f for f in requirement.statistic_fields.all()}
    for position, spec in enumerate(specs, start=1):
        field = existing.get(spec.code) or StatisticField(requirement=requirement, code=spec.code)
        field.label = spec.label
        field.kind = spec.kind
        field.required = spec.required
        field.unit_of_measure = spec.unit_of_measure
        field.position = position
        field.full_clean(exclude=["requirement"], validate_unique=False)
        field.save()


def _expected_fill(requirement: ReportRequirement) -> int:
    notice = requirement.notice
    if notice.is_issued:
        units = OrgUnit.objects.filter(inbox__notice=notice)
    else:
        units = notice.recipient_units.all()
    if requirement.levels:
        units = units.filter(kind__in=requirement.levels)
    rows = [ExpectedReport(requirement=requirement, unit=u) for u in units.filter(is_active=True)]
    ExpectedReport.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


@transaction.atomic
def expected_fill(*, actor, requirement: ReportRequirement) -> int:
    """Add the notice's recipients (of the required levels) to the expected set; units
    already in it, or removed from it with a reason, are left as they are."""
    scoping.require(actor, scoping.Action.EDIT, requirement.notice.unit)
    with set_actor(actor):
        return _expected_fill(requirement)


@transaction.atomic
def expected_add(*, actor, requirement: ReportRequirement, unit: OrgUnit) -> ExpectedReport:
    """Put `unit` (below the issuing unit) into the expected set, or back into it."""
    scoping.require(actor, scoping.Action.EDIT, requirement.notice.unit)
    issuer = requirement.notice.unit
    if not unit.path.startswith(issuer.path) or unit.pk == issuer.pk:
        raise ValidationError(_("只能把本单位的下级单位列为应报单位。"))
    with set_actor(actor):
        expected, _created = ExpectedReport.objects.get_or_create(
            requirement=requirement, unit=unit
        )
        if expected.removed_at:
            expected.removed_at, expected.removed_reason, expected.removed_by = None, "", None
            expected.save()
    return expected


@transaction.atomic
def expected_remove(*, actor, expected: ExpectedReport, reason: str) -> ExpectedReport:
    """Take a unit out of the expected set (撤并、撤销), keeping the row and the reason so the
    rates stay explainable."""
    scoping.require(actor, scoping.Action.EDIT, expected.requirement.notice.unit)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写移出原因，如“机构撤并”。")})
    with set_actor(actor):
        expected.removed_at = timezone.now()
        expected.removed_reason = reason.strip()
        expected.removed_by = actor
        expected.full_clean()
        expected.save()
    return expected


# --- Drafts -------------------------------------------------------------------------------


@transaction.atomic
def report_start(*, actor, expected: ExpectedReport) -> Report:
    """The unit's report on the requirement, created as an empty draft on first use."""
    scoping.require(actor, scoping.Action.EDIT, expected.unit)
    if expected.removed_at:
        raise ReportStateError(_(MSG_NOT_EXPECTED))
    with set_actor(actor):
        report, _created = Report.objects.get_or_create(expected=expected)
    return report


def _parse_values(report: Report, raw: dict[str, str]) -> dict[StatisticField, tuple]:
    parsed: dict[StatisticField, tuple] = {}
    errors: dict[str, str] = {}
    for field in report.requirement.statistic_fields.all():
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


@transaction.atomic
def report_save_draft(
    *,
    actor,
    report: Report,
    version: int | None,
    summary: str | None = None,
    problems: str | None = None,
    values: dict[str, str] | None = None,
) -> Report:
    """Save what the unit typed so far. `version` is the version the user's page was loaded
    at: if someone saved since, ConflictError — the caller shows the user's text again with
    the message; nothing is overwritten silently."""
    report = _lock_report(report)
    scoping.require(actor, scoping.Action.EDIT, report.unit)
    if not report.is_editable:
        raise ReportStateError(_(MSG_NOT_EDITABLE))
    if version is not None and report.version != version:
        raise ConflictError(report.version)
    parsed = _parse_values(report, values or {})
    with set_actor(actor):
        if summary is not None:
            report.summary = summary
        if problems is not None:
            report.problems = problems
        report.version += 1
        report.full_clean()
        report.save()
        for field, (number, text) in parsed.items():
            StatisticValue.objects.update_or_create(
                report=report, field=field, defaults={"number": number, "text": text}
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
            title=_("报送材料被退回：%(n)s") % {"n": report.requirement.notice.title},
            body=reason.strip(),
            link=reverse("reports:report_edit", args=[report.expected_id]),
        )
    return report


# --- Bulletins ----------------------------------------------------------------------------


@transaction.atomic
def bulletin_send(*, actor, unit: OrgUnit, kind: str, title: str, body: str) -> Bulletin:
    """Send an urgent bulletin or a progress update to the superior unit's inbox at once."""
    scoping.require(actor, scoping.Action.EDIT, unit)
    parent = OrgUnit.objects.get_parent(unit)
    if parent is None:
        raise ValidationError(_("本单位没有上级单位。"))
    with set_actor(actor):
        bulletin = Bulletin(
            unit=unit, to_unit=parent, kind=kind, title=title.strip(), body=body, author=actor
        )
        bulletin.full_clean()
        bulletin.save()
        label = Bulletin.Kind(kind).label
        notify(
            units=[parent],
            kind=f"bulletin_{kind}",
            title=f"【{label}】{unit.name}：{bulletin.title}",
            body=body,
            link=reverse("reports:bulletin_detail", args=[bulletin.pk]),
        )
    return bulletin


# --- Reminders ----------------------------------------------------------------------------


def reminder_days_before() -> int:
    return getattr(settings, "QM_REMINDER_DAYS_BEFORE", 3)


def _remind(expected: ExpectedReport, kind: str, today: datetime.date, actor=None) -> bool:
    try:
        with transaction.atomic():
            SentReminder.objects.create(expected=expected, kind=kind, sent_on=today, sent_by=actor)
    except IntegrityError:
        return False  # already reminded: the unique constraint is the claim
    requirement = expected.requirement
    due = requirement.due_date
    notify(
        units=[expected.unit],
        kind=f"reminder_{kind}",
        title=_("请按时报送：%(t)s") % {"t": requirement.notice.title},
        body=_("报送截止日期：%(d)s。请登录平台填报工作总结、统计表等材料。")
        % {"d": f"{due.year}年{due.month}月{due.day}日" if due else _("未定")},
        link=reverse("reports:report_edit", args=[expected.pk]),
    )
    return True


@transaction.atomic
def reminders_send_due(*, today: datetime.date | None = None) -> int:
    """Send the automatic reminders that are due today: `QM_REMINDER_DAYS_BEFORE` days before
    the due date (or later, if the worker missed that day) and on the due date itself. Each
    is sent once per unit and requirement however often this runs."""
    today = today or timezone.localdate()
    window_end = today + datetime.timedelta(days=reminder_days_before())
    pending = (
        ExpectedReport.objects.active()
        .exclude(report__status__in=("submitted", "accepted"))
        .filter(requirement__due_date__gte=today, requirement__due_date__lte=window_end)
        .select_related("unit", "requirement__notice")
    )
    sent = 0
    for expected in pending:
        kind = (
            SentReminder.Kind.DUE
            if expected.requirement.due_date == today
            else SentReminder.Kind.BEFORE
        )
        sent += _remind(expected, kind, today)
    return sent


@transaction.atomic
def reminders_send_manual(
    *, actor, requirement: ReportRequirement, expected_ids: list[int] | None = None
) -> int:
    """One click: remind the units that have not reported (all of them, or those listed).
    A unit is reminded at most once a day."""
    scoping.require(actor, scoping.Action.EDIT, requirement.notice.unit)
    rows = (
        requirement.expected.active()
        .exclude(report__status__in=("submitted", "accepted"))
        .select_related("unit", "requirement__notice")
    )
    if expected_ids is not None:
        rows = rows.filter(pk__in=expected_ids)
    today = timezone.localdate()
    with set_actor(actor):
        return sum(_remind(e, SentReminder.Kind.MANUAL, today, actor) for e in rows)
