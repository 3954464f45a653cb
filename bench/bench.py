"""The in-process benchmarks of `make bench`, on the database DATABASE_URL points at (filled
by `manage.py generate_national`). Each prints its figures and ends with one line

    BENCH <name> <value> <unit> ratio=<r> limit=<what the ratio is against>

where the reference is measured in the same run on the same machine (shared machines are
noisy; a ratio means more than a time). Usage:

    python bench/bench.py rollup exports parse pages     # any subset
    python bench/bench.py prepare-load plan.json 8       # users and reports for loadgen.py
"""

import datetime
import json
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Max  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from campaigns.models import Campaign  # noqa: E402
from imports.parser import parse_text  # noqa: E402
from orgs.models import Membership, OrgUnit  # noqa: E402
from orgs.scoping import Role  # noqa: E402
from reports import aggregates, rules, selectors  # noqa: E402
from reports.models import RECEIVED_STATUSES, ExpectedReport, Report, ReportRequirement  # noqa: E402

VENDOR = connection.vendor
TODAY = datetime.date(2023, 10, 20)  # after every due date of the 2023 campaign
SEEDS = Path(os.environ.get("QM_SEEDS", "/work/shared/seeds"))
BENCH_PASSWORD = "bench-password-1"


def bench_line(name: str, value: float, unit: str, ratio: float, limit: str) -> None:
    print(f"BENCH {name}_{VENDOR} {value:.4g} {unit} ratio={ratio:.3g} limit={limit}", flush=True)


def timed(
    fn: Callable[[], object], repeat: int = 7, before: Callable[[], object] | None = None
) -> float:
    """Median wall time of `fn` in seconds, after one warm-up call; `before` runs untimed
    before each call (e.g. emptying the cache, to time the first viewer's wait)."""
    fn()
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def timed_together(
    fns: dict[str, Callable[[], object]],
    repeat: int = 7,
    before: dict[str, Callable[[], object]] | None = None,
) -> dict[str, float]:
    """Median wall time of each function in seconds, after one warm-up call each; the calls
    take turns, so that every function meets the same drifts of a shared machine.
    `before[name]`, if given, runs untimed before each call of that function."""
    before = before or {}
    times: dict[str, list[float]] = {name: [] for name in fns}
    for i in range(repeat + 1):
        for name, fn in fns.items():
            if name in before:
                before[name]()
            started = time.perf_counter()
            fn()
            elapsed = time.perf_counter() - started
            if i > 0:  # the first round warms up
                times[name].append(elapsed)
    return {name: statistics.median(values) for name, values in times.items()}


def _nation() -> OrgUnit:
    return OrgUnit.objects.get(kind=OrgUnit.Kind.NATIONAL)


def _campaign() -> Campaign:
    return Campaign.objects.get(year=2023)


def _bench_user(username: str, unit: OrgUnit, role: str = Role.ADMIN):
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_password(BENCH_PASSWORD)
        user.save()
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


# --- 1. Rollups: the platform's selectors vs the best SQL and the narrow-table limit ------
#
# Completeness (expected / received / on time / overdue per child of a unit, and the total)
# is timed against two references measured in the same run on the same data:
#   best SQL      the best single statement on the current tables: one pass grouped by child
#                 (the total is the sum of those rows), the fastest of a few equivalent forms;
#   narrow table  the limit: a table built here holding each active expected report's
#                 ancestor ids and state (received, on time, due date), indexed for the
#                 grouping, aggregated in one statement. `ratio=` is against this one.
# The statistics rollup (sums of the numeric indicators) is timed on its own against
# hand-written SQL that sums every received report, without the platform's rule that a
# received report higher in the branch covers the ones below (`statistic_sums`): a floor
# that does less, not an equal.

NARROW = "bench_narrow_expected"

BEST_COUNTS = """
SELECT SUBSTR(u.path, 1, {child_len}), COUNT(*),
       SUM(CASE WHEN {received} THEN 1 ELSE 0 END),
       SUM(CASE WHEN {on_time} THEN 1 ELSE 0 END),
       SUM(CASE WHEN {overdue} THEN 1 ELSE 0 END)
FROM reports_expectedreport e
JOIN orgs_orgunit u ON u.id = e.unit_id
JOIN reports_reportrequirement q ON q.id = e.requirement_id
JOIN campaigns_notice n ON n.id = q.notice_id
LEFT JOIN reports_report r ON r.expected_id = e.id
WHERE e.removed_at IS NULL AND n.campaign_id = %s AND {subtree}
GROUP BY 1
"""

