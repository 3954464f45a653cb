"""The JSON API (django-ninja) at /api/: notices, activities, report requirements, reports
and rollups, for programs acting with a user's personal token.

Every operation resolves through the same `for_user` querysets and `*_get_for_user`
selectors as the web (404 outside the user's subtrees, 403 inside them without the role) and
writes only through the reports services, so rules live in one place. Workflow steps are
explicit operations (`POST /reports/{id}/submit`).
"""

import re

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import NinjaAPI, Path, Query, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from activities import selectors as activity_selectors
from api import schemas as s
from api.auth import BearerToken
from campaigns import selectors as campaign_selectors
from campaigns.models import Notice
from campaigns.services import ConflictError
from orgs.models import OrgUnit
from orgs.selectors import unit_get_for_user
from reports import selectors as report_selectors
from reports import services as report_services
from reports.models import ExpectedReport, Report, ReportRequirement, StatisticValue

MSG_UNAUTHORIZED = gettext_noop(
    "缺少或无效的访问令牌：请在请求头中给出 Authorization: Bearer <令牌>。"
)
MSG_NOT_FOUND = gettext_noop("未找到，或不在您的权限范围内。")
MSG_FORBIDDEN = gettext_noop("您在该单位的角色不允许此操作。")
MSG_INVALID = gettext_noop("提交的数据有误。")
MSG_BAD_BODY = gettext_noop("请求体不是有效的 JSON。")
MSG_REPORT_EXISTS = gettext_noop("该单位已有这份报送材料，请用 PATCH /api/reports/%(id)s 修改。")
MSG_NOT_EXPECTED = gettext_noop("该单位不在此报送要求的应报单位中，或不在您的权限范围内。")

api = NinjaAPI(
    title="质量月活动管理平台 API",
    version="1",
    description=(
        "质量月活动的通知、活动、报送要求、报送材料与汇总数据。"
        "在“接口令牌”页面（/api/tokens/）创建个人令牌，请求时带上 "
        "`Authorization: Bearer <令牌>`；权限与网页相同：只能看到本单位及下级单位的数据。"
    ),
    auth=BearerToken(),
    urls_namespace="api",
)

# The errors every operation may answer with, documented so clients can rely on their shape.
READ = {401: s.ErrorOut, 404: s.ErrorOut, 422: s.ValidationErrorOut}
WRITE = {**READ, 400: s.ErrorOut, 403: s.ErrorOut, 409: s.ConflictOut}


def responses(out, codes: dict = READ, status: int = 200) -> dict:
    return {**codes, status: out}


# --- Errors: the same words everywhere, in Chinese ------------------------------------------


@api.exception_handler(AuthenticationError)
def _unauthorized(request, exc):
    return api.create_response(request, {"detail": _(MSG_UNAUTHORIZED)}, status=401)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    # ninja answers a body it cannot parse with 400.
    detail = _(MSG_BAD_BODY) if exc.status_code == 400 else str(exc)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": _(MSG_NOT_FOUND)}, status=404)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": _(MSG_FORBIDDEN)}, status=403)


@api.exception_handler(ConflictError)
def _conflict(request, exc):
    return api.create_response(
        request,
        {"detail": str(exc), "current_version": exc.current_version},
        status=409,
    )


