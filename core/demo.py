"""The demo world that `make run` loads: the real divisions, the national campaigns, a few
departments and stations named in the seeds, and one user per role.
"""

import os

from django.contrib.auth import get_user_model
from django.db import transaction

from campaigns.services import national_campaigns_load
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
    return counts
