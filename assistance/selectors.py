"""Reads of enterprise assistance: the cases a user sees, one case, the supervision rollup
and the statistics figures."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils import timezone

from assistance.models import Measure, Problem, ServiceCase
from orgs import scoping
from orgs.models import OrgUnit

ACCEPTED = (ServiceCase.Status.OPEN, ServiceCase.Status.CLOSED)


def cases_for_user(user, action: str = scoping.Action.VIEW):
    return (
        ServiceCase.objects.for_user(user, action)
        .select_related("entity", "unit")
        .annotate(
            problem_count=Count("problems", distinct=True),
            solved_count=Count("problems", filter=Q(problems__solved=True), distinct=True),
        )
    )


def case_get_for_user(user, pk: int, action: str = scoping.Action.VIEW) -> ServiceCase:
    """404 for a case outside the user's subtrees (a sibling station's), 403 when the user
    may see it but not do `action`."""
    return scoping.get_for_user(
        ServiceCase.objects.for_user(user).select_related("entity", "unit", "opened_by"),
        pk=pk,
        user=user,
        action=action,
    )


@dataclass
class RollupRow:
    unit: OrgUnit
    own: bool  # the unit's own cases (a county that serves enterprises itself)
    open_cases: int = 0
    closed_cases: int = 0
    enterprises: int = 0
    problems_solved: int = 0
    overdue_measures: int = 0


def rollup(unit: OrgUnit, today: datetime.date | None = None) -> tuple[list[RollupRow], RollupRow]:
    """Per child of `unit` (and the unit's own cases, when it has some): open and closed
    cases, enterprises helped (distinct, in accepted cases), problems solved and measures
    past their date and not done, each over the child's whole subtree. Three queries,
    grouped by the child's path prefix, whatever the size of the tree."""
    today = today or timezone.localdate()
    children = list(OrgUnit.objects.get_children(unit).order_by("path"))
    width = len(unit.path) + scoping.PATH_STEP
    rows = {c.path: RollupRow(unit=c, own=False) for c in children}
    own = RollupRow(unit=unit, own=True)
    total = RollupRow(unit=unit, own=False)

    def row_for(prefix: str) -> RollupRow | None:
        return own if prefix == unit.path else rows.get(prefix)

    cases = (
        ServiceCase.objects.in_subtree(unit)
        .annotate(prefix=Substr("unit__path", 1, width))
        .values("prefix")
        .annotate(
            open_cases=Count("pk", filter=Q(status=ServiceCase.Status.OPEN)),
            requested=Count("pk", filter=Q(status=ServiceCase.Status.REQUESTED)),
            closed_cases=Count("pk", filter=Q(status=ServiceCase.Status.CLOSED)),
            enterprises=Count("entity", filter=Q(status__in=ACCEPTED), distinct=True),
        )
    )
    for r in cases:
        if row := row_for(r["prefix"]):
            row.open_cases = r["open_cases"] + r["requested"]
            row.closed_cases = r["closed_cases"]
            row.enterprises = r["enterprises"]
    solved = (
        Problem.objects.filter(case__unit__path__startswith=unit.path, solved=True)
        .annotate(prefix=Substr("case__unit__path", 1, width))
        .values("prefix")
        .annotate(n=Count("pk"))
    )
    for r in solved:
        if row := row_for(r["prefix"]):
            row.problems_solved = r["n"]
    overdue = (
        Measure.objects.filter(case__unit__path__startswith=unit.path, done=False, due_on__lt=today)
        .annotate(prefix=Substr("case__unit__path", 1, width))
        .values("prefix")
        .annotate(n=Count("pk"))
    )
    for r in overdue:
        if row := row_for(r["prefix"]):
            row.overdue_measures = r["n"]
    result = ([own] if (own.open_cases or own.closed_cases) else []) + list(rows.values())
    for row in result:
        total.open_cases += row.open_cases
        total.closed_cases += row.closed_cases
        total.problems_solved += row.problems_solved
        total.overdue_measures += row.overdue_measures
    # An enterprise helped by two stations counts once in the total.
    total.enterprises = (
        ServiceCase.objects.in_subtree(unit)
        .filter(status__in=ACCEPTED)
        .values("entity")
        .distinct()
        .count()
    )
    return result, total


def figures(unit: OrgUnit, campaign_id: int) -> dict[str, int]:
    """帮扶企业数 (distinct enterprises in accepted cases) and 解决问题数 (problems marked
    solved) in `unit`'s subtree for the campaign."""
    cases = ServiceCase.objects.in_subtree(unit).filter(campaign_id=campaign_id)
    return {
        "enterprises": cases.filter(status__in=ACCEPTED).values("entity").distinct().count(),
        "solved": Problem.objects.filter(case__in=cases.values("pk"), solved=True).count(),
    }
