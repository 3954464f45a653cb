"""The whole cascade with the seeds' content, through the services and the views:

national 2023 notice (国市监质发〔2023〕73号) → Hunan's provincial plan (湘市监办发〔2023〕57号)
→ 长沙市's plan → 芙蓉区's plan, each inheriting the theme, localizing the slogans and linking
its activities to the superior's, while each superior's cascade view shows who has issued.
"""

from pathlib import Path

import pytest
from django.urls import reverse

from activities.models import Activity
from activities.services import activity_create
from campaigns import services
from campaigns.models import Notice, Slogan
from cascade.forms import NoticeForm
from core.testing.world import make_user
from imports.parser import parse_file
from orgs.scoping import Role

# The seed notice as the repository keeps it for the parser's tests.
NATIONAL_SEED = (
    Path(__file__).resolve().parents[2] / "imports/tests/fixtures/2023-national-notice.txt"
)
THEME = "增强质量意识 推进高质量发展"


def edit_data(notice: Notice, **overrides) -> dict:
    """The edit form as the browser would post it, unchanged except `overrides`."""
    initial = NoticeForm.initial_for(notice)
    data = {k: ("" if v is None else v) for k, v in initial.items()}
    data.update(
        {
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
            "contacts-MIN_NUM_FORMS": "0",
            "contacts-MAX_NUM_FORMS": "10",
        }
    )
    data.update(overrides)
    return data


def accept_suggested_slogans(client, unit, campaign) -> list[str]:
    suggestions = services.slogan_suggestions(campaign, unit)
    data = {f"text_{i}": local for i, (_s, local) in enumerate(suggestions)}
    data.update({f"keep_{i}": "on" for i in range(len(suggestions))})
    response = client.post(reverse("campaigns:slogans_edit", args=[unit.pk, campaign.year]), data)
    assert response.status_code == 302
    return list(Slogan.objects.filter(campaign=campaign, unit=unit).values_list("text", flat=True))


def cascade_down(client, user, superior: Notice, unit, doc_number: str) -> Notice:
    """One level's clerk: inbox → 制定本级方案 → 文号 → slogans → 印发."""
    client.force_login(user)
    assert superior.title in client.get(reverse("campaigns:inbox")).text
    response = client.post(reverse("campaigns:plan_draft", args=[superior.pk, unit.pk]))
    plan = Notice.objects.get(unit=unit, basis=superior)
    assert response["Location"] == plan.get_absolute_url()
    response = client.post(
        reverse("campaigns:notice_edit", args=[plan.pk]), edit_data(plan, doc_number=doc_number)
    )
    assert response.status_code == 302
    accept_suggested_slogans(client, unit, superior.campaign)
    plan.refresh_from_db()
    client.post(reverse("campaigns:notice_issue", args=[plan.pk]), {"version": plan.version})
    plan.refresh_from_db()
    assert plan.is_issued and plan.doc_number == doc_number
    return plan


@pytest.mark.django_db
def test_the_2023_campaign_cascades_from_the_nation_to_a_county(world, client):
    campaign = services.national_campaigns_load()[0]
    national_doc = parse_file(NATIONAL_SEED)
    nation_admin = world.users["national_admin"]
    national = services.notice_create(
        actor=nation_admin,
        campaign=campaign,
        unit=world.unit("全国"),
        kind=Notice.Kind.NOTICE,
        title=national_doc.title,
        doc_number="国市监质发〔2023〕73号",
        issuer_names=national_doc.issuers,
        theme=national_doc.theme,
        recipient_units=[world.unit("湖南省"), world.unit("福建省")],
    )
    seed_activities = [a.title for a in national_doc.activities]
    for title in seed_activities:
        activity_create(actor=nation_admin, notice=national, title=title)
    services.notice_issue(actor=nation_admin, notice=national)
    assert national.theme == THEME and "举办中国质量(成都)大会" in seed_activities

    hunan_clerk = make_user("hunan_clerk", world.unit("湖南省"), Role.EDITOR)
    county_clerk = make_user("furong_clerk", world.unit("芙蓉区"), Role.EDITOR)
    hunan = cascade_down(
        client, hunan_clerk, national, world.unit("湖南省"), "湘市监办发〔2023〕57号"
    )
    changsha = cascade_down(
        client, world.users["editor"], hunan, world.unit("长沙市"), "长市监发〔2023〕12号"
    )
    furong = cascade_down(
        client, county_clerk, changsha, world.unit("芙蓉区"), "芙市监发〔2023〕3号"
    )

    # Each level inherits the theme and names its basis.
    for plan, basis in ((hunan, national), (changsha, hunan), (furong, changsha)):
        assert plan.theme == THEME and list(plan.basis.all()) == [basis]

    # Slogans localized level by level, as Hunan did in its 附件1.
    def slogans(unit_name):
        return list(
            Slogan.objects.filter(campaign=campaign, unit=world.unit(unit_name)).values_list(
                "text", flat=True
            )
        )

    assert "大力增强质量意识 加快建设质量强省" in slogans("湖南省")
    assert "培育区域质量品牌 树立湖南质量形象" in slogans("湖南省")
    assert "大力增强质量意识 加快建设质量强市" in slogans("长沙市")
    assert "培育区域质量品牌 树立长沙质量形象" in slogans("长沙市")
    assert "大力增强质量意识 加快建设质量强区" in slogans("芙蓉区")
    assert "培育区域质量品牌 树立芙蓉质量形象" in slogans("芙蓉区")
    hunan_slogans = Slogan.objects.filter(unit=world.unit("湖南省"), derived_from__isnull=False)
    assert hunan_slogans.count() == len(slogans("湖南省"))

    # The county's activities trace back through the city and province to the nation.
    county_activity = Activity.objects.filter(notice=furong).order_by("position").first()
    assert county_activity.implements.notice == changsha
    assert county_activity.implements.implements.notice == hunan
    assert county_activity.implements.implements.implements.notice == national
    assert furong.activities.count() == len(seed_activities)

    # Each superior sees who has issued: the nation sees Hunan (not Fujian), Hunan sees 长沙.
    client.force_login(nation_admin)
    text = client.get(reverse("campaigns:cascade", args=[national.pk])).text
    assert "湘市监办发〔2023〕57号" in text and "尚未制定" in text
    assert f"{len(seed_activities)} / {len(seed_activities)}" in text
    client.force_login(hunan_clerk)
    text = client.get(reverse("campaigns:cascade", args=[hunan.pk])).text
    assert "长市监发〔2023〕12号" in text and "株洲市市场监督管理局" in text
    client.force_login(world.users["viewer"])
    text = client.get(reverse("campaigns:cascade", args=[changsha.pk])).text
    assert "芙市监发〔2023〕3号" in text and "已印发" in text

    # The county reads the plans above it, but cannot draft the city's.
    client.force_login(county_clerk)
    assert client.get(hunan.get_absolute_url()).status_code == 200
    assert client.get(reverse("campaigns:notice_edit", args=[changsha.pk])).status_code == 403
