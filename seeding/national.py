"""A realistic national dataset for scale tests and benchmarks (`manage.py generate_national`).

The real divisions down to county, one market supervision station per township (乡镇/街道)
from the same dataset, the 2023 campaign with the national notice and a plan at every
province, prefecture and county, activities spread over the plans, and a report per expected
unit with statistics and realistic late and missing shares. This is test data, built for
speed, not through the audited services: the large tables (activities, deliveries, the
expected set, reports and their values) are written as plain tuples — `executemany` on
SQLite, `COPY` on PostgreSQL — with ids computed here, because instantiating a million
Django models costs more than the database does.
"""

import datetime
import json
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max

from activities.models import Activity, ActivityCategory, ActivityParticipant
from campaigns.models import Campaign, Delivery, Notice
from campaigns.services import national_campaigns_load
from core.tallies import registered as tallies_registered
from orgs.divisions import read_divisions, read_townships
from orgs.models import OrgUnit
from orgs.services import divisions_load, national_unit_get_or_create
from reports import rules
from reports.models import (
    ExpectedReport,
    Report,
    ReportRequirement,
    StatisticField,
    StatisticValue,
    TypicalCase,
)
from reports.services import DEFAULT_STATISTIC_FIELDS

Progress = Callable[[int, int], None]

LEAD_DEPARTMENTS = [
    "质量科",
    "质量发展局",
    "宣传处",
    "计量科",
    "标准化科",
    "执法大队",
    "消保科",
    "特安科",
]
WINDOWS = ["9月", "9-10月", "9月上旬", "9月中旬", "9月下旬", "8月-12月", "全年", "6-10月", "10月"]
TITLES = [
    "开展“质量月”宣传活动",
    "举办质量月启动仪式",
    "开展质量基础设施“一站式”服务",
    "组织实验室开放日",
    "开展“你点我检”活动",
    "开展产品质量监督抽查",
    "开展计量服务中小企业行",
    "举办首席质量官培训",
    "开展“质量体检”进企业活动",
    "开展电梯安全宣传周",
    "开展执法打假专项行动",
    "开展放心消费创建",
]
STATUSES = (
    [Activity.Status.PLANNED] * 2 + [Activity.Status.ONGOING] * 3 + [Activity.Status.DONE] * 5
)
# Plausible magnitudes of the default statistics (活动场次, 参与人数 …), by code.
STATISTIC_RANGES = {
    "activities": (1, 30),
    "participants": (50, 5000),
    "media_reports": (0, 40),
    "enterprises_helped": (0, 60),
    "spot_checks": (0, 50),
    "cases_handled": (0, 12),
    "leaflets": (100, 20000),
}
SUMMARY = (
    "按照上级通知要求，本单位结合实际制定方案，组织开展“质量月”系列活动。\n"
    "活动期间累计开展宣传咨询、质量技术帮扶和监督抽查等工作，取得了良好成效。"
)

# Shares of the expected reports (the supervision office's rough experience).
SHARE_MISSING = 0.15  # not received: no report at all, or a draft never submitted
SHARE_RETURNED = 0.05  # returned for correction, not resubmitted yet
SHARE_LATE = 0.15  # of the submitted: first submitted after the due date
SHARE_LAST_TWO_DAYS = 0.75  # of the on-time submissions: in the last two days
SHARE_ACCEPTED = 0.4  # of the submitted: already accepted by the superior
# Provinces report to the nation by 16 October; each level below keeps the margin of
# reports.rules (LEVEL_MARGIN_DAYS) before its superior's due date.
DUE = (10, 16)


@dataclass
class Sizes:
    activities: int = 1_000_000
    stations: bool = True
    # Share of the counties whose townships become stations (1.0: all of them, ~41,000).
    station_share: float = 1.0
    batch: int = 20_000
    seed: int = 2023


# --- Inserting tuples ----------------------------------------------------------------------


