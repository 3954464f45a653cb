"""The reporting rules, in one place: when a report counts as received, on time, late or
overdue, the supervision colour of an expected report, and the margin each level keeps to
compile its subordinates' reports before reporting up.

Every path that applies a rule takes it from here: the Python checks (`is_received`,
`colour_for`, …), the ORM (`received_q`, `overdue_q`, `colour_case`) and the hand-written SQL
of `reports.aggregates` (`received_sql`, `on_time_sql`, `overdue_sql`), so that a page, the
API and a dashboard cannot disagree on who is late. reports/tests/test_rules.py pins the
definitions as a table and checks that the ORM and the SQL count alike.

This module imports nothing of the project's apps (`reports.models` imports it): statuses
are plain strings here, and `Report.Status` is built from them.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

# --- Statuses ----------------------------------------------------------------------------

DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
ACCEPTED = "accepted"

# A report counts as received (已报) once submitted, and stays received when accepted (采用).
# A returned report (退回) is not received: the unit must correct and submit again.
RECEIVED_STATUSES: tuple[str, ...] = (SUBMITTED, ACCEPTED)
# The unit may still change its report.
EDITABLE_STATUSES: tuple[str, ...] = (DRAFT, RETURNED)


def is_received(status: str | None) -> bool:
    return status in RECEIVED_STATUSES


def is_editable(status: str | None) -> bool:
    return status in EDITABLE_STATUSES


# --- Dates -------------------------------------------------------------------------------


def is_late(*, due: datetime.date | None, submitted_on: datetime.date) -> bool:
    """A submission is late (逾期报送) when made after the due date; on the due date itself it
    is on time. It is still received. Whether a report is late is decided at its first
    submission (`Report.is_late`): a resubmission after a return does not make it late."""
    return is_past_due(due=due, today=submitted_on)


def is_on_time(*, status: str | None, late: bool) -> bool:
    """Received, and first submitted by the due date (按时报送)."""
    return is_received(status) and not late


def is_past_due(*, due: datetime.date | None, today: datetime.date) -> bool:
    """The due date has passed: the day after it. No due date never passes."""
    return due is not None and today > due


def is_overdue(*, status: str | None, due: datetime.date | None, today: datetime.date) -> bool:
    """Not received, and the due date has passed (逾期未报). A returned report is overdue too
    once the due date is past."""
    return not is_received(status) and is_past_due(due=due, today=today)


# --- Supervision colour (督查督办) -------------------------------------------------------


class Colour(models.TextChoices):
    """The supervision office's three colours (督查督办三色), plus the two quiet states."""

    DONE = "done", _("已报送")
    NONE = "none", _("正常")
    BLUE = "blue", _("临近截止")
    YELLOW = "yellow", _("被退回")
    RED = "red", _("已逾期")


def near_days_default() -> int:
    """From how many days before the due date an expected report turns blue."""
    return getattr(settings, "QM_REPORT_NEAR_DAYS", 3)


def colour_for(
    *,
    status: str | None,
    due: datetime.date | None,
    today: datetime.date,
    near: int | None = None,
) -> str:
    """The colour of one expected report whose report has `status` (None: not started).
    Received reports are done; red once the due date has passed without a report; yellow when
    returned for correction (the unit is behind); blue from `near` days before the due date
    to the due date itself. `colour_case` is the same rule for the database."""
    near = near_days_default() if near is None else near
    if is_received(status):
        return Colour.DONE
    if is_overdue(status=status, due=due, today=today):
        return Colour.RED
    if status == RETURNED:
        return Colour.YELLOW
    if due is not None and today >= due - datetime.timedelta(days=near):
        return Colour.BLUE
    return Colour.NONE


# --- The same rules for the ORM ----------------------------------------------------------
# `report` and `due` name the report and the due-date field as seen from the queryset's model:
# from ExpectedReport they are "report__" and "requirement__due_date".


def received_q(report: str = "report__") -> Q:
    return Q(**{f"{report}status__in": RECEIVED_STATUSES})


def on_time_q(report: str = "report__") -> Q:
    return received_q(report) & Q(**{f"{report}is_late": False})


def overdue_q(
    today: datetime.date, report: str = "report__", due: str = "requirement__due_date"
) -> Q:
    # `~received_q` also holds for an expected report with no report row (a LEFT JOIN's NULL).
    return ~received_q(report) & Q(**{f"{due}__lt": today})


def colour_case(
    today: datetime.date,
    near: int | None = None,
    report: str = "report__",
    due: str = "requirement__due_date",
) -> Case:
    """`colour_for` as a database expression."""
    near = near_days_default() if near is None else near
    return Case(
        When(received_q(report), then=Value(Colour.DONE.value)),
        When(Q(**{f"{due}__lt": today}), then=Value(Colour.RED.value)),
        When(Q(**{f"{report}status": RETURNED}), then=Value(Colour.YELLOW.value)),
        When(
            Q(**{f"{due}__lte": today + datetime.timedelta(days=near)}),
            then=Value(Colour.BLUE.value),
        ),
        default=Value(Colour.NONE.value),
        output_field=models.CharField(),
    )


# --- The same rules for hand-written SQL -------------------------------------------------
# Each returns a condition and its parameters; `status`, `is_late` and `due_date` name the
# columns (with their table alias) in the caller's query, where the report may be a LEFT JOIN.


def received_sql(status: str = "r.status") -> tuple[str, list]:
    marks = ", ".join(["%s"] * len(RECEIVED_STATUSES))
    return f"{status} IN ({marks})", list(RECEIVED_STATUSES)


def on_time_sql(status: str = "r.status", late: str = "r.is_late") -> tuple[str, list]:
    received, params = received_sql(status)
    return f"{received} AND NOT {late}", params


def overdue_sql(
    today: datetime.date, status: str = "r.status", due: str = "q.due_date"
) -> tuple[str, list]:
    received, params = received_sql(status)
    return f"({status} IS NULL OR NOT {received}) AND {due} < %s", [*params, today]


# --- Margins between levels --------------------------------------------------------------

# Each level reports up this many days before its superior's due date, to compile its
# subordinates' reports first (e.g. counties by 12 October, prefectures by 14 October,
# provinces to the nation by 16 October).
LEVEL_MARGIN_DAYS = 2


def subordinate_due_date(due: datetime.date | None, levels: int = 1) -> datetime.date | None:
    """The due date `levels` levels below a requirement due on `due` (None stays None)."""
    if due is None:
        return None
    return due - datetime.timedelta(days=LEVEL_MARGIN_DAYS * levels)
