"""The two supervision aggregates that dashboards run on every view, as plain SQL.

Why not the ORM here: these are the hottest reads of a national campaign (every dashboard,
supervision page and rollup API call), and the data work is small — a few milliseconds in the
database — while building and compiling the equivalent queryset (four joins, four filtered
counts) costs as much again in Python. `make bench` compares this path with the best
hand-written SQL; the rest of the module `selectors` stays on the ORM.

The definitions (received, on time, overdue) are those of `reports.rules`, whose SQL
conditions are used here, and are tested to agree with the ORM's counts
(reports/tests/test_aggregates.py, reports/tests/test_rules.py). The SQL is
portable (SQLite and PostgreSQL); only the subtree filter differs, see `_in_subtree`.

Completeness is read from the tallies the writes keep (`reports.tallies`, issue #19): a few
rows per requirement instead of a pass over the subtree's reports.
`completeness_counts_from_rows` keeps the count from the reports themselves, the definition
the tallies are tested against (reports/tests/test_tallies.py).
"""

import datetime
from decimal import Decimal

from django.db import connections, router

from campaigns.models import Notice
from orgs.models import OrgUnit
from reports import rules
from reports.models import (
    ExpectedReport,
    Report,
    ReportRequirement,
    ReportTally,
    StatisticValue,
)

_T = {
    "expected": ExpectedReport._meta.db_table,
    "unit": OrgUnit._meta.db_table,
    "requirement": ReportRequirement._meta.db_table,
    "notice": Notice._meta.db_table,
    "report": Report._meta.db_table,
    "value": StatisticValue._meta.db_table,
    "tally": ReportTally._meta.db_table,
}


def _connection():
    # Raw SQL bypasses the database routers: ask them, so that inside read_from_replica()
    # (the dashboards) the aggregates run on the replica like the ORM's reads do.
    return connections[router.db_for_read(ExpectedReport)]


def _in_subtree(unit: OrgUnit) -> tuple[str, list]:
    """`u.path` lies in `unit`'s subtree. On PostgreSQL a LIKE on the prefix, which the
    varchar_pattern_ops index serves whatever the database's collation; on SQLite (binary
    collation, where LIKE cannot use an index) the equivalent range on the unique path index:
    paths use 0-9A-Z only, so every descendant sorts between the prefix and prefix + '~'."""
    if _connection().vendor == "sqlite":
        return "u.path >= %s AND u.path < %s", [unit.path, unit.path + "~"]
    return "u.path LIKE %s", [unit.path + "%"]


def completeness_counts(
    unit: OrgUnit,
    *,
    group: str,
    today: datetime.date,
    requirement: ReportRequirement | None = None,
    campaign=None,
) -> list[tuple[str | None, int, int, int, int]]:
    """(key, expected, received, on_time, overdue) over the active expected reports of
    `unit`'s subtree, grouped by `group`: "child" (the key is the path of the child of `unit`
    the report's unit falls under, or `unit`'s own path), "kind" (the unit's kind) or
    "subtree" (one row, key None).

    Read from the tallies the writes keep (`reports.tallies`): a few rows per requirement
    whatever the size of the subtree. Overdue is expected − received on the requirements
    whose due date has passed (`rules.overdue_sql`'s definition, per requirement).
    `completeness_counts_from_rows` counts the same from the reports themselves."""
    tally, units = _T["tally"], _T["unit"]
    # The row carries its requirement's campaign and due date: no join to the requirements.
    columns = "t.due_date, t.expected, t.received, t.on_time"
    only: list[str] = []
    only_params: list = []
    if requirement is not None:
        only.append("AND t.requirement_id = %s")
        only_params.append(requirement.pk)
    if campaign is not None:
        only.append("AND t.campaign_id = %s")
        only_params.append(campaign.pk)
    only_sql = " ".join(only)
    if group == "child":
        # Each child's subtree rows under the child's path, and the unit's own expected
        # reports under its own path: two index reads, not one scan with an OR.
        subtree, subtree_params = _in_subtree(unit)
        rows_sql = f"""
            SELECT u.path AS k, {columns} FROM {tally} t JOIN {units} u ON u.id = t.unit_id
            WHERE {subtree} AND u.depth = %s AND NOT t.own {only_sql}
            UNION ALL
            SELECT u.path, {columns} FROM {tally} t JOIN {units} u ON u.id = t.unit_id
            WHERE t.unit_id = %s AND t.own {only_sql}
        """
        rows_params = [*subtree_params, unit.depth + 1, *only_params, unit.pk, *only_params]
    else:
        key = "t.kind" if group == "kind" else "NULL"
        rows_sql = f"""
            SELECT {key} AS k, {columns} FROM {tally} t
            WHERE t.unit_id = %s AND NOT t.own {only_sql}
        """
        rows_params = [unit.pk, *only_params]
    grouped = "" if group == "subtree" else "GROUP BY x.k HAVING SUM(x.expected) > 0 ORDER BY 1"
    sql = f"""
        SELECT {"NULL" if group == "subtree" else "x.k"}, SUM(x.expected), SUM(x.received),
               SUM(x.on_time),
               SUM(CASE WHEN x.due_date < %s THEN x.expected - x.received ELSE 0 END)
        FROM ({rows_sql}) x
        {grouped}
    """
    params = [today, *rows_params]
    with _connection().cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # SUM over no rows is NULL: the whole-subtree row of an empty subtree.
    return [(g, n or 0, r or 0, o or 0, d or 0) for g, n, r, o, d in rows]


