"""Reads of the reporting flow: fetching with permission checks, and supervision figures.

Every figure over a subtree is one SQL aggregate over `OrgUnit.path` prefixes — never a loop
over units in Python — so the nation's view of ~3,000 counties costs the same few queries as a
city's view of its districts. The dashboard and the API call these functions; they take a
unit and optional filters (a requirement, or a whole campaign) and return plain dataclasses.

Definitions (the supervision office's; received, on time, overdue and the colours are written
once, in `reports.rules`):
- expected: rows of `ExpectedReport` not removed (撤并 units leave with a reason);
- completeness = received / expected, timeliness = on time / expected (never above 100%).
"""

import datetime
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from activities import tallies as activity_tallies
from activities.models import NO_CATEGORY, Activity, ActivityCategory
from campaigns.models import Campaign
from core.figures import cached_figures
from orgs import scoping
from orgs.models import OrgUnit
from reports import aggregates, rules
from reports.models import (
    ExpectedReport,
    Report,
    ReportRequirement,
    ReportTally,
    StatisticField,
)

# --- Fetching, with the 404-outside / 403-inside rule ------------------------------------


def requirement_get_for_user(user, pk: int, action: str = scoping.Action.VIEW) -> ReportRequirement:
    """The requirement if `user` may see its notice; 404 otherwise, 403 when seeing is
    allowed but `action` (edit: define the form, review, remind) is not."""
    visible = ReportRequirement.objects.for_user(user).select_related(
        "notice__unit", "notice__campaign"
    )
    return scoping.get_for_user(
        visible, pk=pk, user=user, action=action, unit_of=lambda r: r.notice.unit
    )


def expected_get_for_user(user, pk: int, action: str = scoping.Action.VIEW) -> ExpectedReport:
    """An expected report of a unit in the user's subtrees (or of a requirement the user's
    unit issued); 404 otherwise, 403 when the user may see it but not do `action` on the
    reporting unit."""
    visible = ExpectedReport.objects.for_user(user).select_related(
        "unit", "requirement__notice__unit"
    )
    return scoping.get_for_user(visible, pk=pk, user=user, action=action)


