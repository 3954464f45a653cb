"""Rollups (汇总) of a unit's subtree: completeness, timeliness and summed statistics."""

from ninja import Path, Query, Router

from api import schemas as s
from api.endpoints.requirements import statistic_field_out
from core.replica import read_from_replica
from orgs.models import OrgUnit
from orgs.selectors import unit_get_for_user
from reports import selectors as report_selectors

router = Router(tags=["汇总"])


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


@router.get(
    "/units/{unit_id}/rollup",
    response=s.responses(s.RollupOut),
    summary="单位汇总：报送率、及时率与统计指标",
)
def unit_rollup(request, path: Path[s.RollupPath], query: Query[s.RollupQuery]):
    """Completeness and timeliness over the unit's subtree, per child and per level, and the
    requirement's statistics summed per child (drill down with a child's id)."""
    # Figures over a subtree: read from the replica when there is one (it may lag).
    with read_from_replica():
        return _rollup(request.auth, path.unit_id, query.requirement_id)


def _rollup(user, unit_id: int, requirement_id: int | None) -> dict:
    unit: OrgUnit = unit_get_for_user(user, unit_id)
    requirement = None
    if requirement_id:
        requirement = report_selectors.requirement_get_for_user(user, requirement_id)
    kw = {"requirement": requirement}
    statistics = None
    if requirement is not None:
        rollup = report_selectors.statistics_rollup(unit, requirement=requirement)
        codes = [f.code for f in rollup.fields]
        statistics = {
            "fields": [statistic_field_out(f) for f in rollup.fields],
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
    levels = report_selectors.completeness_by_level(unit, **kw)
    return {
        "unit": s.unit_ref(unit),
        "requirement_id": requirement.pk if requirement else None,
        "total": _completeness(report_selectors.completeness_total(unit, levels)),
        "children": [_completeness(c) for c in report_selectors.completeness_by_child(unit, **kw)],
        "levels": [_completeness(c) for c in levels],
        "statistics": statistics,
    }