class Table:
    """Fast inserts into one model's table: rows are tuples of the `columns` (attnames,
    the id first), every other column gets its default. Values are adapted here for the
    database at hand; the caller computes the ids (`next_id`), and `finish` moves
    PostgreSQL's sequence past them."""

    def __init__(self, model: type[models.Model], columns: list[str]) -> None:
        self.model = model
        meta = model._meta
        fields = {f.attname: f for f in meta.concrete_fields}
        self.columns = columns
        self.fixed = [name for name in fields if name not in columns]
        self.constants = tuple(_adapt(_default(fields[name])) for name in self.fixed)
        quote = connection.ops.quote_name
        self.table = quote(meta.db_table)
        self.column_sql = ", ".join(quote(fields[c].column) for c in columns + self.fixed)
        self.count = 0

    def next_id(self) -> int:
        return (self.model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1

    def insert(self, rows: Iterable[tuple], batch: int = 20_000) -> int:
        done = 0
        for chunk in _batched(rows, batch):
            full = [row + self.constants for row in chunk]
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    copy_sql = f"COPY {self.table} ({self.column_sql}) FROM STDIN"
                    with cursor.cursor.copy(copy_sql) as copy:
                        for row in full:
                            copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * (len(self.columns) + len(self.fixed)))
                with connection.cursor() as cursor:
                    cursor.executemany(
                        f"INSERT INTO {self.table} ({self.column_sql}) VALUES ({marks})", full
                    )
            done += len(chunk)
        self.count += done
        return done

    def finish(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), [self.model])
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _default(field: models.Field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return GENERATED_AT
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    return ""


# All rows are stamped with one creation time, so that reruns are reproducible.
GENERATED_AT = datetime.datetime(2023, 8, 31, 9, 0, tzinfo=datetime.UTC)
_UTC = datetime.UTC


def _adapt(value):
    """A Python value as the database driver takes it in a bulk row."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if connection.vendor != "sqlite":
        return value
    if isinstance(value, datetime.datetime):
        # Django keeps SQLite datetimes as naive UTC text.
        return str(value.astimezone(_UTC).replace(tzinfo=None))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _batched(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- Stages --------------------------------------------------------------------------------


def build_units(sizes: Sizes, progress: Progress | None = None) -> int:
    divisions = read_divisions()
    divisions_load(divisions, progress=progress)
    if sizes.stations and sizes.station_share > 0:
        counties = sorted(d.code for d in divisions if d.kind == "county")
        if sizes.station_share < 1:
            rng = random.Random(sizes.seed)
            counties = rng.sample(counties, max(1, round(len(counties) * sizes.station_share)))
        divisions_load(read_townships(county_codes=set(counties)), progress=progress)
    return OrgUnit.objects.count()


def due_date(year: int, depth: int) -> datetime.date:
    """The due date of the requirement of a notice issued at `depth` (1 = national): the
    provinces report to the nation last, the stations to their county first."""
    return rules.subordinate_due_date(datetime.date(year, *DUE), levels=depth - 1)


def build_notices(campaign: Campaign, progress: Progress | None = None) -> list[Notice]:
    """The national notice and one issued plan per province, prefecture and county, each
    delivered to its children and based on its parent's, each with a reporting requirement
    and the default statistics form."""
    nation = national_unit_get_or_create()
    levels = [
        [nation],
        list(OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE)),
        list(OrgUnit.objects.filter(kind=OrgUnit.Kind.PREFECTURE)),
        list(OrgUnit.objects.filter(kind=OrgUnit.Kind.COUNTY)),
    ]
    total = sum(len(units) for units in levels)
    by_unit_path: dict[str, Notice] = {}
    all_notices: list[Notice] = []
    for depth, units in enumerate(levels):
        notices = [
            Notice(
                campaign=campaign,
                unit=unit,
                kind=Notice.Kind.NOTICE if depth == 0 else Notice.Kind.PLAN,
                status=Notice.Status.ISSUED,
                title=f"{unit.display_name}{campaign.year}年“质量月”活动方案",
                theme=campaign.theme,
                issuer_names=[unit.display_name],
                issue_date=datetime.date(campaign.year, 8, 31) + datetime.timedelta(days=depth * 4),
            )
            for unit in units
        ]
        Notice.objects.bulk_create(notices, batch_size=2000)
        if notices[0].pk is None:
            # Older SQLite returns no ids from a bulk insert: read them back.
            fetched = {
                n.unit_id: n for n in Notice.objects.filter(campaign=campaign, unit__in=units)
            }
            notices = [fetched[u.pk] for u in units]
        for unit, notice in zip(units, notices, strict=True):
            notice.unit = unit
            by_unit_path[unit.path] = notice
        all_notices += notices
        if progress:
            progress(len(all_notices), total)

    basis = Notice.basis.through
    basis.objects.bulk_create(
        [
            basis(from_notice_id=notice.pk, to_notice_id=parent.pk)
            for path, notice in by_unit_path.items()
            if (parent := by_unit_path.get(path[: -OrgUnit.steplen])) is not None
        ],
        batch_size=5000,
    )
    children: dict[str, list[int]] = {}
    for unit_id, path in OrgUnit.objects.exclude(kind=OrgUnit.Kind.NATIONAL).values_list(
        "id", "path"
    ):
        children.setdefault(path[: -OrgUnit.steplen], []).append(unit_id)
    deliveries = Table(Delivery, ["id", "notice_id", "recipient_id"])
    first = deliveries.next_id()
    deliveries.insert(
        (first + i, notice_id, child)
        for i, (notice_id, child) in enumerate(
            (notice.pk, child)
            for path, notice in by_unit_path.items()
            for child in children.get(path, [])
        )
    )
    deliveries.finish()

    ReportRequirement.objects.bulk_create(
        [
            ReportRequirement(
                notice=notice,
                due_date=due_date(campaign.year, notice.unit.depth),
                materials=["工作总结", "统计表", "图片"],
                report_to=f"{notice.unit.display_name}质量发展部门",
            )
            for notice in all_notices
        ],
        batch_size=2000,
    )
    requirement_ids = dict(
        ReportRequirement.objects.filter(notice__campaign=campaign).values_list("notice_id", "pk")
    )
    fields = Table(
        StatisticField, ["id", "requirement_id", "label", "code", "unit_of_measure", "position"]
    )
    first = fields.next_id()
    fields.insert(
        (first + i, rid, label, code, uom, position)
        for i, (rid, (position, (label, code, uom))) in enumerate(
            (rid, spec)
            for rid in sorted(requirement_ids.values())
            for spec in enumerate(DEFAULT_STATISTIC_FIELDS, start=1)
        )
    )
    fields.finish()
    return all_notices


def build_activities(notices: list[Notice], sizes: Sizes, progress: Progress | None = None) -> int:
    rng = random.Random(sizes.seed)
    category_ids = list(ActivityCategory.objects.values_list("pk", flat=True)) or [None]
    year = notices[0].campaign.year
    # Spread the total evenly; the first plans take the remainder.
    per_notice, extra = divmod(sizes.activities, len(notices))
    total = per_notice * len(notices) + extra
    starts = [datetime.date(year, month, day) for month in (8, 9, 9, 9, 10) for day in range(1, 21)]
    spans = [datetime.timedelta(days=d) for d in range(41)]
    activities = Table(
        Activity,
        [
            "id",
            "notice_id",
            "position",
            "title",
            "category_id",
            "window_text",
            "starts_on",
            "ends_on",
            "status",
            "is_public",
        ],
    )
    participants = Table(ActivityParticipant, ["id", "activity_id", "role", "name"])
    first_activity, first_participant = activities.next_id(), participants.next_id()
    adapt_date: dict[datetime.date, object] = {}

    def date(value: datetime.date):
        if value not in adapt_date:
            adapt_date[value] = _adapt(value)
        return adapt_date[value]

    true, false = _adapt(True), _adapt(False)
    lead = ActivityParticipant.Role.LEAD.value
    choice, random_ = rng.choice, rng.random
    statuses = [s.value for s in STATUSES]
    done = 0
    next_id = first_activity
    rows: list[tuple] = []
    leads: list[tuple] = []

    def flush() -> None:
        # One transaction per batch of rows, not per plan: commits are what SQLite waits on.
        with transaction.atomic():
            activities.insert(rows)
            participants.insert(leads)
        if progress:
            progress(done, total)
        rows.clear()
        leads.clear()

    for index, notice in enumerate(notices):
        for position in range(1, per_notice + (index < extra) + 1):
            start = choice(starts)
            rows.append(
                (
                    next_id,
                    notice.pk,
                    position,
                    choice(TITLES),
                    choice(category_ids),
                    choice(WINDOWS),
                    date(start),
                    date(start + choice(spans)),
                    choice(statuses),
                    true if random_() < 0.1 else false,
                )
            )
            leads.append(
                (
                    first_participant + next_id - first_activity,
                    next_id,
                    lead,
                    choice(LEAD_DEPARTMENTS),
                )
            )
            next_id += 1
            done += 1
        if len(rows) >= sizes.batch:
            flush()
    flush()
    activities.finish()
    participants.finish()
    return total


@dataclass
class ReportCounts:
    expected: int = 0
    reports: int = 0
    submitted: int = 0
    late: int = 0
    returned: int = 0
    missing: int = 0
    values: int = 0


def _at(day: datetime.date, minutes: int, tz: ZoneInfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(8), tzinfo=tz) + datetime.timedelta(
        minutes=minutes
    )


def build_reports(
    campaign: Campaign, sizes: Sizes, progress: Progress | None = None
) -> ReportCounts:
    """An expected report per recipient of every requirement's notice (what issuing fills
    in, see `reports.services.requirements._expected_fill`), and a report for most of them: about 80%
    submitted (15% of those late), 5% returned, 15% missing; most submissions in the last
    two days before the due date, as supervision offices see it."""
    rng = random.Random(sizes.seed + 1)
    tz = ZoneInfo(settings.TIME_ZONE)
    requirements = {
        r.notice_id: r
        for r in ReportRequirement.objects.filter(notice__campaign=campaign).only(
            "pk", "notice_id", "due_date"
        )
    }
    fields_of: dict[int, list[tuple[int, str]]] = {}
    for fid, rid, code in StatisticField.objects.filter(
        requirement__in=requirements.values()
    ).values_list("pk", "requirement_id", "code"):
        fields_of.setdefault(rid, []).append((fid, code))
    recipients = (
        Delivery.objects.filter(notice_id__in=requirements, recipient__is_active=True)
        .order_by("notice_id", "recipient_id")
        .values_list("notice_id", "recipient_id")
    )

    expected = Table(ExpectedReport, ["id", "requirement_id", "unit_id"])
    reports = Table(
        Report,
        [
            "id",
            "expected_id",
            "status",
            "summary",
            "submitted_at",
            "first_submitted_at",
            "is_late",
            "reviewed_at",
            "version",
        ],
    )
    values = Table(StatisticValue, ["id", "report_id", "field_id", "number"])
    cases = Table(TypicalCase, ["id", "report_id", "title", "unit_name", "description"])
    expected_id, report_id = expected.next_id(), reports.next_id()
    value_id, case_id = values.next_id(), cases.next_id()
    counts = ReportCounts()
    rows = list(recipients)
    unit_names = dict(OrgUnit.objects.values_list("pk", "name"))
    exp_rows, report_rows, value_rows, case_rows = [], [], [], []
    true, false = _adapt(True), _adapt(False)
    S = Report.Status
    for notice_id, unit_id in rows:
        requirement = requirements[notice_id]
        due = requirement.due_date
        exp_rows.append((expected_id, requirement.pk, unit_id))
        counts.expected += 1
        draw = rng.random()
        if draw < SHARE_MISSING:
            counts.missing += 1
            if rng.random() < 1 / 3:
                report_rows.append(
                    (report_id, expected_id, S.DRAFT.value, "", None, None, false, None, 1)
                )
                report_id += 1
            expected_id += 1
            continue
        late = False
        if draw < SHARE_MISSING + SHARE_RETURNED:
            counts.returned += 1
            status = S.RETURNED.value
            submitted = _at(
                due - datetime.timedelta(days=rng.randint(1, 6)), rng.randrange(600), tz
            )
            reviewed = submitted + datetime.timedelta(hours=rng.randint(2, 30))
        else:
            counts.submitted += 1
            late = rng.random() < SHARE_LATE
            if late:
                counts.late += 1
                day = due + datetime.timedelta(days=rng.randint(1, 5))
            elif rng.random() < SHARE_LAST_TWO_DAYS:
                day = due - datetime.timedelta(days=rng.randint(0, 1))
            else:
                day = due - datetime.timedelta(days=rng.randint(2, 14))
            submitted = _at(day, rng.randrange(600), tz)
            accepted = rng.random() < SHARE_ACCEPTED
            status = S.ACCEPTED.value if accepted else S.SUBMITTED.value
            reviewed = (
                submitted + datetime.timedelta(hours=rng.randint(2, 72)) if accepted else None
            )
            if accepted and rng.random() < 1 / 3:
                case_rows.append(
                    (
                        case_id,
                        report_id,
                        f"{unit_names.get(unit_id, '')}开展质量技术帮扶“提质强企”行动",
                        unit_names.get(unit_id, ""),
                        "组织技术专家深入企业开展质量诊断，帮助解决质量难题。",
                    )
                )
                case_id += 1
        stamp = _adapt(submitted)
        report_rows.append(
            (
                report_id,
                expected_id,
                status,
                SUMMARY,
                stamp,
                stamp,
                true if late else false,
                _adapt(reviewed) if reviewed else None,
                2,
            )
        )
        for field_id, code in fields_of.get(requirement.pk, []):
            low, high = STATISTIC_RANGES.get(code, (0, 100))
            value_rows.append((value_id, report_id, field_id, rng.randint(low, high)))
            value_id += 1
        report_id += 1
        expected_id += 1
        if progress and counts.expected % 5000 == 0:
            progress(counts.expected, len(rows))
    with transaction.atomic():
        expected.insert(exp_rows)
        reports.insert(report_rows)
        values.insert(value_rows)
        cases.insert(case_rows)
    for table in (expected, reports, values, cases):
        table.finish()
    counts.reports, counts.values = reports.count, values.count
    if progress:
        progress(len(rows), len(rows))
    return counts


def rebuild_tallies() -> dict[str, int]:
    """Fill every family of counters kept on write (core.tallies) from the rows just loaded.
    The bulk load above bypasses the services that maintain them, so each registered rebuild
    runs with fix=True; returns, per family, how many differences it found and fixed and the
    seconds it took (a rebuild is part of the generation time `make bench` reports)."""
    done = {}
    for name, rebuild in tallies_registered().items():
        started = time.monotonic()
        done[f"tallies {name}"] = len(rebuild(True))
        done[f"tallies {name} seconds"] = round(time.monotonic() - started)
    return done


def generate(
    sizes: Sizes, progress_for: Callable[[str], Progress | None] = lambda label: None
) -> dict[str, int]:
    build_units(sizes, progress_for("单位"))
    campaign = next(c for c in national_campaigns_load() if c.year == 2023)
    if Notice.objects.filter(campaign=campaign).exists():
        raise RuntimeError("数据库中已有2023年的通知/方案：请在空数据库上生成全国数据。")
    with transaction.atomic():
        notices = build_notices(campaign, progress_for("方案"))
    activities = build_activities(notices, sizes, progress_for("活动"))
    reports = build_reports(campaign, sizes, progress_for("报送"))
    tallies = rebuild_tallies()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "units": OrgUnit.objects.count(),
        "notices": len(notices),
        "activities": activities,
        "expected": reports.expected,
        "reports": reports.reports,
        "submitted": reports.submitted,
        "late": reports.late,
        "returned": reports.returned,
        "missing": reports.missing,
        "values": reports.values,
        **tallies,
    }