HAND_STATISTICS = """
SELECT SUBSTR(u.path, 1, %s), v.field_id, SUM(v.number), COUNT(DISTINCT r.id)
FROM reports_statisticvalue v
JOIN reports_report r ON r.id = v.report_id
JOIN reports_expectedreport e ON e.id = r.expected_id
JOIN orgs_orgunit u ON u.id = e.unit_id
WHERE e.requirement_id = %s AND e.removed_at IS NULL
  AND r.status IN ('submitted', 'accepted') AND u.path >= %s AND u.path < %s
GROUP BY 1, 2
"""

Counts = dict[str, tuple[int, int, int, int]]  # child path (or the unit's own) -> the four


def _best_sql_forms(unit: OrgUnit, campaign: Campaign) -> dict[str, tuple[str, list]]:
    """Equivalent single statements on the current tables; the bench keeps the fastest of
    these and `reports.aggregates.completeness_counts_from_rows` (the tallies' definition).
    They differ only in how the subtree is selected: a range on the unique path index, or
    (PostgreSQL) a prefix LIKE served by the varchar_pattern_ops index."""
    received, received_params = rules.received_sql("r.status")
    on_time, on_time_params = rules.on_time_sql("r.status", "r.is_late")
    overdue, overdue_params = rules.overdue_sql(TODAY, "r.status", "q.due_date")
    head = received_params + on_time_params + overdue_params
    child_len = (unit.depth + 1) * OrgUnit.steplen
    subtrees = {"range": ("u.path >= %s AND u.path < %s", [unit.path, unit.path + "~"])}
    if VENDOR == "postgresql":
        subtrees["like"] = ("u.path LIKE %s", [unit.path + "%"])
    return {
        name: (
            BEST_COUNTS.format(
                child_len=child_len,
                received=received,
                on_time=on_time,
                overdue=overdue,
                subtree=subtree,
            ),
            [*head, campaign.pk, *params],
        )
        for name, (subtree, params) in subtrees.items()
    }


def _best_sql(sql: str, params: list) -> Counts:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    by_child = {key: (n, r or 0, o or 0, d or 0) for key, n, r, o, d in rows}
    # The total from the same pass: no second aggregate.
    by_child[""] = tuple(sum(c[i] for c in by_child.values()) for i in range(4))
    return by_child


def _from_rows(unit: OrgUnit, campaign: Campaign) -> Counts:
    rows = aggregates.completeness_counts_from_rows(
        unit, group="child", today=TODAY, campaign=campaign
    )
    by_child = {key: (n, r, o, d) for key, n, r, o, d in rows}
    by_child[""] = tuple(sum(c[i] for c in by_child.values()) for i in range(4))
    return by_child


def build_narrow_table() -> int:
    """The narrow table: one row per active expected report with its campaign, the ids of
    its unit's ancestors-or-self at each depth (a1 the nation … NULL below the unit), its
    state as 0/1 flags and its due date; indexed by (campaign, ancestor at depth d, ancestor
    at depth d + 1) with the state columns in the key, so that the rollup at a unit of depth
    d reads one index range. Returns its depth (number of ancestor columns)."""
    depth = OrgUnit.objects.aggregate(m=Max("depth"))["m"]
    step = OrgUnit.steplen
    ancestors = ",\n".join(
        f"CASE WHEN u.depth >= {d} THEN (SELECT p.id FROM orgs_orgunit p "
        f"WHERE p.path = SUBSTR(u.path, 1, {d * step})) END AS a{d}"
        for d in range(1, depth + 1)
    )
    received, received_params = rules.received_sql("r.status")
    on_time, on_time_params = rules.on_time_sql("r.status", "r.is_late")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {NARROW}")
        cursor.execute(
            f"""
            CREATE TABLE {NARROW} AS
            SELECT e.id AS id, n.campaign_id AS campaign_id, q.due_date AS due_date,
                   CASE WHEN {received} THEN 1 ELSE 0 END AS received,
                   CASE WHEN {on_time} THEN 1 ELSE 0 END AS on_time,
                   {ancestors}
            FROM reports_expectedreport e
            JOIN orgs_orgunit u ON u.id = e.unit_id
            JOIN reports_reportrequirement q ON q.id = e.requirement_id
            JOIN campaigns_notice n ON n.id = q.notice_id
            LEFT JOIN reports_report r ON r.expected_id = e.id
            WHERE e.removed_at IS NULL
            """,
            received_params + on_time_params,
        )
        for d in range(1, depth):
            cursor.execute(
                f"CREATE INDEX {NARROW}_a{d} ON {NARROW} "
                f"(campaign_id, a{d}, a{d + 1}, received, on_time, due_date)"
            )
    if VENDOR == "postgresql":
        # Statistics and the visibility map, so the planner may read the index alone.
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {NARROW}")
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {NARROW}")
    return depth


