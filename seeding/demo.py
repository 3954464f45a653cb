"""The demo world that `make run` loads: the real divisions, the national campaigns, a few
departments and stations named in the seeds, one user per role, and the five seed notices,
imported through the same path a clerk uses (parse → confirm → issue) so that the cascade
national → province → county is there to browse.
"""

import datetime
import io
import os
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from assistance.demo import demo_assistance_load
from awards.demo import demo_awards_load
from campaigns.models import Delivery, Notice
from campaigns.services import (
    default_recipients,
    national_campaigns_load,
    notice_issue,
    notice_update,
)
from imports.parser import parse_text
from imports.services import notice_import_confirm, notice_import_create
from inspections.demo import demo_inspections_load
from media.demo import demo_media_load
from orgs import scoping
from orgs.divisions import read_divisions, read_townships
from orgs.models import Department, Membership, OrgUnit
from orgs.scoping import Role
from orgs.services import divisions_load, national_unit_get_or_create
from reports import services as report_services
from reports.models import ExpectedReport, Material, Report, ReportEvent, ReportRequirement
from seeding.national import rebuild_tallies

User = get_user_model()

DEMO_PASSWORD_ENV = "QM_DEMO_PASSWORD"
DEFAULT_DEMO_PASSWORD = "zhiliangyue2023"

# Departments named as lead or supporting units in the seeds.
DEPARTMENTS = {
    None: ["质量发展局", "办公室", "新闻宣传司"],
    "430000": [
        ("质量发展局", "质量局"),
        "办公室",
        "综合规划处",
        "新闻宣传处",
        "事务中心",
        "大数据中心",
        "人事处",
        "产品质量安全监督管理处",
        "计量处",
        "标准化处",
        "认证监督管理处",
        "价格监督检查和反不正当竞争局",
        "消费者权益保护处",
        "知识产权运用促进处",
        "湖南省纤维检验院",
        "缺陷产品召回中心",
    ],
    "350481": ["质量科", "办公室", "市管科", "执法大队", "特安科", "消保科", "计量所"],
}
ALIASES = {
    "综合规划处": "综合处",
    "新闻宣传处": "宣传处",
    "产品质量安全监督管理处": "产品监督处",
    "认证监督管理处": "认证处",
    "价格监督检查和反不正当竞争局": "价监竞争局",
    "消费者权益保护处": "消保处",
    "知识产权运用促进处": "知产运用处",
    "湖南省纤维检验院": "省纤检院",
    "缺陷产品召回中心": "省局召回中心",
}
OFFICES = {
    "350000": ("福建省质量强省工作领导小组办公室", "省质量强省工作领导小组办公室\n省质量强省办"),
    "350400": ("三明市质量强市工作领导小组办公室", "三明市质量强市办"),
    "460000": ("海南省质量强省工作领导小组办公室", "质量强省办\n省质量强省办"),
    "420000": ("湖北省质量强省工作委员会办公室", "省质量强省工作委员会办公室\n省质强办"),
}
USERS = [
    ("nation_admin", "国家局管理员", None, Role.ADMIN),
    ("hunan_admin", "湖南省局管理员", "430000", Role.ADMIN),
    ("changsha_editor", "长沙市局编辑", "430100", Role.EDITOR),
    ("sanming_viewer", "三明市局查看", "350400", Role.VIEWER),
    ("yongan_editor", "永安市局编辑", "350481", Role.EDITOR),
]


SEEDS_DIR = Path(__file__).resolve().parent / "demo_seeds"
# (seed file, importing unit: division code, None for the nation, or ("office", province
# code) for the province's quality office; importing user; the clerk's corrections).
SEEDS = [
    # The national text as published online lacks its doc number; Hunan cites it by number.
    ("2023-national-notice.txt", None, "nation_admin", {"doc_number": "国市监质发〔2023〕73号"}),
    # Hunan's and Hubei's texts as published carry no 落款 date, so the parser reads none.
    # Each is dated the day before its campaign month (as the national 2023 notice, 8月31日,
    # and Hainan's 2022 one, 8月30日, are), never the day the demo happens to be loaded;
    # Hunan's is then not earlier than the national notice it implements.
    ("2023-hunan-province-plan.txt", "430000", "hunan_admin", {"issue_date": "2023-08-31"}),
    ("2023-yongan-city-plan.txt", "350481", "yongan_editor", {}),
    ("2022-hainan-province-notice.txt", "460000", "nation_admin", {}),
    (
        "2020-hubei-province-notice.txt",
        ("office", "420000"),
        "nation_admin",
        {"issue_date": "2020-08-31"},
    ),
]