@api.exception_handler(report_services.ReportStateError)
def _state(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(report_services.IncompleteReportError)
def _incomplete(request, exc):
    return api.create_response(
        request, {"detail": str(exc), "errors": [], "missing": exc.missing}, status=422
    )


@api.exception_handler(DjangoValidationError)
def _invalid(request, exc):
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": "", "message": m} for m in exc.messages]
    return api.create_response(
        request, {"detail": _(MSG_INVALID), "errors": errors, "missing": []}, status=422
    )


@api.exception_handler(NinjaValidationError)
def _invalid_request(request, exc):
    errors = [
        {
            "field": ".".join(str(part) for part in e.get("loc", ())),
            "message": str(e.get("msg", "")),
        }
        for e in exc.errors
    ]
    return api.create_response(
        request, {"detail": _(MSG_INVALID), "errors": errors, "missing": []}, status=422
    )


# --- Serializers ----------------------------------------------------------------------------


def _notice(notice: Notice) -> dict:
    return {
        "id": notice.pk,
        "title": notice.title,
        "doc_number": notice.doc_number,
        "kind": notice.kind,
        "status": notice.status,
        "year": notice.campaign.year,
        "unit": s.unit_ref(notice.unit),
        "issue_date": notice.issue_date,
        "issued_at": notice.issued_at,
    }


def _requirement(requirement: ReportRequirement) -> dict:
    notice = requirement.notice
    return {
        "id": requirement.pk,
        "notice_id": notice.pk,
        "notice_title": notice.title,
        "issuer": s.unit_ref(notice.unit),
        "due_date": requirement.due_date,
        "materials": list(requirement.materials),
        "levels": list(requirement.levels),
        "report_to": requirement.report_to,
    }


def _field(field) -> dict:
    return {
        "code": field.code,
        "label": field.label,
        "kind": field.kind,
        "required": field.required,
        "unit_of_measure": field.unit_of_measure,
    }


def _report(report: Report, *, detail: bool = False) -> dict:
    out = {
        "id": report.pk,
        "requirement_id": report.expected.requirement_id,
        "unit": s.unit_ref(report.expected.unit),
        "status": report.status,
        "summary": report.summary,
        "problems": report.problems,
        "values": [
            {
                "code": v.field.code,
                "label": v.field.label,
                "number": None if v.number is None else float(v.number),
                "text": v.text,
            }
            for v in report.values.all()
        ],
        "submitted_at": report.submitted_at,
        "first_submitted_at": report.first_submitted_at,
        "is_late": report.is_late,
        "version": report.version,
    }
    if detail:
        out["missing"] = [str(m) for m in report_services.report_missing(report)]
    return out


def _reports():
    return Report.objects.select_related(
        "expected__unit", "expected__requirement__notice__unit"
    ).prefetch_related(Prefetch("values", queryset=StatisticValue.objects.select_related("field")))


def _report_for(request, report_id: int) -> Report:
    report_selectors.report_get_for_user(request.auth, report_id)  # 404 outside the scope
    return _reports().get(pk=report_id)


def _completeness(c) -> dict:
    return {
        "unit": s.unit_ref(c.unit),
        "label": c.label,
        "expected": c.expected,
        "received": c.received,
        "on_time": c.on_time,
        "late": c.late,
        "overdue": c.overdue,
        "completeness": round(c.completeness, 4),
        "timeliness": round(c.timeliness, 4),
    }


def _number(value) -> float | None:
    return None if value is None else float(value)


# Decimal() also reads "NaN" and "Infinity", which the reports service cannot compare; the
# API accepts plain decimal numbers only (thousands separators allowed, as the web does).
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def _check_numbers(requirement: ReportRequirement, values: dict[str, str] | None) -> None:
    if not values:
        return
    errors = {}
    for field in requirement.statistic_fields.all():
        raw = (values.get(field.code) or "").strip().replace(",", "").replace("，", "")
        if field.is_numeric and raw and not _NUMBER.match(raw):
            errors[field.code] = _("“%(label)s”应填写数字。") % {"label": field.label}
    if errors:
        raise DjangoValidationError(errors)


# --- Notices and activities -----------------------------------------------------------------


@api.get(
    "/notices", response=responses(s.NoticePage), summary="通知与方案列表", tags=["通知与方案"]
)
def notice_list(request, query: Query[s.NoticeListQuery]):
    """The notices and plans the user may see: their units' own and those sent to them."""
    qs = Notice.objects.for_user(request.auth).select_related("unit", "campaign")
    if query.year:
        qs = qs.filter(campaign__year=query.year)
    if query.status:
        qs = qs.filter(status=query.status)
    items = qs[query.offset : query.offset + query.limit]
    return {"count": qs.count(), "items": [_notice(n) for n in items]}


@api.get(
    "/notices/{notice_id}",
    response=responses(s.NoticeDetailOut),
    summary="通知与方案详情",
    tags=["通知与方案"],
)
def notice_detail(request, path: Path[s.NoticePath]):
    notice = campaign_selectors.notice_get_for_user(request.auth, path.notice_id)
    return {
        **_notice(notice),
        "theme": notice.theme,
        "issuer_names": [str(n) for n in notice.issuer_names],
        "recipients_text": notice.recipients_text,
        "recipients": [s.unit_ref(u) for u in notice.recipient_units.order_by("path")],
        "body": [b for b in notice.body if isinstance(b, dict)],
        "basis_ids": list(
            Notice.objects.for_user(request.auth)
            .filter(implementations=notice)
            .values_list("pk", flat=True)
        ),
    }


@api.get(
    "/notices/{notice_id}/activities",
    response=responses(s.ActivityListOut),
    summary="通知中的活动",
    tags=["通知与方案"],
)
def notice_activities(request, path: Path[s.NoticePath]):
    """The activities of a notice or plan, in the order of its schedule table."""
    notice = campaign_selectors.notice_get_for_user(request.auth, path.notice_id)
    items = [
        {
            "id": a.pk,
            "position": a.position,
            "section": a.section,
            "title": a.title,
            "content": a.content,
            "category": a.category.name if a.category else None,
            "window_text": a.window_text,
            "starts_on": a.starts_on,
            "ends_on": a.ends_on,
            "status": a.status,
            "leads": [p.name for p in a.leads()],
            "supports": [p.name for p in a.supports()],
        }
        for a in activity_selectors.notice_activities(notice)
    ]
    return {"notice_id": notice.pk, "items": items}


# --- Report requirements --------------------------------------------------------------------


@api.get(
    "/requirements",
    response=responses(s.RequirementPage),
    summary="报送要求列表",
    tags=["报送要求"],
)
def requirement_list(request, query: Query[s.RequirementListQuery]):
    qs = ReportRequirement.objects.for_user(request.auth).select_related("notice__unit")
    if query.notice_id:
        qs = qs.filter(notice_id=query.notice_id)
    qs = qs.order_by("-due_date", "-pk")
    items = qs[query.offset : query.offset + query.limit]
    return {"count": qs.count(), "items": [_requirement(r) for r in items]}


@api.get(
    "/requirements/{requirement_id}",
    response=responses(s.RequirementDetailOut),
    summary="报送要求详情（含统计指标）",
    tags=["报送要求"],
)
def requirement_detail(request, path: Path[s.RequirementPath]):
    """A requirement with its statistics form (the indicator codes to report values under)."""
    requirement = report_selectors.requirement_get_for_user(request.auth, path.requirement_id)
    return {
        **_requirement(requirement),
        "text": requirement.text,
        "statistic_fields": [_field(f) for f in requirement.statistic_fields.all()],
    }


# --- Reports --------------------------------------------------------------------------------


@api.get("/reports", response=responses(s.ReportPage), summary="报送材料列表", tags=["报送材料"])
def report_list(request, query: Query[s.ReportListQuery]):
    """Reports of the user's units and those sent up to requirements their units issued."""
    qs = _reports().filter(pk__in=Report.objects.for_user(request.auth).values("pk"))
    if query.requirement_id:
        qs = qs.filter(expected__requirement_id=query.requirement_id)
    if query.status:
        qs = qs.filter(status=query.status)
    qs = qs.order_by("expected__requirement_id", "expected__unit__path")
    items = qs[query.offset : query.offset + query.limit]
    return {"count": qs.count(), "items": [_report(r) for r in items]}


@api.get(
    "/reports/{report_id}",
    response=responses(s.ReportDetailOut),
    summary="报送材料详情",
    tags=["报送材料"],
)
def report_detail(request, path: Path[s.ReportPath]):
    return _report(_report_for(request, path.report_id), detail=True)


@api.post(
    "/reports",
    response=responses(s.ReportDetailOut, WRITE, status=201),
    summary="新建报送材料草稿",
    tags=["报送材料"],
)
def report_create(request, payload: s.ReportCreateIn):
    """Start the unit's report on a requirement as a draft, with what is given."""
    expected = (
        ExpectedReport.objects.for_user(request.auth)
        .active()
        .select_related("unit", "requirement")
        .filter(requirement_id=payload.requirement_id, unit_id=payload.unit_id)
        .first()
    )
    if expected is None:
        return Status(404, {"detail": _(MSG_NOT_EXPECTED)})
    existing = Report.objects.filter(expected=expected).values_list("pk", "version").first()
    if existing:
        return Status(
            409,
            {
                "detail": _(MSG_REPORT_EXISTS) % {"id": existing[0]},
                "report_id": existing[0],
                "current_version": existing[1],
            },
        )
    _check_numbers(expected.requirement, payload.values)
    with transaction.atomic():
        report = report_services.report_start(actor=request.auth, expected=expected)
        report_services.report_save_draft(
            actor=request.auth,
            report=report,
            version=report.version,
            summary=payload.summary,
            problems=payload.problems,
            values=payload.values,
        )
    return Status(201, _report(_reports().get(pk=report.pk), detail=True))


@api.patch(
    "/reports/{report_id}",
    response=responses(s.ReportDetailOut, WRITE),
    summary="保存报送材料草稿",
    tags=["报送材料"],
)
def report_update(request, path: Path[s.ReportPath], payload: s.ReportUpdateIn):
    """Save the draft. `version` is the one read: if someone saved since, 409 and nothing is
    overwritten."""
    report = _report_for(request, path.report_id)
    _check_numbers(report.expected.requirement, payload.values)
    report_services.report_save_draft(
        actor=request.auth,
        report=report,
        version=payload.version,
        summary=payload.summary,
        problems=payload.problems,
        values=payload.values,
    )
    return _report(_reports().get(pk=report.pk), detail=True)


@api.post(
    "/reports/{report_id}/submit",
    response=responses(s.ReportDetailOut, WRITE),
    summary="报送",
    tags=["报送材料"],
)
def report_submit(request, path: Path[s.ReportPath], payload: s.ReportSubmitIn):
    """Submit (报送): only a complete report is received (422 lists what is missing); after
    the due date it is received and marked late (`is_late`)."""
    report = _report_for(request, path.report_id)
    report_services.report_submit(actor=request.auth, report=report, version=payload.version)
    return _report(_reports().get(pk=report.pk), detail=True)


# --- Rollups --------------------------------------------------------------------------------


@api.get(
    "/units/{unit_id}/rollup",
    response=responses(s.RollupOut),
    summary="单位汇总：报送率、及时率与统计指标",
    tags=["汇总"],
)
def unit_rollup(request, path: Path[s.RollupPath], query: Query[s.RollupQuery]):
    """Completeness and timeliness over the unit's subtree, per child and per level, and the
    requirement's statistics summed per child (drill down with a child's id)."""
    unit: OrgUnit = unit_get_for_user(request.auth, path.unit_id)
    requirement = None
    if query.requirement_id:
        requirement = report_selectors.requirement_get_for_user(request.auth, query.requirement_id)
    kw = {"requirement": requirement}
    statistics = None
    if requirement is not None:
        rollup = report_selectors.statistics_rollup(unit, requirement=requirement)
        codes = [f.code for f in rollup.fields]
        statistics = {
            "fields": [_field(f) for f in rollup.fields],
            "rows": [
                {
                    "unit": s.unit_ref(r.unit),
                    "label": r.label,
                    "received": r.received,
                    "values": {c: _number(v) for c, v in zip(codes, r.values, strict=True)},
                }
                for r in rollup.rows
            ],
            "total": {c: float(v) for c, v in zip(codes, rollup.total, strict=True)},
            "received": rollup.received,
        }
    return {
        "unit": s.unit_ref(unit),
        "requirement_id": requirement.pk if requirement else None,
        "total": _completeness(report_selectors.completeness(unit, **kw)),
        "children": [_completeness(c) for c in report_selectors.completeness_by_child(unit, **kw)],
        "levels": [_completeness(c) for c in report_selectors.completeness_by_level(unit, **kw)],
        "statistics": statistics,
    }
