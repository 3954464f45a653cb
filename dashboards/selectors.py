"""Reads of the supervision dashboard (数据看板): which requirement a unit looks at, and the
figures its charts draw, as plain JSON-ready data.

The figures come from `reports.selectors` (one SQL aggregate per figure over the subtree);
the only query added here is the submissions per day for the timeline, an aggregate too.
"""

import datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import Delivery
from dashboards import maps
from orgs.models import OrgUnit
from reports import selectors as report_selectors
from reports.models import ExpectedReport, Report, ReportRequirement
from reports.selectors import Completeness

# Colours of the map areas and bars: red when a child has overdue reports (the supervision
# office's red), otherwise a green that deepens with completeness.
RED = "#d9363e"
COMPLETENESS_SCALE: list[tuple[float, str, str]] = [
    (100.0, "#1b7a34", "100%"),
    (75.0, "#4caf50", "75%–99%"),
    (50.0, "#9ccc65", "50%–74%"),
    (0.1, "#d4e9b8", "1%–49%"),
    (0.0, "#e3e6ea", "0%"),
]
TIMELINE_MAX_DAYS = 120


def requirements_for_unit(user, unit: OrgUnit) -> QuerySet[ReportRequirement]:
    """Requirements the user may see of notices `unit` issued or received: the unit's own
    first (what it supervises), then the newest."""
    received = Delivery.objects.filter(recipient=unit).values("notice_id")
    return (
        ReportRequirement.objects.for_user(user)
        .filter(Q(notice__unit=unit) | Q(notice__in=received))
        .select_related("notice__unit", "notice__campaign")
        .annotate(
            own=Case(
                When(notice__unit=unit, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-own", "-notice__campaign__year", "-created_at", "-pk")
    )


def requirements_reported_in(user, unit: OrgUnit) -> QuerySet[ReportRequirement]:
    """Requirements the user may see on which someone in `unit`'s subtree reports, newest
    first: what a unit between the issuer and the reporting units (三明市 above 永安市's
    stations) watches when it neither issued nor received a requirement itself."""
    reported = ExpectedReport.objects.active().filter(
        requirement=OuterRef("pk"), unit__path__startswith=unit.path
    )
    return (
        ReportRequirement.objects.for_user(user)
        .filter(Exists(reported))
        .select_related("notice__unit", "notice__campaign")
        .order_by("-notice__campaign__year", "-created_at", "-pk")
    )


def colour_of(row: Completeness) -> str:
    if row.overdue:
        return RED
    pct = row.completeness * 100
    return next(colour for floor, colour, _label in COMPLETENESS_SCALE if pct >= floor)


def legend() -> list[dict]:
    return [{"colour": RED, "label": _("逾期未报")}] + [
        {"colour": colour, "label": _("已报 %(range)s") % {"range": label}}
        for _floor, colour, label in COMPLETENESS_SCALE
    ]


def labels() -> dict[str, str]:
    """The words the charts print, translated on the server (the script has no catalog)."""
    return {
        "completeness": _("报送率"),
        "timeliness": _("及时率"),
        "received": _("已报"),
        "expected": _("应报"),
        "overdue": _("逾期未报"),
        "per_day": _("当日报送"),
        "cumulative": _("累计报送"),
        "due": _("截止"),
        "activities": _("活动数"),
        "no_data": _("暂无数据"),
    }


def _row(unit: OrgUnit, row: Completeness) -> dict:
    child = row.unit
    url = ""
    if child is not None and child.pk != unit.pk:
        url = reverse("dashboards:dashboard", args=[child.pk])
    return {
        "id": child.pk if child else None,
        "name": row.label,
        "map_name": maps.child_map_name(unit, child) if child else row.label,
        "is_self": child is not None and child.pk == unit.pk,
        "expected": row.expected,
        "received": row.received,
        "on_time": row.on_time,
        "late": row.late,
        "overdue": row.overdue,
        "completeness": round(row.completeness * 100, 1),
        "timeliness": round(row.timeliness * 100, 1),
        "colour": colour_of(row),
        "url": url,
    }


def submissions_by_day(unit: OrgUnit, requirement: ReportRequirement) -> list[tuple]:
    """(day, number of first submissions) over the subtree, in day order: one aggregate."""
    rows = (
        Report.objects.filter(
            expected__requirement=requirement,
            expected__removed_at__isnull=True,
            expected__unit__path__startswith=unit.path,
            first_submitted_at__isnull=False,
        )
        .annotate(day=TruncDate("first_submitted_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    return [(r["day"], r["n"]) for r in rows]


def timeline(unit: OrgUnit, requirement: ReportRequirement, expected: int) -> dict:
    """Submissions per day around the due date, days without any filled with 0 so the due
    date's mark sits on the axis; at most TIMELINE_MAX_DAYS days, the latest kept."""
    counts = dict(submissions_by_day(unit, requirement))
    due = requirement.due_date
    anchors = list(counts) + ([due] if due else [])
    if not anchors:
        return {"days": [], "counts": [], "cumulative": [], "due": None, "expected": expected}
    start = min(anchors) - datetime.timedelta(days=1)
    end = max(anchors) + datetime.timedelta(days=1)
    if due and not counts:
        start = due - datetime.timedelta(days=7)
    start = max(start, end - datetime.timedelta(days=TIMELINE_MAX_DAYS - 1))
    days, per_day, cumulative, running = [], [], [], 0
    running = sum(n for day, n in counts.items() if day < start)
    day = start
    while day <= end:
        running += counts.get(day, 0)
        days.append(day.isoformat())
        per_day.append(counts.get(day, 0))
        cumulative.append(running)
        day += datetime.timedelta(days=1)
    return {
        "days": days,
        "counts": per_day,
        "cumulative": cumulative,
        "due": due.isoformat() if due else None,
        "expected": expected,
    }


def dashboard_data(
    unit: OrgUnit, *, requirement: ReportRequirement | None, today: datetime.date
) -> dict:
    """Everything the dashboard's charts draw, JSON-ready (the page embeds it with
    json_script and renders the same figures as tables for readers without JavaScript)."""
    kw = {"requirement": requirement, "today": today}
    by_child = report_selectors.completeness_by_child(unit, **kw) if requirement else []
    total = report_selectors.completeness_total(unit, by_child) if requirement else None
    children = [_row(unit, c) for c in by_child]
    spec = maps.map_for(unit)
    campaign = requirement.notice.campaign if requirement else None
    activities = report_selectors.activity_counts(unit, campaign=campaign, months=False)
    return {
        "unit": {"id": unit.pk, "name": unit.name, "kind": unit.kind},
        "requirement": (
            {
                "id": requirement.pk,
                "title": requirement.notice.title,
                "due": requirement.due_date.isoformat() if requirement.due_date else None,
            }
            if requirement
            else None
        ),
        "map": {"name": spec.name} if spec else None,
        "total": _row(unit, total) if total else None,
        "children": children,
        "timeline": timeline(unit, requirement, total.expected) if requirement else None,
        "activities": {
            "by_category": [[name, n] for name, n in activities.by_category],
            "by_status": [[name, n] for name, n in activities.by_status],
        },
        "legend": legend(),
        "labels": labels(),
    }
