"""Reads of the inspections: candidates of a draw, its replay, publication states, boards."""

import datetime
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from entities.models import MarketEntity
from inspections import draw as drawing
from inspections.models import Draw, InspectionTarget, Inspector, SamplingPlan
from inspections.workdays import working_days_between
from orgs import scoping
from orgs.models import OrgUnit


def warn_days() -> int:
    return getattr(settings, "QM_INSPECTION_WARN_DAYS", 5)


# --- The draw's inputs ------------------------------------------------------------------


@dataclass
class Candidates:
    entities: list[MarketEntity]
    inspectors: list[Inspector]
    excluded: list[tuple[str, str]]
    count: int


def draw_candidates(plan: SamplingPlan) -> Candidates:
    """What the draw of `plan` draws from, now: the operating entities of its fields in its
    regions (else the unit's whole territory), the available inspectors of the unit's
    subtree, and the pairs 回避 rules out (own region when the plan says so, a linked
    entity, a field the inspector is not competent in)."""
    regions = list(plan.regions.all()) or [plan.unit]
    area = Q()
    for region in regions:
        area |= Q(region__path__startswith=region.path)
    entities = list(
        MarketEntity.objects.operating()
        .filter(area, field__in=plan.fields)
        .select_related("region")
        .order_by("credit_code")
    )
    inspectors = list(
        Inspector.objects.filter(unit__path__startswith=plan.unit.path, is_available=True)
        .select_related("unit")
        .prefetch_related("linked_entities")
        .order_by("badge_no")
    )
    excluded = []
    for inspector in inspectors:
        linked = {e.pk for e in inspector.linked_entities.all()}
        for entity in entities:
            if (
                (plan.avoid_own_region and entity.region.path.startswith(inspector.unit.path))
                or entity.pk in linked
                or (inspector.fields and entity.field not in inspector.fields)
            ):
                excluded.append((inspector.badge_no, entity.credit_code))
    if plan.target_count is not None:
        count = plan.target_count
    else:
        count = math.ceil(len(entities) * plan.target_percent / 100)
    return Candidates(entities, inspectors, sorted(excluded), min(count, len(entities)))


def draw_replay(record: Draw) -> drawing.Outcome:
    """The outcome computed again from what the draw published (seed, lists, exclusions)."""
    return drawing.draw(
        record.seed,
        [e["code"] for e in record.entity_candidates],
        [i["badge"] for i in record.inspector_candidates],
        count=record.count,
        per_entity=record.per_entity,
        excluded=[tuple(p) for p in record.excluded_pairs],
    )


# --- Plans ------------------------------------------------------------------------------


def plans_for_user(user, *, year: int | None = None):
    qs = SamplingPlan.objects.for_user(user).select_related("unit", "activity__notice__campaign")
    if year:
        qs = qs.filter(activity__notice__campaign__year=year)
    return qs.annotate(n_targets=Count("targets")).order_by("-starts_on", "pk")


def plan_get_for_user(user, pk: int, action: str = scoping.Action.VIEW) -> SamplingPlan:
    plan = get_object_or_404(
        SamplingPlan.objects.for_user(user).select_related("unit", "activity__notice"), pk=pk
    )
    if action != scoping.Action.VIEW:
        scoping.require(user, action, plan.unit)
    return plan


def plan_targets(plan: SamplingPlan):
    return (
        plan.targets.select_related("entity__region")
        .prefetch_related(
            Prefetch("inspectors", queryset=Inspector.objects.select_related("unit")), "files"
        )
        .order_by("position")
    )


def target_get_for_user(user, pk: int, action: str = scoping.Action.VIEW) -> InspectionTarget:
    target = get_object_or_404(
        InspectionTarget.objects.filter(
            plan__in=SamplingPlan.objects.for_user(user)
        ).select_related("plan__unit", "entity"),
        pk=pk,
    )
    if action != scoping.Action.VIEW:
        scoping.require(user, action, target.plan.unit)
    return target


