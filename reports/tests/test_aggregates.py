"""The supervision aggregates are plain SQL for speed (reports/aggregates.py); here they are
held to the definitions, counted row by row in Python over the same data, for every grouping,
every filter and every unit of the tree — on SQLite and on PostgreSQL alike."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone

from orgs.models import OrgUnit
from reports import selectors
from reports.models import RECEIVED_STATUSES, ExpectedReport, StatisticField, StatisticValue
from reports.tests import factories
from reports.tests.test_selectors import history  # noqa: F401  (fixture)


def _by_definition(unit, key, *, today, **filters) -> dict:
    """expected / received / on time / overdue per `key(expected)`, one report at a time."""
    qs = ExpectedReport.objects.filter(removed_at__isnull=True, unit__path__startswith=unit.path)
    if filters.get("requirement"):
        qs = qs.filter(requirement=filters["requirement"])
    if filters.get("campaign"):
        qs = qs.filter(requirement__notice__campaign=filters["campaign"])
    counts = Counter()
    for e in qs.select_related("unit", "requirement", "report"):
        report = getattr(e, "report", None)
        received = report is not None and report.status in RECEIVED_STATUSES
        k = key(e)
        counts[k, "expected"] += 1
        counts[k, "received"] += received
        counts[k, "on_time"] += received and not report.is_late
        due = e.requirement.due_date
        counts[k, "overdue"] += (not received) and due is not None and due < today
    keys = {k for k, _ in counts}
    names = ("expected", "received", "on_time", "overdue")
    return {k: tuple(counts[k, n] for n in names) for k in keys}


def _figures(rows) -> dict:
    return {r.key: (r.expected, r.received, r.on_time, r.overdue) for r in rows}


@pytest.mark.parametrize("today_shift", [-30, 0, 30])
def test_sql_counts_agree_with_the_definitions_everywhere(history, today_shift):  # noqa: F811
    today = timezone.localdate() + datetime.timedelta(days=today_shift)
    campaign = history.province_req.notice.campaign
    filter_sets = [{}, {"campaign": campaign}, {"requirement": history.city_req}]
    for unit in OrgUnit.objects.all():
        child_len = (unit.depth + 1) * OrgUnit.steplen
        for filters in filter_sets:
            kw = dict(filters, today=today)
            by_child = _by_definition(unit, lambda e, n=child_len: e.unit.path[:n], **kw)
            assert _figures(selectors.completeness_by_child(unit, **kw)) == by_child, unit
            by_kind = _by_definition(unit, lambda e: e.unit.kind, **kw)
            assert _figures(selectors.completeness_by_level(unit, **kw)) == by_kind, unit
            whole = _by_definition(unit, lambda e, u=unit: u.path, **kw)
            total = selectors.completeness(unit, **kw)
            assert (total.expected, total.received, total.on_time, total.overdue) == (
                whole.get(unit.path, (0, 0, 0, 0))
            )
            rows = selectors.completeness_by_child(unit, **kw)
            summed = selectors.completeness_total(unit, rows)
            assert (summed.expected, summed.received, summed.on_time, summed.overdue) == (
                total.expected,
                total.received,
                total.on_time,
                total.overdue,
            )


def test_decimal_statistics_sum_exactly(history):  # noqa: F811
    """SQLite sums a decimal column in floating point; the rollup still shows 0.3, not
    0.30000000000000004, and keeps the column's four decimal places."""
    field = StatisticField.objects.create(
        requirement=history.city_req,
        label="抽检合格率",
        code="pass_rate",
        kind=StatisticField.Kind.DECIMAL,
        required=False,
        position=9,
    )
    furong = factories.expected(history.city_req, history.unit("芙蓉区")).report
    StatisticValue.objects.create(report=furong, field=field, number=Decimal("0.1"))
    changsha = history.unit("长沙市")
    rollup = selectors.statistics_rollup(changsha, requirement=history.city_req)
    column = [f.code for f in rollup.fields].index("pass_rate")
    assert rollup.rows[0].values[column] == Decimal("0.1")
    tianxin = factories.expected(history.city_req, history.unit("天心区")).report
    tianxin.status = "accepted"
    tianxin.save(update_fields=["status"])
    StatisticValue.objects.create(report=tianxin, field=field, number=Decimal("0.2"))
    rollup = selectors.statistics_rollup(changsha, requirement=history.city_req)
    assert rollup.total[column] == Decimal("0.3000")
    assert str(rollup.total[column]) == "0.3000"
