"""The reporting rules (reports/rules.py) pinned once as a table, and the three paths that
apply them — Python, the ORM and the supervision aggregates' SQL — held to agree on a world
holding every state, on SQLite and PostgreSQL alike."""

import datetime
import itertools
from collections import Counter

import pytest
from django.db.models import Count
from django.utils import timezone

from reports import aggregates, rules, services, tallies
from reports.models import ExpectedReport, Report
from reports.rules import Colour
from reports.tests import factories

DUE = datetime.date(2023, 10, 16)
NEAR = 3


def _day(offset: int) -> datetime.date:
    return DUE + datetime.timedelta(days=offset)


# status of the report (None: not started), first submitted late?, due date, today
#   → received?, on time?, late?, overdue?, colour
DEFINITIONS = [
    (None, False, DUE, _day(-4), False, False, False, False, Colour.NONE),
    (None, False, DUE, _day(-3), False, False, False, False, Colour.BLUE),
    (None, False, DUE, DUE, False, False, False, False, Colour.BLUE),
    (None, False, DUE, _day(1), False, False, False, True, Colour.RED),
    (None, False, None, _day(30), False, False, False, False, Colour.NONE),
    ("draft", False, DUE, _day(-10), False, False, False, False, Colour.NONE),
    ("draft", False, DUE, _day(1), False, False, False, True, Colour.RED),
    ("returned", False, DUE, _day(-10), False, False, False, False, Colour.YELLOW),
    ("returned", False, DUE, DUE, False, False, False, False, Colour.YELLOW),
    ("returned", False, DUE, _day(1), False, False, False, True, Colour.RED),
    ("returned", True, None, _day(30), False, False, False, False, Colour.YELLOW),
    ("submitted", False, DUE, _day(-10), True, True, False, False, Colour.DONE),
    ("submitted", False, DUE, _day(30), True, True, False, False, Colour.DONE),
    ("submitted", True, DUE, _day(30), True, False, True, False, Colour.DONE),
    ("accepted", False, DUE, _day(30), True, True, False, False, Colour.DONE),
    ("accepted", True, DUE, _day(30), True, False, True, False, Colour.DONE),
]


@pytest.mark.parametrize(
    ("status", "first_late", "due", "today", "received", "on_time", "late", "overdue", "colour"),
    DEFINITIONS,
)
def test_each_state_is_received_on_time_late_overdue_and_coloured_as_the_office_counts_it(
    status, first_late, due, today, received, on_time, late, overdue, colour
):
    assert rules.is_received(status) is received
    assert rules.is_on_time(status=status, late=first_late) is on_time
    assert (rules.is_received(status) and first_late) is late
    assert rules.is_overdue(status=status, due=due, today=today) is overdue
    assert rules.colour_for(status=status, due=due, today=today, near=NEAR) == colour


@pytest.mark.parametrize(
    ("submitted_on", "late"),
    [(_day(-1), False), (DUE, False), (_day(1), True)],
)
def test_a_submission_on_the_due_date_is_on_time_and_the_day_after_is_late(submitted_on, late):
    assert rules.is_late(due=DUE, submitted_on=submitted_on) is late


def test_without_a_due_date_nothing_is_late_or_overdue():
    assert rules.is_late(due=None, submitted_on=_day(365)) is False
    assert rules.is_overdue(status=None, due=None, today=_day(365)) is False


def test_only_drafts_and_returned_reports_can_be_changed_by_the_unit():
    assert [s for s, _label in Report.Status.choices if rules.is_editable(s)] == [
        "draft",
        "returned",
    ]


@pytest.mark.parametrize(("levels", "due"), [(0, DUE), (1, _day(-2)), (3, _day(-6))])
def test_each_level_below_reports_two_days_earlier(levels, due):
    assert rules.subordinate_due_date(DUE, levels) == due


def test_a_requirement_without_a_due_date_passes_none_down():
    assert rules.subordinate_due_date(None) is None


# --- The ORM and the SQL agree with the table ---------------------------------------------

# What each expected report of the mixed world holds: (status or None, first submitted late?),
# or "removed" (the unit left the expected set).
STATES = [
    (None, False),
    ("draft", False),
    ("submitted", False),
    ("submitted", True),
    ("returned", False),
    ("returned", True),
    ("accepted", False),
    ("accepted", True),
    "removed",
]
# Due dates relative to today: passed, today, within the near days, far, none.
DUE_OFFSETS = [-1, 0, 2, 10, None]


