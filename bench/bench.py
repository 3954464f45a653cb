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

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from campaigns.models import Campaign  # noqa: E402
from imports.parser import parse_text  # noqa: E402
from orgs.models import Membership, OrgUnit  # noqa: E402
from orgs.scoping import Role  # noqa: E402
from reports import selectors  # noqa: E402
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


# --- 1. Rollups: the platform's selectors vs hand-written SQL ------------------------------

HAND_COUNTS = """
SELECT {group} COUNT(*),
       SUM(CASE WHEN r.status IN ('submitted', 'accepted') THEN 1 ELSE 0 END),
       SUM(CASE WHEN r.status IN ('submitted', 'accepted') AND NOT r.is_late THEN 1 ELSE 0 END),
       SUM(CASE WHEN (r.status IS NULL OR r.status NOT IN ('submitted', 'accepted'))
                 AND q.due_date < %s THEN 1 ELSE 0 END)
FROM reports_expectedreport e
JOIN orgs_orgunit u ON u.id = e.unit_id
JOIN reports_reportrequirement q ON q.id = e.requirement_id
JOIN campaigns_notice n ON n.id = q.notice_id
LEFT JOIN reports_report r ON r.expected_id = e.id
WHERE e.removed_at IS NULL AND u.path >= %s AND u.path < %s AND n.campaign_id = %s
{group_by}
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


def _hand_rollup(unit: OrgUnit, campaign: Campaign, requirement: ReportRequirement) -> list:
    child_len = (unit.depth + 1) * OrgUnit.steplen
    # A range on the unique path index: the subtree, without LIKE's collation caveats.
    low, high = unit.path, unit.path + "~"
    with connection.cursor() as cursor:
        cursor.execute(HAND_COUNTS.format(group="", group_by=""), [TODAY, low, high, campaign.pk])
        total = cursor.fetchall()
        cursor.execute(
            HAND_COUNTS.format(group=f"SUBSTR(u.path, 1, {child_len}),", group_by="GROUP BY 1"),
            [TODAY, low, high, campaign.pk],
        )
        by_child = cursor.fetchall()
        cursor.execute(HAND_STATISTICS, [child_len, requirement.pk, low, high])
        sums = cursor.fetchall()
    return [total, by_child, sums]


def _platform_rollup(unit: OrgUnit, campaign: Campaign, requirement: ReportRequirement) -> list:
    # What the dashboard and the supervision page do: the total is summed from the rows.
    by_child = selectors.completeness_by_child(unit, campaign=campaign, today=TODAY)
    return [
        selectors.completeness_total(unit, by_child),
        by_child,
        selectors.statistics_rollup(unit, requirement=requirement),
    ]


def bench_rollup() -> None:
    campaign = _campaign()
    nation = _nation()
    province = OrgUnit.objects.get(kind=OrgUnit.Kind.PROVINCE, name="湖南省")
    for label, unit in (("national", nation), ("provincial", province)):
        requirement = ReportRequirement.objects.get(notice__unit=unit, notice__campaign=campaign)
        platform = _platform_rollup(unit, campaign, requirement)
        hand = _hand_rollup(unit, campaign, requirement)
        # Same numbers both ways, or the comparison means nothing.
        total = hand[0][0]
        assert (platform[0].expected, platform[0].received, platform[0].on_time) == (
            total[0],
            total[1],
            total[2],
        ), (platform[0], total)
        assert len(platform[1]) == len(hand[1])
        t_platform = timed(lambda u=unit, r=requirement: _platform_rollup(u, campaign, r))
        t_hand = timed(lambda u=unit, r=requirement: _hand_rollup(u, campaign, r))
        print(
            f"rollup {label}: expected {platform[0].expected:,}, "
            f"completeness {platform[0].completeness_pct}, timeliness "
            f"{platform[0].timeliness_pct}; platform {t_platform * 1000:.1f} ms, "
            f"hand SQL {t_hand * 1000:.1f} ms"
        )
        bench_line(f"rollup_{label}", t_platform * 1000, "ms", t_platform / t_hand, "hand-sql")


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


def bench_pages() -> None:
    nation = _nation()
    client = Client()
    client.force_login(_bench_user("bench_national", nation))
    anonymous = Client()
    t_noop = timed(lambda: client.get("/bench/noop/"), repeat=30)
    pages = (
        ("home", anonymous, "/"),
        ("dashboard", client, reverse("dashboards:dashboard", args=[nation.pk])),
    )
    for name, who, url in pages:
        response = who.get(url)
        assert response.status_code == 200, (url, response.status_code)
        weight = len(response.content)
        # The figures cache (core/figures.py) is emptied before each timed view: the main
        # figure is what the first viewer of the minute waits; `_cached`, everyone after.
        elapsed = timed(lambda who=who, url=url: who.get(url), repeat=7, before=cache.clear)
        warm = timed(lambda who=who, url=url: who.get(url), repeat=7)
        print(
            f"page {name}: {weight / 1024:.1f} KiB HTML, {elapsed * 1000:.1f} ms server time, "
            f"{warm * 1000:.1f} ms with the figures of the minute cached"
        )
        bench_line(f"page_{name}", elapsed * 1000, "ms", elapsed / t_noop, "trivial-view")
        bench_line(f"page_{name}_cached", warm * 1000, "ms", warm / t_noop, "trivial-view")
        bench_line(
            f"page_{name}_weight", weight / 1024, "KiB", weight / 1024 / 14, "14KiB-first-roundtrip"
        )


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