# --- Publication timeliness (一公开) -------------------------------------------------------

# Colours as the reports' 督查督办 uses them: red overdue (or published late), blue near the
# limit, done published in time, none nothing due yet.
RED, BLUE, DONE, NONE = "red", "blue", "done", "none"
COLOUR_ORDER = {RED: 0, BLUE: 1, NONE: 2, DONE: 3}


@dataclass
class Timeliness:
    colour: str
    due: datetime.date | None
    days_left: int | None = None  # working days, while unpublished
    late: bool = False


def publication_state(plan: SamplingPlan, today: datetime.date | None = None) -> Timeliness:
    today = today or timezone.localdate()
    due = plan.publication_due()
    if due is None:
        return Timeliness(NONE, None)
    if plan.published_at is not None:
        published = timezone.localdate(plan.published_at)
        late = published > due
        return Timeliness(RED if late else DONE, due, late=late)
    if today > due:
        return Timeliness(RED, due, days_left=0, late=True)
    left = working_days_between(today, due)
    return Timeliness(BLUE if left <= warn_days() else NONE, due, days_left=left)


@dataclass
class ChildRow:
    unit: OrgUnit
    plans: list[SamplingPlan] = field(default_factory=list)
    colour: str = NONE

    @property
    def drawn(self) -> int:
        return sum(1 for p in self.plans if p.status != SamplingPlan.Status.DRAFT)

    @property
    def published(self) -> int:
        return sum(1 for p in self.plans if p.published_at is not None)

    @property
    def red(self) -> int:
        return sum(1 for p in self.plans if p.timeliness.colour == RED)


def supervision_rows(unit: OrgUnit, *, year: int | None, today: datetime.date | None = None):
    """Per child of `unit` (and the unit itself first): its subtree's plans with their draw
    status and publication timeliness; each row takes its worst colour."""
    plans = SamplingPlan.objects.in_subtree(unit).select_related("unit")
    if year:
        plans = plans.filter(activity__notice__campaign__year=year)
    children = list(OrgUnit.objects.get_children(unit).filter(is_active=True).order_by("path"))
    rows = [ChildRow(unit)] + [ChildRow(child) for child in children]
    for plan in plans.order_by("unit__path", "starts_on"):
        plan.timeliness = publication_state(plan, today)
        row = next(
            (r for r in rows[1:] if plan.unit.path.startswith(r.unit.path)),
            rows[0],
        )
        row.plans.append(plan)
    for row in rows:
        if row.plans:
            row.colour = min((p.timeliness.colour for p in row.plans), key=COLOUR_ORDER.get)
    return [r for r in rows if r.plans or r.unit != unit]


# --- Public side ------------------------------------------------------------------------


def published_plans():
    return (
        SamplingPlan.objects.filter(published_at__isnull=False)
        .select_related("unit")
        .annotate(n_targets=Count("targets"))
        .order_by("-published_at")
    )


def published_plan(pk: int) -> SamplingPlan:
    return get_object_or_404(published_plans(), pk=pk)


# --- Statistics (抽查机构数, 发现问题数, 立案数) -----------------------------------------------


def result_figures(unit: OrgUnit, campaign_id: int) -> dict[str, int]:
    """Results recorded in `unit`'s subtree for the campaign: entities inspected, problems
    found (ordered to rectify or a case opened), cases opened. One query."""
    return InspectionTarget.objects.filter(
        plan__unit__path__startswith=unit.path,
        plan__activity__notice__campaign_id=campaign_id,
    ).aggregate(
        inspected=Count("pk", filter=~Q(outcome="")),
        problems=Count("pk", filter=Q(outcome__in=InspectionTarget.PROBLEM_OUTCOMES)),
        cases=Count("pk", filter=Q(outcome=InspectionTarget.Outcome.CASE)),
    )