def requirement_counts(
    unit: OrgUnit, *, requirement: ReportRequirement | None = None, campaign=None
) -> list[tuple[datetime.date | None, int, int, int, int]]:
    """(due date, expected, received, on time, returned) of each requirement over the active
    expected reports of `unit`'s subtree, from the tallies: what the supervision colours are
    derived from (`selectors.colour_counts`), every expected report of a requirement sharing
    its due date."""
    where = ["t.unit_id = %s", "NOT t.own"]
    params: list = [unit.pk]
    if requirement is not None:
        where.append("t.requirement_id = %s")
        params.append(requirement.pk)
    if campaign is not None:
        where.append("t.campaign_id = %s")
        params.append(campaign.pk)
    sql = f"""
        SELECT t.due_date, SUM(t.expected), SUM(t.received), SUM(t.on_time), SUM(t.returned)
        FROM {_T["tally"]} t
        WHERE {" AND ".join(where)}
        GROUP BY t.requirement_id, t.due_date
        HAVING SUM(t.expected) > 0
    """
    with _connection().cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [(_date(due), n, r, o, t) for due, n, r, o, t in rows]


def _date(value) -> datetime.date | None:
    """SQLite returns a raw date column as ISO text."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def completeness_counts_from_rows(
    unit: OrgUnit,
    *,
    group: str,
    today: datetime.date,
    requirement: ReportRequirement | None = None,
    campaign=None,
) -> list[tuple[str | None, int, int, int, int]]:
    """`completeness_counts` counted from the expected reports and reports themselves: the
    definition the tallies are checked against (reports/tests/test_tallies.py), and the
    reference `make bench` times the tallies with."""
    group_sql = {
        "child": f"SUBSTR(u.path, 1, {(unit.depth + 1) * OrgUnit.steplen})",
        "kind": "u.kind",
        "subtree": "NULL",
    }[group]
    subtree, params = _in_subtree(unit)
    where = ["e.removed_at IS NULL", subtree]
    joins = ""
    if requirement is not None:
        where.append("e.requirement_id = %s")
        params.append(requirement.pk)
    if campaign is not None:
        joins = f"JOIN {_T['notice']} n ON n.id = q.notice_id"
        where.append("n.campaign_id = %s")
        params.append(campaign.pk)
    received, received_params = rules.received_sql("r.status")
    on_time, on_time_params = rules.on_time_sql("r.status", "r.is_late")
    overdue, overdue_params = rules.overdue_sql(today, "r.status", "q.due_date")
    sql = f"""
        SELECT {group_sql},
               COUNT(*),
               SUM(CASE WHEN {received} THEN 1 ELSE 0 END),
               SUM(CASE WHEN {on_time} THEN 1 ELSE 0 END),
               SUM(CASE WHEN {overdue} THEN 1 ELSE 0 END)
        FROM {_T["expected"]} e
        JOIN {_T["unit"]} u ON u.id = e.unit_id
        JOIN {_T["requirement"]} q ON q.id = e.requirement_id
        {joins}
        LEFT JOIN {_T["report"]} r ON r.expected_id = e.id
        WHERE {" AND ".join(where)}
        {"" if group == "subtree" else "GROUP BY 1 ORDER BY 1"}
    """
    with _connection().cursor() as cursor:
        cursor.execute(sql, received_params + on_time_params + overdue_params + params)
        rows = cursor.fetchall()
    # SUM over no rows is NULL: the whole-subtree row of an empty subtree.
    return [(g, n, r or 0, o or 0, d or 0) for g, n, r, o, d in rows]


# Deepest level a unit can sit at (nation, province, prefecture, county, station, and the
# bodies and offices under them), for the ancestor test of `statistic_sums`.
_MAX_DEPTH = 10


def statistic_sums(
    unit: OrgUnit, *, requirement: ReportRequirement, field_ids: list[int]
) -> list[tuple[str, int, Decimal | None, int]]:
    """(child path, field id, sum, reports counted) over the received reports of `unit`'s
    subtree for `requirement`, for the given numeric fields; keys as in `completeness_counts`
    grouped by "child".

    Which reports a rollup sums: the received (submitted or accepted) reports **on this
    requirement** only. The figures of the levels below reach it through each level's own
    report, which starts from the sums of its subordinates' accepted reports on its own plan
    (`reports.prefill`); those reports are never added in again. And when units at two levels
    of one branch both report on the requirement (a notice asking provinces and cities alike),
    only the upper one counts, its figure covering its subtree: a report is left out when a
    unit above it, within `unit`'s subtree, has a received report on the same requirement
    (an index look-up per ancestor path, not a scan)."""
    if not field_ids:
        return []
    subtree, params = _in_subtree(unit)
    step = OrgUnit.steplen
    child_len = (unit.depth + 1) * step
    ancestors = ", ".join(
        f"SUBSTR(u.path, 1, {depth * step})" for depth in range(unit.depth, _MAX_DEPTH)
    )
    received, received_params = rules.received_sql("r.status")
    received_above, above_params = rules.received_sql("r2.status")
    sql = f"""
        SELECT SUBSTR(u.path, 1, {child_len}), v.field_id, SUM(v.number),
               COUNT(DISTINCT r.id)
        FROM {_T["value"]} v
        JOIN {_T["report"]} r ON r.id = v.report_id
        JOIN {_T["expected"]} e ON e.id = r.expected_id
        JOIN {_T["unit"]} u ON u.id = e.unit_id
        WHERE e.requirement_id = %s AND e.removed_at IS NULL AND {received} AND {subtree}
          AND v.field_id IN ({", ".join(["%s"] * len(field_ids))})
          AND NOT EXISTS (
              SELECT 1
              FROM {_T["unit"]} u2
              JOIN {_T["expected"]} e2 ON e2.unit_id = u2.id
              JOIN {_T["report"]} r2 ON r2.expected_id = e2.id
              WHERE u2.path IN ({ancestors}) AND u2.path <> u.path
                AND e2.requirement_id = e.requirement_id AND e2.removed_at IS NULL
                AND {received_above}
          )
        GROUP BY 1, 2
        ORDER BY 1
    """
    with _connection().cursor() as cursor:
        cursor.execute(
            sql,
            [requirement.pk, *received_params, *params, *field_ids, *above_params],
        )
        rows = cursor.fetchall()
    return [(child, field_id, _decimal(total), n) for child, field_id, total, n in rows]


def _decimal(value) -> Decimal | None:
    """SQLite sums a decimal column as int or float; PostgreSQL returns Decimal already."""
    if value is None or isinstance(value, Decimal):
        return value
    places = StatisticValue._meta.get_field("number").decimal_places
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
