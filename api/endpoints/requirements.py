"""Report requirements (报送要求) and their statistics forms."""

from ninja import Path, Query, Router

from api import schemas as s
from api.pagination import page
from reports import selectors as report_selectors
from reports.models import ReportRequirement

router = Router(tags=["报送要求"])


def requirement_out(requirement: ReportRequirement) -> dict:
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


def statistic_field_out(field) -> dict:
    return {
        "code": field.code,
        "label": field.label,
        "kind": field.kind,
        "required": field.required,
        "unit_of_measure": field.unit_of_measure,
    }


@router.get("/requirements", response=s.responses(s.RequirementPage), summary="报送要求列表")
def requirement_list(request, query: Query[s.RequirementListQuery]):
    return page(
        ReportRequirement.objects.for_user(request.auth)
        .select_related("notice__unit")
        .order_by("-due_date", "-pk"),
        query,
        filters={"notice_id": "notice_id"},
        serialize=requirement_out,
    )


@router.get(
    "/requirements/{requirement_id}",
    response=s.responses(s.RequirementDetailOut),
    summary="报送要求详情（含统计指标）",
)
def requirement_detail(request, path: Path[s.RequirementPath]):
    """A requirement with its statistics form (the indicator codes to report values under)."""
    requirement = report_selectors.requirement_get_for_user(request.auth, path.requirement_id)
    return {
        **requirement_out(requirement),
        "text": requirement.text,
        "statistic_fields": [statistic_field_out(f) for f in requirement.statistic_fields.all()],
    }