@pytest.fixture
def mixed(reporting):
    """Five requirements of 湖南省 (one per due date), each expecting 长沙市, 株洲市, 芙蓉区 and
    天心区, their reports cycling through every state."""
    r = reporting
    today = timezone.localdate()
    units = [r.unit(n) for n in ("长沙市", "株洲市", "芙蓉区", "天心区")]
    states = itertools.cycle(STATES)
    for i, offset in enumerate(DUE_OFFSETS):
        requirement = factories.issued_requirement(
            actor=r.hunan_editor,
            unit=r.unit("湖南省"),
            recipients=units[:2],
            title=f"湖南省报送要求{i}",
        )
        for unit in units[2:]:
            services.expected_add(actor=r.hunan_editor, requirement=requirement, unit=unit)
        due = None if offset is None else today + datetime.timedelta(days=offset)
        factories.due_date_set(requirement, due=due)
        for unit in units:
            expected = factories.expected(requirement, unit)
            state = next(states)
            if state == "removed":
                services.expected_remove(actor=r.hunan_editor, expected=expected, reason="撤并")
                continue
            status, late = state
            if status is not None:
                Report.objects.create(expected=expected, status=status, is_late=late)
    # The reports were written in every state directly, past the services that keep the
    # completeness tallies: recount them, as a bulk load does.
    tallies.rebuild(fix=True)
    return r


def test_python_orm_and_sql_count_the_same_on_a_world_of_every_state(mixed):
    today = timezone.localdate()
    hunan = mixed.unit("湖南省")
    rows = list(
        ExpectedReport.objects.active()
        .in_subtree(hunan.path)
        .filter(requirement__notice__unit=hunan)
        .with_colour(today, NEAR)
        .select_related("requirement", "report", "unit")
    )
    # Python, one expected report at a time, and its colour as the database computed it.
    by_rule = Counter()
    for e in rows:
        report = getattr(e, "report", None)
        status = report.status if report else None
        due = e.requirement.due_date
        by_rule["expected"] += 1
        by_rule["received"] += rules.is_received(status)
        by_rule["on_time"] += rules.is_on_time(status=status, late=bool(report and report.is_late))
        by_rule["overdue"] += rules.is_overdue(status=status, due=due, today=today)
        assert e.colour == rules.colour_for(status=status, due=due, today=today, near=NEAR), e
        assert e.colour == e.colour_on(today, NEAR)
    # The world is mixed: every colour and every count occurs.
    assert {e.colour for e in rows} == set(Colour.values)
    assert all(by_rule[n] for n in ("received", "on_time", "overdue"))
    assert by_rule["received"] > by_rule["on_time"]

    # The ORM's counts, from the rules' Q objects.
    orm = (
        ExpectedReport.objects.active()
        .in_subtree(hunan.path)
        .aggregate(
            expected=Count("pk"),
            received=Count("pk", filter=rules.received_q()),
            on_time=Count("pk", filter=rules.on_time_q()),
            overdue=Count("pk", filter=rules.overdue_q(today)),
        )
    )
    # The reporting fixture's two requirements are in the subtree too (nothing overdue).
    others = (
        ExpectedReport.objects.active()
        .in_subtree(hunan.path)
        .exclude(requirement__notice__unit=hunan)
    )
    assert not others.filter(report__isnull=False).exists()
    by_rule["expected"] += others.count()
    assert orm == dict(by_rule)

    # The supervision aggregate's SQL, from the rules' SQL conditions.
    [(_key, *counts)] = aggregates.completeness_counts_from_rows(
        hunan, group="subtree", today=today
    )
    assert tuple(counts) == (orm["expected"], orm["received"], orm["on_time"], orm["overdue"])
    # The tallies the pages read give the same.
    [(_key, *counts)] = aggregates.completeness_counts(hunan, group="subtree", today=today)
    assert tuple(counts) == (orm["expected"], orm["received"], orm["on_time"], orm["overdue"])

    # And the ORM's overdue list is the red of the colours.
    red = set(
        ExpectedReport.objects.active()
        .in_subtree(hunan.path)
        .with_colour(today, NEAR)
        .filter(colour=Colour.RED)
        .values_list("pk", flat=True)
    )
    overdue = set(
        ExpectedReport.objects.active()
        .in_subtree(hunan.path)
        .filter(rules.overdue_q(today))
        .values_list("pk", flat=True)
    )
    assert red == overdue and red
