"""A realistic national dataset for scale tests and benchmarks (`manage.py generate_national`).

The real divisions down to county, one market supervision station per township (乡镇/街道)
from the same dataset, the 2023 campaign with the national notice and a plan at every
province, prefecture and county, activities spread over the plans, and a report per expected
unit with statistics and realistic late and missing shares. Rows go in with bulk inserts:
this is test data, built for speed, not through the audited services.
"""

import datetime
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction

from activities.models import Activity, ActivityCategory, ActivityParticipant
from campaigns.models import Campaign, Delivery, Notice
from campaigns.services import national_campaigns_load
from orgs.divisions import read_divisions, read_townships
from orgs.models import OrgUnit
from orgs.services import divisions_load, national_unit_get_or_create
from reports.models import ReportRequirement

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


@dataclass
class Sizes:
    activities: int = 1_000_000
    stations: bool = True
    batch: int = 5_000
    seed: int = 2023


def _batched(items: Iterator, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def build_units(sizes: Sizes, progress: Progress | None = None) -> int:
    divisions_load(read_divisions(), progress=progress)
    if sizes.stations:
        divisions_load(read_townships(), progress=progress)
    return OrgUnit.objects.count()


def build_notices(campaign: Campaign) -> list[Notice]:
    """The national notice and one issued plan per province, prefecture and county, each
    delivered to its children and based on its parent's."""
    nation = national_unit_get_or_create()
    levels = [
        [nation],
        list(OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE)),
        list(OrgUnit.objects.filter(kind=OrgUnit.Kind.PREFECTURE)),
        list(OrgUnit.objects.filter(kind=OrgUnit.Kind.COUNTY)),
    ]
    due = datetime.date(campaign.year, 10, 16)
    by_unit_path: dict[str, Notice] = {}
    all_notices: list[Notice] = []
    for depth, units in enumerate(levels):
        notices = []
        for unit in units:
            notices.append(
                Notice(
                    campaign=campaign,
                    unit=unit,
                    kind=Notice.Kind.NOTICE if depth == 0 else Notice.Kind.PLAN,
                    status=Notice.Status.ISSUED,
                    title=f"{unit.display_name}{campaign.year}年“质量月”活动方案",
                    theme=campaign.theme,
                    issuer_names=[unit.display_name],
                    issue_date=datetime.date(campaign.year, 8, 31)
                    + datetime.timedelta(days=depth * 4),
                )
            )
        Notice.objects.bulk_create(notices, batch_size=2000)
        if connection.vendor == "sqlite" or notices[0].pk is None:
            # Older SQLite returns no ids from a bulk insert: read them back.
            fetched = {
                n.unit_id: n for n in Notice.objects.filter(campaign=campaign, unit__in=units)
            }
            notices = [fetched[u.pk] for u in units]
        for unit, notice in zip(units, notices, strict=True):
            by_unit_path[unit.path] = notice
        all_notices += notices
    basis = Notice.basis.through
    basis_rows, deliveries, requirements = [], [], []
    children: dict[str, list[int]] = {}
    for unit_id, path in OrgUnit.objects.exclude(kind=OrgUnit.Kind.NATIONAL).values_list(
        "id", "path"
    ):
        children.setdefault(path[: -OrgUnit.steplen], []).append(unit_id)
    for path, notice in by_unit_path.items():
        parent = by_unit_path.get(path[: -OrgUnit.steplen])
        if parent is not None:
            basis_rows.append(basis(from_notice_id=notice.pk, to_notice_id=parent.pk))
        deliveries += [
            Delivery(notice=notice, recipient_id=child) for child in children.get(path, [])
        ]
        requirements.append(
            ReportRequirement(
                notice=notice,
                due_date=due - datetime.timedelta(days=2 * (3 - len(path) // OrgUnit.steplen + 1)),
                materials=["工作总结", "统计表", "图片"],
            )
        )
    basis.objects.bulk_create(basis_rows, batch_size=5000)
    Delivery.objects.bulk_create(deliveries, batch_size=5000)
    ReportRequirement.objects.bulk_create(requirements, batch_size=2000)
    return all_notices


def build_activities(notices: list[Notice], sizes: Sizes, progress: Progress | None = None) -> int:
    rng = random.Random(sizes.seed)
    categories = list(ActivityCategory.objects.all())
    year = notices[0].campaign.year
    per_notice = max(1, sizes.activities // len(notices))
    total = per_notice * len(notices)

    def rows() -> Iterator[Activity]:
        for notice in notices:
            for position in range(1, per_notice + 1):
                month = rng.choice((8, 9, 9, 9, 10))
                start = datetime.date(year, month, rng.randint(1, 20))
                yield Activity(
                    notice_id=notice.pk,
                    position=position,
                    title=rng.choice(TITLES),
                    content="",
                    category=rng.choice(categories) if categories else None,
                    window_text=rng.choice(WINDOWS),
                    starts_on=start,
                    ends_on=start + datetime.timedelta(days=rng.randint(0, 40)),
                    status=rng.choice(STATUSES),
                    is_public=rng.random() < 0.1,
                )

    done = 0
    for batch in _batched(rows(), sizes.batch):
        with transaction.atomic():
            created = Activity.objects.bulk_create(batch)
            if created and created[0].pk is None:
                created = list(Activity.objects.order_by("-pk")[: len(batch)])
            ActivityParticipant.objects.bulk_create(
                [
                    ActivityParticipant(
                        activity_id=a.pk,
                        role=ActivityParticipant.Role.LEAD,
                        name=rng.choice(LEAD_DEPARTMENTS),
                    )
                    for a in created
                ]
            )
        done += len(batch)
        if progress:
            progress(done, total)
    return total


def generate(
    sizes: Sizes, progress_for: Callable[[str], Progress | None] = lambda label: None
) -> dict[str, int]:
    build_units(sizes, progress_for("单位"))
    campaign = next(c for c in national_campaigns_load() if c.year == 2023)
    if Notice.objects.filter(campaign=campaign).exists():
        raise RuntimeError("数据库中已有2023年的通知/方案：请在空数据库上生成全国数据。")
    with transaction.atomic():
        notices = build_notices(campaign)
    activities = build_activities(notices, sizes, progress_for("活动"))
    return {
        "units": OrgUnit.objects.count(),
        "notices": len(notices),
        "activities": activities,
    }