def demo_password() -> str:
    return os.environ.get(DEMO_PASSWORD_ENV) or DEFAULT_DEMO_PASSWORD


@transaction.atomic
def demo_load(progress=None) -> dict[str, int]:
    counts = divisions_load(read_divisions(), progress=progress)
    divisions_load(read_townships(county_codes={"350481"}))
    national_campaigns_load()
    nation = national_unit_get_or_create()
    by_code = {
        u.code: u
        for u in OrgUnit.objects.filter(code__in=[c for c in DEPARTMENTS if c] + list(OFFICES))
    }
    for code, names in DEPARTMENTS.items():
        unit = nation if code is None else by_code[code]
        for entry in names:
            name, alias = entry if isinstance(entry, tuple) else (entry, ALIASES.get(entry, ""))
            Department.objects.get_or_create(unit=unit, name=name, defaults={"aliases": alias})
    for code, (full_name, aliases) in OFFICES.items():
        parent = by_code[code]
        if not OrgUnit.objects.get_children(parent).filter(full_name=full_name).exists():
            OrgUnit.objects.add_child(
                parent,
                create_kwargs={
                    "name": full_name,
                    "full_name": full_name,
                    "kind": OrgUnit.Kind.OFFICE,
                    "aliases": aliases,
                },
            )
    password = demo_password()
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[c for *_, c, _ in USERS if c])}
    for username, first_name, code, role in USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first_name}
        )
        if created:
            user.set_password(password)
            user.save()
        Membership.objects.get_or_create(
            user=user, unit=nation if code is None else units[code], defaults={"role": role}
        )
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@localhost", password)
    counts["notices"] = demo_notices_load(nation)
    counts["reports"] = demo_reports_load()
    demo_public_load()
    # The capabilities built on the campaign bring their own demo rows (each loader is
    # idempotent and needs the units, users and notices above).
    counts.update(demo_inspections_load())
    demo_awards_load(password=password)
    demo_media_load()
    demo_assistance_load()
    # The reports above are dated back (submitted_at, is_late) with a queryset update, which
    # the counters kept on write do not see: recount them from the rows.
    rebuild_tallies()
    return counts


def _seed_unit(nation: OrgUnit, where) -> OrgUnit:
    if where is None:
        return nation
    if isinstance(where, tuple):
        province = OrgUnit.objects.get(code=where[1])
        return OrgUnit.objects.get_children(province).get(kind=OrgUnit.Kind.OFFICE)
    return OrgUnit.objects.get(code=where)


def demo_notices_load(nation: OrgUnit) -> int:
    """Import and issue the seed notices not yet there; returns how many were imported."""
    imported = 0
    for filename, where, username, corrections in SEEDS:
        unit = _seed_unit(nation, where)
        actor = User.objects.get(username=username)
        text = (SEEDS_DIR / filename).read_text(encoding="utf-8")
        parsed = parse_text(text)
        if Notice.objects.filter(unit=unit, title=parsed.title).exists():
            continue
        notice_import = notice_import_create(actor=actor, unit=unit, text=text)
        notice = notice_import_confirm(
            actor=actor, notice_import=notice_import, data={**notice_import.parsed, **corrections}
        )
        if not notice.recipient_units.exists():
            # An office (质量强省办) sends to the cities of its province.
            notice = notice_update(
                actor=actor,
                notice=notice,
                version=None,
                recipient_units=default_recipients(OrgUnit.objects.get_parent(unit)),
            )
        notice = notice_issue(actor=actor, notice=notice)
        _date_issue(notice)
        imported += 1
    return imported


def _date_issue(notice: Notice) -> None:
    """Date the issue (印发) and the deliveries by the document's own date, as if it had been
    issued on the platform that day: its inbox copies, the cascade and the dashboards' time
    lines then read as the campaign did, not as the day the demo was loaded."""
    tz = timezone.get_current_timezone()
    moment = datetime.datetime.combine(notice.issue_date, datetime.time(10), tzinfo=tz)
    Notice.objects.filter(pk=notice.pk).update(issued_at=moment)
    Delivery.objects.filter(notice=notice).update(delivered_at=moment)


