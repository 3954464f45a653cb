"""Demo data of the quality awards: 第八届湖南省省长质量奖 (the Hunan 2023 plan's 省长质量奖
评选), opened by 湖南省市场监督管理局, with four invented applicant enterprises, three experts
who declared no conflict and scored them, and the shortlist in its 公示 (from the day the demo
is loaded, so the public page takes objections).

Call `demo_awards_load(password=…)` after the demo tree and users exist (it needs the user
`hunan_admin`); the password is the demo users' (seeding.demo.demo_password()). Idempotent:
a second call finds the round and does nothing.
"""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from awards import services
from awards.models import AwardRound
from entities.credit_code import with_check
from orgs.models import OrgUnit
from orgs.scoping import Role
from orgs.services import membership_set

ROUND_NAME = "第八届湖南省省长质量奖"
HUNAN = "430000"
# (name, the code's body before its check character, contact) — invented enterprises.
APPLICANTS = [
    ("湖南湘江智能装备股份有限公司", "91430100MA4LA1B2C", "周敏"),
    ("长沙麓谷精密仪器有限公司", "91430100MA4LD3E4F", "刘洋"),
    ("株洲轨道交通部件有限公司", "91430200MA4LG5H6J", "陈静"),
    ("邵阳发制品实业有限公司", "91430500MA4LK7L8M", "唐慧"),
]
EXPERTS = [
    ("hunan_expert_1", "赵教授"),
    ("hunan_expert_2", "钱高工"),
    ("hunan_expert_3", "孙研究员"),
]
# Each expert's share of every criterion's points, per applicant (rows) and expert (columns).
SHARES = [(0.86, 0.82, 0.90), (0.78, 0.80, 0.74), (0.70, 0.76, 0.72), (0.64, 0.60, 0.69)]
SHORTLIST = 3
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _experts(admin, unit: OrgUnit, password: str | None) -> list:
    User = get_user_model()
    users = []
    for username, first_name in EXPERTS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first_name}
        )
        if created:
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
        membership_set(actor=admin, user=user, unit=unit, role=Role.VIEWER)
        users.append(user)
    return users


@transaction.atomic
def demo_awards_load(*, password: str | None = None) -> dict[str, int]:
    if AwardRound.objects.filter(name=ROUND_NAME).exists():
        return {"award_rounds": 0, "award_applications": 0}
    admin = get_user_model().objects.get(username="hunan_admin")
    hunan = OrgUnit.objects.get(code=HUNAN)
    today = timezone.localdate()
    award = services.round_create(
        actor=admin,
        unit=hunan,
        name=ROUND_NAME,
        edition=8,
        deadline=today,
        combination=AwardRound.Combination.TRIMMED,
        call_text=(
            "依据《湖南省省长质量奖管理办法》，组织开展第八届湖南省省长质量奖评选。"
            "申报组织应在湖南省行政区域内依法注册，实施卓越绩效管理三年以上，"
            "近三年未发生重大质量、安全、环境事故。\n"
            "评审依据 GB/T 19580《卓越绩效评价准则》，总分 1000 分。"
        ),
    )
    services.round_publish(actor=admin, award=award)
    applications = []
    for name, body, contact in APPLICANTS:
        application = services.application_enter(
            actor=admin,
            award=award,
            entity_name=name,
            credit_code=with_check(body),
            contact_name=contact,
            email=f"{body[-5:].lower()}@example.cn",
            summary="卓越绩效自评报告、近三年经营数据及获奖证明。",
            files=[SimpleUploadedFile("自评报告.pdf", PDF, "application/pdf")],
        )
        applications.append(
            services.application_screen(actor=admin, application=application, accept=True)
        )
    criteria = list(award.criteria.all())
    for column, user in enumerate(_experts(admin, hunan, password)):
        expert = services.expert_add(actor=admin, award=award, user=user)
        for application, shares in zip(applications, SHARES, strict=True):
            assignment = services.assignment_create(
                actor=admin, application=application, expert=expert
            )
            services.conflict_declare(actor=user, assignment=assignment, conflict=False)
            values = {c.pk: round(c.points * shares[column], 1) for c in criteria}
            services.scores_submit(actor=user, assignment=assignment, values=values)
    services.shortlist_set(actor=admin, award=award, applications=applications[:SHORTLIST])
    services.shortlist_publish(actor=admin, award=award, today=today)
    return {"award_rounds": 1, "award_applications": len(applications)}
