"""The demo world that `make run` loads: the real divisions, the national campaigns, a few
departments and stations named in the seeds, one user per role, and the five seed notices,
imported through the same path a clerk uses (parse → confirm → issue) so that the cascade
national → province → county is there to browse.
"""

import os
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from campaigns.models import Notice
from campaigns.services import (
    default_recipients,
    national_campaigns_load,
    notice_issue,
    notice_update,
)
from imports.parser import parse_text
from imports.services import notice_import_confirm, notice_import_create
from orgs.divisions import read_divisions, read_townships
from orgs.models import Department, Membership, OrgUnit
from orgs.scoping import Role
from orgs.services import divisions_load, national_unit_get_or_create

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
    ("2023-hunan-province-plan.txt", "430000", "hunan_admin", {}),
    ("2023-yongan-city-plan.txt", "350481", "yongan_editor", {}),
    ("2022-hainan-province-notice.txt", "460000", "nation_admin", {}),
    ("2020-hubei-province-notice.txt", ("office", "420000"), "nation_admin", {}),
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
    demo_public_load()
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
        if Notice.objects.filter(unit=unit, title=parsed["title"]).exists():
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
        notice_issue(actor=actor, notice=notice)
        imported += 1
    return imported


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
    import datetime

    from django.utils import timezone

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