def _narrow(unit: OrgUnit, campaign: Campaign) -> list[tuple]:
    d = unit.depth
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT a{d + 1}, COUNT(*), SUM(received), SUM(on_time),
                   SUM(CASE WHEN received = 0 AND due_date < %s THEN 1 ELSE 0 END)
            FROM {NARROW}
            WHERE campaign_id = %s AND a{d} = %s
            GROUP BY a{d + 1}
            """,
            [TODAY, campaign.pk, unit.pk],
        )
        return cursor.fetchall()


def _narrow_counts(rows: list[tuple], unit: OrgUnit, paths: dict[int, str]) -> Counts:
    by_child = {
        (paths[child] if child is not None else unit.path): (n, r or 0, o or 0, d or 0)
        for child, n, r, o, d in rows
    }
    by_child[""] = tuple(sum(c[i] for c in by_child.values()) for i in range(4))
    return by_child


def _platform_completeness(unit: OrgUnit, campaign: Campaign) -> list:
    # What the dashboard and the supervision page do: by child, the total summed from it.
    by_child = selectors.completeness_by_child(unit, campaign=campaign, today=TODAY)
    return [selectors.completeness_total(unit, by_child), by_child]


def _platform_counts(platform: list) -> Counts:
    total, by_child = platform
    counts = {c.key: (c.expected, c.received, c.on_time, c.overdue) for c in by_child}
    counts[""] = (total.expected, total.received, total.on_time, total.overdue)
    return counts


def _hand_statistics(unit: OrgUnit, requirement: ReportRequirement) -> list:
    child_len = (unit.depth + 1) * OrgUnit.steplen
    with connection.cursor() as cursor:
        cursor.execute(HAND_STATISTICS, [child_len, requirement.pk, unit.path, unit.path + "~"])
        return cursor.fetchall()


def bench_rollup() -> None:
    campaign = _campaign()
    nation = _nation()
    province = OrgUnit.objects.get(kind=OrgUnit.Kind.PROVINCE, name="湖南省")
    started = time.perf_counter()
    depth = build_narrow_table()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {NARROW}")
        (rows,) = cursor.fetchone()
    print(
        f"narrow table: {rows:,} active expected reports, {depth} ancestor columns, "
        f"built and indexed in {time.perf_counter() - started:.1f} s"
    )
    paths = dict(OrgUnit.objects.values_list("pk", "path"))
    for label, unit in (("national", nation), ("provincial", province)):
        # Same numbers all three ways, or the comparison means nothing.
        platform = _platform_counts(_platform_completeness(unit, campaign))
        narrow = _narrow_counts(_narrow(unit, campaign), unit, paths)
        assert platform == narrow, (platform, narrow)
        candidates = {
            "platform": lambda u=unit: _platform_completeness(u, campaign),
            "narrow": lambda u=unit: _narrow(u, campaign),
        }
        for form, (sql, params) in _best_sql_forms(unit, campaign).items():
            assert _best_sql(sql, params) == platform, form
            candidates[form] = lambda s=sql, p=params: _best_sql(s, p)
        # The platform's own count from the rows (the tallies' definition) is one more form.
        assert _from_rows(unit, campaign) == platform
        candidates["from-rows"] = lambda u=unit: _from_rows(u, campaign)
        times = timed_together(candidates, repeat=11)
        t_platform, t_narrow = times.pop("platform"), times.pop("narrow")
        best_form = min(times, key=times.get)
        t_best = times[best_form]
        expected, received, on_time, _overdue = platform[""]
        print(
            f"rollup {label}: expected {expected:,}, received {received:,}, on time "
            f"{on_time:,}; platform {t_platform * 1000:.2f} ms, best single SQL statement "
            f"({best_form}) {t_best * 1000:.2f} ms, narrow table {t_narrow * 1000:.2f} ms"
        )
        bench_line(
            f"rollup_{label}", t_platform * 1000, "ms", t_platform / t_narrow, "narrow-table"
        )
        bench_line(
            f"rollup_{label}_best_sql", t_best * 1000, "ms", t_best / t_narrow, "narrow-table"
        )
        bench_line(
            f"rollup_{label}_vs_best_sql", t_platform * 1000, "ms", t_platform / t_best, "best-sql"
        )
        requirement = ReportRequirement.objects.get(notice__unit=unit, notice__campaign=campaign)
        sums = selectors.statistics_rollup(unit, requirement=requirement)
        assert len(sums.rows) == len({row[0] for row in _hand_statistics(unit, requirement)})
        times = timed_together(
            {
                "platform": lambda u=unit, r=requirement: selectors.statistics_rollup(
                    u, requirement=r
                ),
                "hand": lambda u=unit, r=requirement: _hand_statistics(u, r),
            }
        )
        t_stats, t_stats_hand = times["platform"], times["hand"]
        print(
            f"statistics rollup {label}: {len(sums.rows)} rows; platform "
            f"{t_stats * 1000:.2f} ms, hand SQL {t_stats_hand * 1000:.2f} ms"
        )
        bench_line(
            f"rollup_statistics_{label}", t_stats * 1000, "ms", t_stats / t_stats_hand, "hand-sql"
        )
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {NARROW}")


# --- 3. Exports: time and peak memory at two sizes ----------------------------------------


def _measure_download(client: Client, url: str) -> tuple[float, int, int]:
    tracemalloc.start()
    started = time.perf_counter()
    response = client.get(url)
    size = sum(len(chunk) for chunk in response) if response.streaming else len(response.content)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, peak, size


def bench_exports() -> None:
    campaign = _campaign()
    nation = _nation()
    client = Client()
    client.force_login(_bench_user("bench_national", nation))
    small = OrgUnit.objects.get(kind=OrgUnit.Kind.PROVINCE, name="海南省")
    for kind, view in (
        ("xlsx", "reports:statistics_export"),
        ("docx", "reports:compilation_export"),
    ):
        results = {}
        for label, unit in (("small", small), ("national", nation)):
            requirement = ReportRequirement.objects.get(
                notice__unit=unit, notice__campaign=campaign
            )
            units = OrgUnit.objects.filter(path__startswith=unit.path).count()
            url = reverse(view, args=[unit.pk, requirement.pk])
            _measure_download(client, url)  # warm caches and imports
            elapsed, peak, size = _measure_download(client, url)
            results[label] = (elapsed, peak)
            print(
                f"export {kind} {label} ({unit.name}, {units:,} units in subtree): "
                f"{elapsed * 1000:.0f} ms, peak {peak / 1024:.0f} KiB, {size / 1024:.0f} KiB"
            )
        elapsed, peak = results["national"]
        bench_line(
            f"export_{kind}_national_time",
            elapsed * 1000,
            "ms",
            elapsed / results["small"][0],
            "small-subtree-time",
        )
        bench_line(
            f"export_{kind}_national_peak",
            peak / 1024,
            "KiB",
            peak / results["small"][1],
            "small-subtree-peak",
        )


# --- 4. Notice parsing throughput vs reading the files ------------------------------------


def bench_parse() -> None:
    paths = sorted(SEEDS.glob("*.txt"))
    assert paths, f"no seeds in {SEEDS}"
    texts = [p.read_text(encoding="utf-8") for p in paths]

    def read_all():
        for p in paths:
            p.read_bytes().decode("utf-8")

    def parse_all():
        for text in texts:
            parse_text(text)

    t_read = timed(read_all, repeat=20) / len(paths)
    t_parse = timed(parse_all, repeat=5) / len(paths)
    print(f"parse: {1 / t_parse:.1f} docs/s; reading the same files {1 / t_read:.0f} docs/s")
    bench_line("parse_seeds", 1 / t_parse, "docs/s", t_read / t_parse, "read-files-docs/s")


# --- 5. Page weight and server time -------------------------------------------------------

# How long `_cached` keeps the figures (core/figures.py): longer than the whole measure.
CACHED_SECONDS = 3600


def bench_pages() -> None:
    """Each page timed with the figures cache off (`page_*`: fresh figures on every view, the
    platform's default) and on and warm (`page_*_cached`: everyone after the first viewer of
    QM_FIGURES_CACHE_SECONDS), the two taking turns in the same run: `page_*` has `ratio=`
    against `page_*_cached` (fresh figures should cost about what cached ones do), and
    `page_*_cached` against the trivial view."""
    nation = _nation()
    client = Client()
    client.force_login(_bench_user("bench_national", nation))
    anonymous = Client()
    t_noop = timed(lambda: client.get("/bench/noop/"), repeat=30)
    pages = (
        ("home", anonymous, "/"),
        ("dashboard", client, reverse("dashboards:dashboard", args=[nation.pk])),
    )

    def figures_cache(seconds: int) -> Callable[[], None]:
        # Set between the timed views (core/figures.py reads the setting on each call), so
        # that switching costs nothing inside the measure.
        def switch() -> None:
            settings.QM_FIGURES_CACHE_SECONDS = seconds

        return switch

    configured = settings.QM_FIGURES_CACHE_SECONDS
    cache.clear()
    for name, who, url in pages:
        figures_cache(0)()
        response = who.get(url)
        assert response.status_code == 200, (url, response.status_code)
        weight = len(response.content)

        def get(who: Client = who, url: str = url) -> None:
            response = who.get(url)
            assert response.status_code == 200, (url, response.status_code)

        times = timed_together(
            {"fresh": get, "cached": get},
            repeat=9,
            before={"fresh": figures_cache(0), "cached": figures_cache(CACHED_SECONDS)},
        )
        t_fresh, t_cached = times["fresh"], times["cached"]
        print(
            f"page {name}: {weight / 1024:.1f} KiB HTML, {t_fresh * 1000:.1f} ms server time "
            f"with fresh figures ({t_fresh / t_noop:.0f}× the trivial view), "
            f"{t_cached * 1000:.1f} ms with the figures cached"
        )
        bench_line(f"page_{name}", t_fresh * 1000, "ms", t_fresh / t_cached, "cached-page")
        bench_line(f"page_{name}_cached", t_cached * 1000, "ms", t_cached / t_noop, "trivial-view")
        bench_line(
            f"page_{name}_weight", weight / 1024, "KiB", weight / 1024 / 14, "14KiB-first-roundtrip"
        )
    settings.QM_FIGURES_CACHE_SECONDS = configured


# --- 2. Preparing the submission load (run by run.sh before loadgen.py) -------------------


def prepare_load(out: str, threads: int) -> None:
    """A user per thread, each an editor of one province with reports still to do in it."""
    campaign = _campaign()
    provinces = list(OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE).order_by("path"))
    plan = []
    for i in range(threads):
        province = provinces[i % len(provinces)]
        user = _bench_user(f"bench_load_{i}", province, Role.EDITOR)
        todo = list(
            ExpectedReport.objects.active()
            .filter(
                unit__path__startswith=province.path,
                requirement__notice__campaign=campaign,
            )
            .exclude(report__status__in=[*RECEIVED_STATUSES, Report.Status.RETURNED])
            .exclude(unit=province)
            .values_list("pk", flat=True)[:50]
        )
        plan.append({"username": user.username, "password": BENCH_PASSWORD, "expected": todo})
    Path(out).write_text(json.dumps(plan))
    print(f"load plan: {threads} users, {sum(len(p['expected']) for p in plan)} reports to edit")


BENCHMARKS = {
    "rollup": bench_rollup,
    "exports": bench_exports,
    "parse": bench_parse,
    "pages": bench_pages,
}

if __name__ == "__main__":
    args = sys.argv[1:] or list(BENCHMARKS)
    if args[0] == "prepare-load":
        prepare_load(args[1], int(args[2]))
    else:
        for name in args:
            BENCHMARKS[name]()
