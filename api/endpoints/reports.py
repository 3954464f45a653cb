"""Reports (报送材料): read, start a draft, save it, and submit it (报送) as an explicit step."""

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from api import schemas as s
from api.messages import MSG_NOT_EXPECTED, MSG_REPORT_EXISTS
from api.pagination import page
from reports import selectors as report_selectors
from reports import services as report_services
from reports.models import ExpectedReport, Report, StatisticValue

router = Router(tags=["报送材料"])


def report_out(report: Report, *, detail: bool = False) -> dict:
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


@router.get("/reports", response=s.responses(s.ReportPage), summary="报送材料列表")
def report_list(request, query: Query[s.ReportListQuery]):
    """Reports of the user's units and those sent up to requirements their units issued."""
    return page(
        _reports()
        .filter(pk__in=Report.objects.for_user(request.auth).values("pk"))
        .order_by("expected__requirement_id", "expected__unit__path"),
        query,
        filters={"requirement_id": "expected__requirement_id", "status": "status"},
        serialize=report_out,
    )


@router.get("/reports/{report_id}", response=s.responses(s.ReportDetailOut), summary="报送材料详情")
def report_detail(request, path: Path[s.ReportPath]):
    return report_out(_report_for(request, path.report_id), detail=True)


@router.post(
    "/reports",
    response=s.responses(s.ReportDetailOut, s.WRITE, status=201),
    summary="新建报送材料草稿",
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
    return Status(201, report_out(_reports().get(pk=report.pk), detail=True))


@router.patch(
    "/reports/{report_id}",
    response=s.responses(s.ReportDetailOut, s.WRITE),
    summary="保存报送材料草稿",
)
def report_update(request, path: Path[s.ReportPath], payload: s.ReportUpdateIn):
    """Save the draft. `version` is the one read: if someone saved since, 409 and nothing is
    overwritten."""
    report = _report_for(request, path.report_id)
    report_services.report_save_draft(
        actor=request.auth,
        report=report,
        version=payload.version,
        summary=payload.summary,
        problems=payload.problems,
        values=payload.values,
    )
    return report_out(_reports().get(pk=report.pk), detail=True)


@router.post(
    "/reports/{report_id}/submit",
    response=s.responses(s.ReportDetailOut, s.WRITE),
    summary="报送",
)
def report_submit(request, path: Path[s.ReportPath], payload: s.ReportSubmitIn):
    """Submit (报送): only a complete report is received (422 lists what is missing); after
    the due date it is received and marked late (`is_late`)."""
    report = _report_for(request, path.report_id)
    report_services.report_submit(actor=request.auth, report=report, version=payload.version)
    return report_out(_reports().get(pk=report.pk), detail=True)
