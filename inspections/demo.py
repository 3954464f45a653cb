"""Demo data of 双随机、一公开: a directory of invented 检验检测机构 across the demo regions
and an inspector pool for Yong'an's 市场监管所, then one sampling plan on row 5 of Yong'an's
2023 schedule (检验检测机构“双随机、一公开”监督检查, 6-10月, 质量科), drawn, inspected,
concluded and published in time, so that the public page and the boards show it.

Names and codes are invented; every code passes the GB 32100 check. Call
`demo_inspections_load()` after the seed documents are imported (it needs Yong'an's plan);
it is idempotent.
"""

import datetime
import hashlib

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from activities.models import Activity
from entities.credit_code import ALPHABET, with_check
from entities.models import Field, MarketEntity
from entities.services import entity_create
from inspections import services
from inspections.models import InspectionTarget, Inspector, SamplingPlan
from orgs.models import OrgUnit

YONGAN = "350481"
PLAN_TITLE = "永安市2023年检验检测机构“双随机、一公开”监督检查"
# A fixed seed, so that the demo's draw is the same on every machine (and replays).
DEMO_SEED = "5a1e0c2f9d3b47e8a6c4b2d0e8f61a37"

KINDS = [
    ("机动车检测有限公司", Field.VEHICLE),
    ("环境监测技术有限公司", Field.ECOLOGY),
    ("工程质量检测有限公司", Field.CONSTRUCTION),
    ("机动车安全技术检验站", Field.VEHICLE),
    ("生态环境检测中心有限公司", Field.ECOLOGY),
    ("测绘地理信息检测有限公司", Field.RESOURCES),
]
# Other demo regions with a few bodies each: 长沙市's districts, 三明市's counties, 海口市.
OTHER_AREAS = ["430102", "430103", "430104", "350402", "350403", "460105", "460106"]
GIVEN = ["建华", "秀英", "志强", "丽萍", "文斌", "海燕", "国庆", "春梅", "晓东", "美玲"]
FAMILY = ["林", "陈", "黄", "郑", "吴", "刘", "张", "罗", "邱", "赖", "谢", "范", "曾", "廖", "魏"]
OUTCOMES = [
    InspectionTarget.Outcome.NO_PROBLEM,
    InspectionTarget.Outcome.RECTIFY,
    InspectionTarget.Outcome.NO_PROBLEM,
    InspectionTarget.Outcome.CASE,
    InspectionTarget.Outcome.NO_PROBLEM,
    InspectionTarget.Outcome.NO_PROBLEM,
]
FINDINGS = {
    InspectionTarget.Outcome.NO_PROBLEM: "核查资质认定证书、检验检测原始记录和报告，未发现问题。",
    InspectionTarget.Outcome.RECTIFY: "部分原始记录信息不完整，已责令限期整改。",
    InspectionTarget.Outcome.CASE: "出具的检验检测报告存在数据不实，已立案调查。",
}


def _code(area: str, n: int) -> str:
    # Seven characters of the organisation-code part from the area and number, so that the
    # codes look varied; the 18th is the GB 32100 check character.
    digest = hashlib.sha256(f"{area}-{n}".encode()).digest()
    middle = "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:7])
    return with_check(f"91{area}MA{middle}")


def _stations() -> list[OrgUnit]:
    yongan = OrgUnit.objects.get(code=YONGAN)
    return list(
        OrgUnit.objects.subtree_of(yongan, include_self=False)
        .filter(kind=OrgUnit.Kind.STATION)
        .order_by("path")
    )


def demo_directory_load(actor) -> int:
    """Entities in Yong'an's stations (two each) and in a few other demo regions."""
    created = 0
    places = [(s, s.name.removesuffix("市场监管所")) for s in _stations()]
    places += [
        (unit, unit.name) for unit in OrgUnit.objects.filter(code__in=OTHER_AREAS).order_by("code")
    ]
    for i, (region, short) in enumerate(places):
        area = (region.code or YONGAN)[:6]
        for j in range(2 if region.kind == OrgUnit.Kind.STATION else 1):
            n = i * 2 + j
            suffix, field = KINDS[n % len(KINDS)]
            code = _code(area, n)
            if MarketEntity.objects.filter(credit_code=code).exists():
                continue
            entity_create(
                actor=actor,
                region=region,
                name=f"{short}{suffix}",
                credit_code=code,
                license_no=f"2023{n:04d}{area[:4]}",
                address=f"{region.name}{['建设路', '解放路', '人民路'][n % 3]}{n + 1}号",
                field=field,
            )
            created += 1
    return created


def demo_pool_load(actor) -> int:
    """Two inspectors of each Yong'an station, competent in the vehicle and ecology fields."""
    created = 0
    for i, station in enumerate(_stations()):
        for j in range(2):
            badge = f"35048101{i * 2 + j:03d}"
            if Inspector.objects.filter(badge_no=badge).exists():
                continue
            services.inspector_create(
                actor=actor,
                unit=station,
                name=FAMILY[i % len(FAMILY)] + GIVEN[(i * 2 + j) % len(GIVEN)],
                badge_no=badge,
                fields=[Field.VEHICLE, Field.ECOLOGY] if j == 0 else [],
            )
            created += 1
    return created


@transaction.atomic
def demo_inspections_load() -> dict[str, int]:
    User = get_user_model()
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    clerk = User.objects.get(username="yongan_editor")
    counts = {
        "entities": demo_directory_load(admin),
        "inspectors": demo_pool_load(clerk),
        "sampling_plans": 0,
    }
    activity = (
        Activity.objects.filter(
            notice__unit__code=YONGAN,
            notice__campaign__year=2023,
            title__contains="双随机",
        )
        .order_by("pk")
        .first()
    )
    if activity is None or SamplingPlan.objects.filter(title=PLAN_TITLE).exists():
        return counts
    plan = services.plan_create(
        actor=clerk,
        activity=activity,
        title=PLAN_TITLE,
        fields=[Field.VEHICLE, Field.ECOLOGY],
        target_count=len(OUTCOMES),
        starts_on=datetime.date(2023, 6, 1),
        ends_on=datetime.date(2023, 10, 31),
        joint_departments="三明市永安生态环境局",
    )
    services.plan_draw(actor=clerk, plan=plan, seed=DEMO_SEED)
    for n, target in enumerate(plan.targets.order_by("position")):
        outcome = OUTCOMES[n % len(OUTCOMES)]
        services.target_result_save(
            actor=clerk,
            target=target,
            inspected_on=datetime.date(2023, 9, 4) + datetime.timedelta(days=3 * n),
            outcome=outcome,
            findings=FINDINGS[outcome],
            rectification_due=datetime.date(2023, 10, 31)
            if outcome == InspectionTarget.Outcome.RECTIFY
            else None,
        )
        if outcome == InspectionTarget.Outcome.RECTIFY:
            services.target_rectification_close(
                actor=clerk,
                target=target,
                rectified_on=datetime.date(2023, 10, 16),
                note="已补齐原始记录并完善记录控制程序。",
            )
    services.plan_conclude(actor=clerk, plan=plan, concluded_on=datetime.date(2023, 10, 20))
    services.plan_publish(
        actor=clerk,
        plan=plan,
        now=timezone.make_aware(datetime.datetime(2023, 11, 3, 10, 0)),
    )
    counts["sampling_plans"] = 1
    return counts