# Demo-only details that the seeds leave open (where and when an open day happens), so that a
# visitor of the demo has something to register for and a poll to vote in.
PUBLIC_ACTIVITIES = [
    # (unit code, words in the activity title, location, start, capacity)
    ("430000", "实验室开放日", "湖南省市场监督管理局直属检验检测机构实验室", (2023, 9, 20, 9), 30),
    ("350481", "质量体系公益讲座", "永安市市场监督管理局会议室", (2023, 9, 15, 14), 50),
    ("350481", "畅通消费者投诉举报渠道", "永安市各市场监管所", (2023, 9, 1, 9), 0),
]
POLL = {
    "unit": "350481",
    "title": "“你点我检”：您最希望抽检哪类商品？",
    "options": ["月饼", "燃气具连接软管", "儿童玩具", "电动自行车充电器", "校园周边食品"],
}


def demo_public_load() -> None:
    """Publish a few activities of the issued demo plans, open registration for two of
    them and open a 你点我检 poll. Idempotent."""
    from activities.models import Activity
    from activities.services import activity_update
    from public.models import Poll, PublicEvent
    from public.services import event_configure, poll_create

    admin = User.objects.get(username="admin")
    tz = timezone.get_current_timezone()
    for code, words, location, start, capacity in PUBLIC_ACTIVITIES:
        activity = (
            Activity.objects.filter(notice__unit__code=code, title__contains=words)
            .select_related("notice__unit")
            .first()
        )
        if activity is None:
            continue
        if not activity.is_public:
            activity = activity_update(
                actor=admin, activity=activity, version=None, is_public=True, location=location
            )
        if capacity and not PublicEvent.objects.filter(activity=activity).exists():
            starts_at = datetime.datetime(*start, tzinfo=tz)
            event_configure(
                actor=admin,
                activity=activity,
                capacity=capacity,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=3),
            )
    unit = OrgUnit.objects.get(code=POLL["unit"])
    if not Poll.objects.filter(unit=unit, title=POLL["title"]).exists():
        poll_create(
            actor=admin,
            unit=unit,
            title=POLL["title"],
            closes_at=timezone.now() + datetime.timedelta(days=30),
            options=POLL["options"],
            description="请选择您最关心质量的一类商品，得票多的将列入本年度监督抽检计划。",
        )


# Demo-only: a reporting round in progress, so that 督查督办, the dashboards and the map show
# colour on the first visit. The seeds set what is asked; what follows is the part they
# leave open. Per requirement (the seed's doc number): the clerk who adds the statistics
# form (统计表) to what the text asks, the due date where the text sets none ("及时"), and
# the outcome of each expected unit, in tree order, cycling through OUTCOMES.
ACCEPTED, ON_TIME, LATE, RETURNED, MISSING = "accepted", "on_time", "late", "returned", "missing"
REPORTING = [
    # 湘市监办发〔2023〕57号 asks the 14 cities for 10月16日.
    ("湘市监办发〔2023〕57号", "hunan_admin", None),
    # Yong'an asks its 15 stations to report "及时": the demo clerk set 10月13日.
    ("永市监质〔2023〕35号", "yongan_editor", datetime.date(2023, 10, 13)),
    # The national notice asks the provinces "活动结束后及时": the demo sets 10月20日.
    ("国市监质发〔2023〕73号", "nation_admin", datetime.date(2023, 10, 20)),
]
OUTCOMES = [ACCEPTED, ON_TIME, LATE, RETURNED, MISSING, ON_TIME, LATE, MISSING, ACCEPTED, ON_TIME]
# The provinces' reports to the nation: the two demo provinces and a few others; the rest
# have not reported, so the national map shows red beside green.
NATIONAL_OUTCOMES = {
    "430000": ACCEPTED,
    "350000": LATE,
    "460000": ON_TIME,
    "420000": RETURNED,
    "440000": ON_TIME,
    "330000": LATE,
}
DEMO_CASE = ("“首席质量官”进企业", "组织首席质量官走进重点企业，开展质量诊断和帮扶。")
RETURN_REASON = "请补充活动场次和参与人数的统计口径说明。"


def _demo_photo() -> SimpleUploadedFile:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, format="PNG")
    return SimpleUploadedFile("活动现场.png", out.getvalue(), content_type="image/png")


def _demo_video() -> SimpleUploadedFile:
    # The smallest file the upload check recognises as MP4 (an ftyp box and a free box).
    head = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08free"
    return SimpleUploadedFile("活动视频.mp4", head + b"\x00" * 1024, content_type="video/mp4")


