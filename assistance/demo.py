"""Demo data of enterprise assistance: a dozen cases in Yong'an's 市场监管所 (三明市永安市, the
seed's county), in every state — a request waiting to be accepted, cases being worked on
with their diagnosis, plan and follow-ups, closed cases with the enterprise's satisfaction.

Call `demo_assistance_load()` after the demo tree and users exist (it needs the user
`yongan_editor`). Idempotent: a second call finds the cases and does nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from assistance import services
from assistance.models import ProblemField, ServiceCase
from campaigns.models import Campaign
from entities.credit_code import with_check
from orgs.models import OrgUnit

YONGAN = "350481"
# (enterprise, the code's body before its check character) — invented enterprises.
ENTERPRISES = [
    ("永安市林海竹木制品有限公司", "91350481MA2Y0A1B"),
    ("永安市燕江纺织有限公司", "91350481MA2Y0C2D"),
    ("福建永安笋竹食品有限公司", "91350481MA2Y0E3F"),
    ("永安市石材机械制造有限公司", "91350481MA2Y0G4H"),
    ("永安市贡川茶业有限公司", "91350481MA2Y0J5K"),
    ("永安市化工新材料有限公司", "91350481MA2Y0L6M"),
    ("永安市精工汽车配件有限公司", "91350481MA2Y0N7P"),
    ("永安市洪田建材有限公司", "91350481MA2Y0Q8R"),
    ("永安市安砂水电设备有限公司", "91350481MA2Y0T9U"),
    ("永安市小陶笋干加工厂", "91350481MA2Y0W1X"),
    ("永安市槐南竹炭科技有限公司", "91350481MA2Y0Y2A"),
    ("永安市西洋菌菇专业合作社", "91350481MA2Y1B3C"),
]
PROBLEMS = [
    (ProblemField.METROLOGY, "在用计量器具（电子秤、压力表）未按期检定。"),
    (ProblemField.STANDARDS, "企业标准未在企业标准信息公共服务平台自我声明公开。"),
    (ProblemField.MANAGEMENT, "质量管理体系文件与实际生产不符，缺少出厂检验记录。"),
    (ProblemField.BRAND, "产品有地方特色，尚未注册商标，缺少品牌规划。"),
]
MEASURES = [
    ("联系三明市计量所上门检定在用计量器具", "永安市计量所"),
    ("指导企业制定并公开企业标准", "质量科"),
]


def code(body: str) -> str:
    # Each body has 17 characters; the 18th is the GB 32100 check character.
    return with_check(body[:17].ljust(17, "0"))


def _stations() -> list[OrgUnit]:
    yongan = OrgUnit.objects.get(code=YONGAN)
    return list(
        OrgUnit.objects.subtree_of(yongan, include_self=False)
        .filter(kind=OrgUnit.Kind.STATION)
        .order_by("path")
    ) or [yongan]


@transaction.atomic
def demo_assistance_load() -> dict[str, int]:
    codes = [code(body) for _name, body in ENTERPRISES]
    if ServiceCase.objects.filter(entity__credit_code__in=codes).exists():
        return {"service_cases": 0}
    clerk = get_user_model().objects.get(username="yongan_editor")
    campaign = Campaign.objects.filter(year=2023).first()
    stations = _stations()
    start = campaign.starts_on if campaign else datetime.date(2023, 9, 1)
    created = 0
    for i, (name, _body) in enumerate(ENTERPRISES):
        station = stations[i % len(stations)]
        if i == 0:
            services.case_request(
                name=name,
                code=codes[i],
                region=station,
                contact_name="林建华",
                contact_phone="13905981234",
                needs="希望帮助检定计量器具、完善质量管理体系。",
                consent=True,
            )
            created += 1
            continue
        case, _ = services.case_open(
            actor=clerk,
            unit=station,
            name=name,
            code=codes[i],
            needs="质量体检进企业走访。",
            campaign=campaign,
        )
        created += 1
        for field, text in PROBLEMS[: 2 + i % 3]:
            services.problem_add(
                actor=clerk, case=case, version=None, field=field, description=text
            )
        for j, (text, who) in enumerate(MEASURES):
            services.measure_add(
                actor=clerk,
                case=case,
                version=None,
                text=text,
                responsible=who,
                due_on=start + datetime.timedelta(days=14 + 7 * j),
            )
        if i % 2 == 0:
            services.followup_add(
                actor=clerk,
                case=case,
                version=None,
                visited_on=start + datetime.timedelta(days=21),
                visitors="质量科 陈志强",
                notes="计量器具已送检，企业标准正在起草。",
            )
        if i % 3 != 1:
            for problem in case.problems.all()[:2]:
                services.problem_set_solved(actor=clerk, problem=problem, solved=True, version=None)
            for measure in case.measures.all():
                services.measure_set_done(actor=clerk, measure=measure, done=True, version=None)
            services.case_close(
                actor=clerk,
                case=case,
                version=None,
                satisfaction=(
                    ServiceCase.Satisfaction.SATISFIED if i % 4 else ServiceCase.Satisfaction.FAIRLY
                ),
                outcome="计量器具全部检定合格，企业标准已公开。",
            )
    return {"service_cases": created}