def report_get_for_user(user, pk: int) -> Report:
    """A report the user may read: their own subtree's, or one sent up to them. 404 for
    anything else — a county never learns whether a sibling county has reported."""
    report = (
        Report.objects.for_user(user)
        .select_related("expected__unit", "expected__requirement__notice__unit")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    return report


def report_detail_parts(report: Report) -> dict:
    """Everything a report page shows, in a fixed number of queries."""
    fields = list(report.requirement.statistic_fields.all())
    values = {v.field_id: v for v in report.values.all()}
    return {
        "rows": [(f, values.get(f.pk)) for f in fields],
        "files": list(report.files.filter(case__isnull=True)),
        "cases": list(report.cases.prefetch_related("files")),
        "events": list(report.events.select_related("actor")),
    }


def requirements_to_report(user) -> QuerySet[ExpectedReport]:
    """The expected reports of the units where the user may edit: their to-do list."""
    return (
        ExpectedReport.objects.active()
        .filter(scoping.scope_q(user, scoping.Action.EDIT, path_field="unit__path"))
        .with_colour(timezone.localdate())
        .select_related("unit", "requirement__notice", "report")
        .order_by("requirement__due_date", "unit__path")
    )


def _tally_sum(counted: str) -> Coalesce:
    """A requirement's count over its whole expected set: the tallies of the tree's roots
    (every unit lies below one), summed over the kinds of reporting units."""
    rows = (
        ReportTally.objects.filter(requirement=OuterRef("pk"), own=False, unit__depth=1)
        .order_by()
        .values("requirement")
        .annotate(n=Sum(counted))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def requirements_issued(user) -> QuerySet[ReportRequirement]:
    """Requirements of notices the user's units issued (what they supervise)."""
    return (
        ReportRequirement.objects.for_user(user, scoping.Action.EDIT)
        .select_related("notice__unit")
        .annotate(n_expected=_tally_sum("expected"), n_received=_tally_sum("received"))
        .order_by("-due_date")
    )


# --- Supervision figures -------------------------------------------------------------------


@dataclass(frozen=True)
class Completeness:
    """Counts over a set of expected reports, and the two rates supervisors read."""

    expected: int = 0
    received: int = 0
    on_time: int = 0
    overdue: int = 0
    key: str = ""  # the group: a child's path, a unit kind …
    label: str = ""
    unit: OrgUnit | None = None

    @property
    def late(self) -> int:
        return self.received - self.on_time

    @property
    def completeness(self) -> float:
        """received / expected, 0..1 (0 when nothing is expected)."""
        return self.received / self.expected if self.expected else 0.0

    @property
    def timeliness(self) -> float:
        """on time / expected, 0..1."""
        return self.on_time / self.expected if self.expected else 0.0

    @property
    def completeness_pct(self) -> str:
        return f"{self.completeness * 100:.1f}%"

    @property
    def timeliness_pct(self) -> str:
        return f"{self.timeliness * 100:.1f}%"


def expected_in_subtree(
    unit: OrgUnit,
    *,
    requirement: ReportRequirement | None = None,
    campaign=None,
) -> QuerySet[ExpectedReport]:
    """Active expected reports of units in `unit`'s subtree (the unit included), for one
    requirement, one campaign's requirements, or all of them."""
    qs = ExpectedReport.objects.active().filter(unit__path__startswith=unit.path)
    if requirement is not None:
        qs = qs.filter(requirement=requirement)
    if campaign is not None:
        qs = qs.filter(requirement__notice__campaign=campaign)
    return qs


def _completeness_rows(unit: OrgUnit, group: str, **filters) -> list[Completeness]:
    today = filters.pop("today", None) or timezone.localdate()
    rows = aggregates.completeness_counts(unit, group=group, today=today, **filters)
    return [
        Completeness(expected=n, received=r, on_time=o, overdue=d, key=key or "")
        for key, n, r, o, d in rows
    ]


def completeness(
    unit: OrgUnit,
    *,
    requirement: ReportRequirement | None = None,
    campaign=None,
    today: datetime.date | None = None,
) -> Completeness:
    """Completeness and timeliness over `unit`'s whole subtree: one query."""
    (row,) = _completeness_rows(
        unit, "subtree", requirement=requirement, campaign=campaign, today=today
    )
    return replace(row, key=unit.path, label=unit.name, unit=unit)


def completeness_total(unit: OrgUnit, parts: list[Completeness]) -> Completeness:
    """The subtree's figure from rows that partition it (by child, or by level): the same
    numbers `completeness` counts, without a second pass over the reports."""
    sums = {
        name: sum(getattr(p, name) for p in parts)
        for name in ("expected", "received", "on_time", "overdue")
    }
    return Completeness(**sums, key=unit.path, label=unit.name, unit=unit)


def completeness_by_child(
    unit: OrgUnit,
    *,
    requirement: ReportRequirement | None = None,
    campaign=None,
    today: datetime.date | None = None,
) -> list[Completeness]:
    """One row per child of `unit` (its whole subtree folded in), plus a row for the unit
    itself when it is expected too; two queries: one aggregate grouped by the child's path
    prefix, one for the children's names. Children with nothing expected are left out."""
    rows = _completeness_rows(
        unit, "child", requirement=requirement, campaign=campaign, today=today
    )
    units = OrgUnit.objects.in_bulk([r.key for r in rows], field_name="path")
    return [
        replace(r, label=units[r.key].name, unit=units[r.key]) if r.key in units else r
        for r in rows
    ]


def completeness_by_level(
    unit: OrgUnit,
    *,
    requirement: ReportRequirement | None = None,
    campaign=None,
    today: datetime.date | None = None,
) -> list[Completeness]:
    """One row per kind of unit (省级, 地市级, 县级, 市场监管所 …) in the subtree: one query."""
    labels = dict(OrgUnit.Kind.choices)
    order = {k: i for i, k in enumerate(OrgUnit.Kind.values)}
    rows = _completeness_rows(unit, "kind", requirement=requirement, campaign=campaign, today=today)
    result = [replace(r, label=str(labels.get(r.key, r.key))) for r in rows]
    return sorted(result, key=lambda c: order.get(c.key, 99))


def supervision_list(
    unit: OrgUnit,
    *,
    requirement: ReportRequirement | None = None,
    campaign=None,
    today: datetime.date | None = None,
    colours: list[str] | None = None,
) -> QuerySet[ExpectedReport]:
    """Expected reports in the subtree with their three-colour state (`colour`), worst
    first; filter to some `colours` (e.g. [Colour.RED] for the overdue list)."""
    qs = expected_in_subtree(unit, requirement=requirement, campaign=campaign).with_colour(
        today or timezone.localdate()
    )
    if colours:
        qs = qs.filter(colour__in=colours)
    return qs.select_related("unit", "requirement__notice", "report").order_by(
        "requirement__due_date", "unit__path"
    )


# What the supervision office chases (督办): overdue, returned, or due within the near days.
PENDING_COLOURS = (rules.Colour.RED, rules.Colour.YELLOW, rules.Colour.BLUE)


def supervision_pending(
    user,
    unit: OrgUnit,
    *,
    requirement: ReportRequirement | None = None,
    campaign=None,
    today: datetime.date | None = None,
    action: str = scoping.Action.VIEW,
) -> QuerySet[ExpectedReport]:
    """The units to chase (需督办的单位) on `unit`'s supervision page for its filters: the
    expected reports of the subtree that are overdue, returned or near their due date, on
    requirements issued by a unit where `user` may `action` — view: the page lists them; edit:
    the reminders (催办) go to them. The page and both reminder actions call this one
    function, so a reminder reaches exactly the units the page lists for the same filters,
    never a unit it does not show (another year's requirement, a superior's requirement the
    unit itself must report on)."""
    return supervision_list(
        unit,
        requirement=requirement,
        campaign=campaign,
        today=today,
        colours=list(PENDING_COLOURS),
    ).filter(scoping.scope_q(user, action, path_field="requirement__notice__unit__path"))


def overdue_units(
    unit: OrgUnit,
    *,
    requirement: ReportRequirement | None = None,
    campaign=None,
    today: datetime.date | None = None,
) -> QuerySet[ExpectedReport]:
    """The expected reports in the subtree that are overdue (red)."""
    return supervision_list(
        unit, requirement=requirement, campaign=campaign, today=today, colours=[rules.Colour.RED]
    )


def colour_counts(
    unit: OrgUnit,
    *,
    requirement: ReportRequirement | None = None,
    campaign=None,
    today: datetime.date | None = None,
) -> dict[str, int]:
    """How many expected reports in the subtree are in each colour: one query on the
    tallies (`rules.colour_for` applied to each requirement's counts, its expected reports
    sharing its due date); `colour_counts_from_rows` counts the reports themselves."""
    today = today or timezone.localdate()
    near = datetime.timedelta(days=rules.near_days_default())
    counts = dict.fromkeys(rules.Colour.values, 0)
    for due, expected, received, _on_time, returned in aggregates.requirement_counts(
        unit, requirement=requirement, campaign=campaign
    ):
        counts[rules.Colour.DONE] += received
        waiting = expected - received
        if rules.is_past_due(due=due, today=today):
            counts[rules.Colour.RED] += waiting
            continue
        counts[rules.Colour.YELLOW] += returned
        near_due = due is not None and today >= due - near
        counts[rules.Colour.BLUE if near_due else rules.Colour.NONE] += waiting - returned
    return counts


def colour_counts_from_rows(
    unit: OrgUnit,
    *,
    requirement: ReportRequirement | None = None,
    campaign=None,
    today: datetime.date | None = None,
) -> dict[str, int]:
    """`colour_counts` from the expected reports and their colours (the definition)."""
    qs = (
        expected_in_subtree(unit, requirement=requirement, campaign=campaign)
        .with_colour(today or timezone.localdate())
        .values("colour")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(rules.Colour.values, 0)
    counts.update({r["colour"]: r["n"] for r in qs})
    return counts


# --- Rollups -------------------------------------------------------------------------------


@dataclass
class RollupRow:
    label: str
    unit: OrgUnit | None
    values: list[Decimal | None]
    received: int = 0


@dataclass
class Rollup:
    """Statistics of received reports summed per child of a unit, and in total."""

    fields: list[StatisticField]
    rows: list[RollupRow] = field(default_factory=list)
    total: list[Decimal | None] = field(default_factory=list)
    received: int = 0


def statistics_rollup(unit: OrgUnit, *, requirement: ReportRequirement) -> Rollup:
    """The requirement's numeric indicators summed over the received reports of `unit`'s
    subtree, one row per child (drill down by calling it again with the child): three
    queries — the fields, one aggregate grouped by (child path prefix, field), the names."""
    fields = [f for f in requirement.statistic_fields.all() if f.is_numeric]
    sums = aggregates.statistic_sums(
        unit, requirement=requirement, field_ids=[f.pk for f in fields]
    )
    children = sorted({child for child, *_ in sums})
    units = OrgUnit.objects.in_bulk(children, field_name="path")
    by_key = {(child, field_id): total for child, field_id, total, _ in sums}
    received = {}
    for child, _, _, n in sums:
        received[child] = max(received.get(child, 0), n)
    rollup = Rollup(fields=fields)
    for path in children:
        child = units.get(path)
        rollup.rows.append(
            RollupRow(
                label=(child.name if child else path),
                unit=child,
                values=[by_key.get((path, f.pk)) for f in fields],
                received=received[path],
            )
        )
    rollup.total = [
        sum((v for v in (r.values[i] for r in rollup.rows) if v is not None), Decimal(0))
        for i in range(len(fields))
    ]
    rollup.received = sum(r.received for r in rollup.rows)
    return rollup


@dataclass
class ActivityCounts:
    by_category: list[tuple[str, int]]
    by_status: list[tuple[str, int]]
    by_month: list[tuple[datetime.date | None, int]]


def activity_counts(unit: OrgUnit, *, campaign=None, months: bool = True) -> ActivityCounts:
    """Activities of the notices issued in `unit`'s subtree, counted by category, status and
    (unless `months` is False: the dashboard draws none) month of start.

    Read from the activity tallies (`activities.tallies`): the counts of the subtree by
    category, status and month, kept exact by every write, so the figures cost one small
    indexed read whatever the number of activities; `activities.tallies.rebuild` recounts
    them from the rows (the definition)."""
    categories = list(ActivityCategory.objects.order_by().values_list("pk", "name"))
    statuses = Activity.Status.choices
    key = f"activity-counts:{unit.pk}:{campaign.pk if campaign else '-'}:{int(months)}"
    counted, months_counted = cached_figures(
        key, lambda: _activity_counts(unit, campaign, categories, months)
    )
    # .get: a category added since the counts were cached has none yet.
    by_category = sorted(
        [(name, counted.get(f"c{pk}", 0)) for pk, name in categories if counted.get(f"c{pk}")],
        key=lambda item: (-item[1], item[0]),
    )
    if counted["c_none"]:
        by_category.append((gettext("未分类"), counted["c_none"]))
        by_category.sort(key=lambda item: -item[1])  # stable: 未分类 after a tie
    return ActivityCounts(
        by_category=by_category,
        by_status=[
            (str(label), counted[f"s_{value}"])
            for value, label in sorted(statuses)
            if counted[f"s_{value}"]
        ],
        by_month=months_counted,
    )


def _activity_counts(unit: OrgUnit, campaign, categories: list, months: bool) -> tuple:
    """The raw counts behind `activity_counts`, free of labels (they are cached for everyone,
    whatever their language): read from the activity tallies the writes keep
    (`activities.tallies`), a few hundred rows at most, instead of counting the subtree's
    activities."""
    counted = {f"c{pk}": 0 for pk, _name in categories}
    counted |= {"c_none": 0} | {f"s_{value}": 0 for value in Activity.Status.values}
    by_month: dict = {}
    for category, status, month, n in activity_tallies.counted(unit, campaign=campaign):
        key = "c_none" if category == NO_CATEGORY else f"c{category}"
        counted[key] = counted.get(key, 0) + n
        counted[f"s_{status}"] = counted.get(f"s_{status}", 0) + n
        by_month[month] = by_month.get(month, 0) + n
    months_counted = []
    if months:
        # In calendar order, activities with no start date last.
        months_counted = sorted(by_month.items(), key=lambda item: (item[0] is None, item[0] or 0))
    return counted, months_counted


def accepted_for_compilation(unit: OrgUnit, *, requirement: ReportRequirement) -> QuerySet[Report]:
    """Accepted reports of the subtree, in tree order, with their cases and files: the 汇编."""
    return (
        Report.objects.filter(
            expected__requirement=requirement,
            expected__removed_at__isnull=True,
            expected__unit__path__startswith=unit.path,
            status=Report.Status.ACCEPTED,
        )
        .select_related("expected__unit")
        .prefetch_related("cases", "files")
        .order_by("expected__unit__path")
    )


def campaign_years_in_subtree(unit: OrgUnit) -> list[int]:
    """The campaign years in which someone in `unit`'s subtree is expected to report: where
    督查督办 has something to show. One EXISTS per campaign (a handful), each stopping at its
    first row, instead of a DISTINCT over every expected report of a nation."""
    expected = ExpectedReport.objects.active().filter(
        unit__path__startswith=unit.path, requirement__notice__campaign=OuterRef("pk")
    )
    return list(
        Campaign.objects.filter(Exists(expected)).order_by("-year").values_list("year", flat=True)
    )