def _reporters() -> list:
    """The demo users with a unit role, the narrowest unit first, and the platform admin last:
    a unit's report is filed by its own clerk when the demo has one, by the clerk above it
    otherwise (a province's admin covers its cities), else by the platform admin."""
    memberships = (
        Membership.objects.filter(user__username__in=[name for name, *_ in USERS])
        .select_related("user")
        .order_by("-unit__depth")
    )
    return [m.user for m in memberships] + [User.objects.get(username="admin")]


def _reporter_for(unit: OrgUnit, reporters: list):
    return next(u for u in reporters if scoping.can(u, scoping.Action.EDIT, unit))


def demo_reports_load() -> int:
    """File the demo reports of REPORTING through the reporting services, dated around the
    due dates; returns how many were filed. A requirement that already has reports is left
    as it is (idempotent)."""
    reporters = _reporters()
    filed = 0
    for doc_number, issuer_name, due in REPORTING:
        requirement = (
            ReportRequirement.objects.filter(notice__doc_number=doc_number)
            .select_related("notice__unit")
            .first()
        )
        if requirement is None or Report.objects.filter(expected__requirement=requirement).exists():
            continue
        issuer = User.objects.get(username=issuer_name)
        materials = [m for m in requirement.materials if m in Material.values]
        requirement = report_services.requirement_save(
            actor=issuer,
            notice=requirement.notice,
            due_date=requirement.due_date or due,
            materials=[*materials, Material.STATISTICS],
            levels=list(requirement.levels),
            report_to=requirement.report_to,
            fields=report_services.default_field_specs()[:4],
        )
        expected = (
            ExpectedReport.objects.active()
            .filter(requirement=requirement)
            .select_related("unit")
            .order_by("unit__path")
        )
        national = requirement.notice.unit.kind == OrgUnit.Kind.NATIONAL
        for n, row in enumerate(expected):
            if national:
                outcome = NATIONAL_OUTCOMES.get(row.unit.code, MISSING)
            else:
                outcome = OUTCOMES[n % len(OUTCOMES)]
            if outcome == MISSING:
                continue
            actor = _reporter_for(row.unit, reporters)
            report = _demo_report(requirement, row, actor, n)
            report = report_services.report_submit(actor=actor, report=report)
            if outcome == ACCEPTED:
                report_services.report_accept(actor=issuer, report=report)
            elif outcome == RETURNED:
                report_services.report_return(actor=issuer, report=report, reason=RETURN_REASON)
            # Dated as the round went: on time up to the due date, late after it.
            moment = _demo_moment(requirement.due_date, late=outcome == LATE, n=n)
            reviewed = outcome in (ACCEPTED, RETURNED)
            Report.objects.filter(pk=report.pk).update(
                submitted_at=moment,
                first_submitted_at=moment,
                is_late=outcome == LATE,
                reviewed_at=moment + datetime.timedelta(days=1) if reviewed else None,
            )
            ReportEvent.objects.filter(report=report).update(
                created_at=moment, is_late=outcome == LATE
            )
            filed += 1
    return filed


def _demo_report(requirement: ReportRequirement, row: ExpectedReport, actor, n: int) -> Report:
    report = report_services.report_start(actor=actor, expected=row)
    figures = (12 + n * 3, 860 + n * 45, 5 + n % 4, 3 + n % 5)
    fields = requirement.statistic_fields.order_by("position")
    report = report_services.report_save_draft(
        actor=actor,
        report=report,
        version=report.version,
        summary=f"{row.unit.display_name}按照通知要求，组织开展了“质量月”系列活动。",
        values={field.code: str(value) for field, value in zip(fields, figures, strict=False)},
    )
    if requirement.requires(Material.PHOTOS):
        report_services.report_file_add(actor=actor, report=report, upload=_demo_photo())
    if requirement.requires(Material.VIDEOS):
        report_services.report_file_add(actor=actor, report=report, upload=_demo_video())
    if requirement.requires(Material.CASES) or n % 3 == 0:
        report_services.case_add(
            actor=actor,
            report=report,
            title=DEMO_CASE[0],
            unit_name=row.unit.display_name,
            description=DEMO_CASE[1],
        )
    report.refresh_from_db()
    return report


def _demo_moment(due: datetime.date, *, late: bool, n: int) -> datetime.datetime:
    offset = datetime.timedelta(days=1 + n % 3)
    day = due + offset if late else due - offset + datetime.timedelta(days=1)
    return datetime.datetime.combine(
        day, datetime.time(9 + n % 8, 15), tzinfo=timezone.get_current_timezone()
    )
