import pytest
from django.urls import reverse

from activities.models import Activity
from activities.services import activity_create
from campaigns import services
from campaigns.models import Notice, Slogan
from cascade.services import plan_draft_get_or_create
from core.testing.world import make_user
from orgs.scoping import Role


@pytest.fixture
def campaign(world):
    return services.national_campaigns_load()[0]


@pytest.fixture
def hunan_editor(world):
    return make_user("hunan_editor", world.unit("湖南省"), Role.EDITOR)


@pytest.fixture
def provincial(world, campaign, hunan_editor):
    notice = services.notice_create(
        actor=hunan_editor,
        campaign=campaign,
        unit=world.unit("湖南省"),
        title="湖南省市场监管系统2023年“质量月”活动方案",
        doc_number="湘市监办发〔2023〕57号",
        recipient_units=[world.unit("长沙市"), world.unit("株洲市")],
    )
    for title in ("举办湖南省“质量月”启动仪式", "开展“质量月”主题宣传活动", "组织实验室开放日"):
        activity_create(actor=hunan_editor, notice=notice, title=title)
    return services.notice_issue(actor=hunan_editor, notice=notice)


def plan_url(notice, unit):
    return reverse("campaigns:plan_draft", args=[notice.pk, unit.pk])


def test_city_editor_drafts_this_levels_plan_once_even_on_double_submit(
    world, provincial, client_for
):
    client = client_for(world.users["editor"])
    detail = client.get(provincial.get_absolute_url())
    assert "制定本级方案" in detail.text
    first = client.post(plan_url(provincial, world.unit("长沙市")))
    second = client.post(plan_url(provincial, world.unit("长沙市")))
    plan = Notice.objects.get(unit=world.unit("长沙市"))
    assert first["Location"] == second["Location"] == plan.get_absolute_url()
    assert list(plan.basis.all()) == [provincial]
    assert plan.activities.filter(implements__notice=provincial).count() == 3


def test_viewer_and_sibling_cannot_draft_a_plan_for_changsha(world, provincial, client_for):
    viewer = client_for(world.users["viewer"])
    assert "制定本级方案" not in viewer.get(provincial.get_absolute_url()).text
    assert viewer.post(plan_url(provincial, world.unit("长沙市"))).status_code == 403
    zhuzhou = make_user("zhuzhou_editor", world.unit("株洲市"), Role.EDITOR)
    assert client_for(zhuzhou).post(plan_url(provincial, world.unit("长沙市"))).status_code == 404
    assert not Notice.objects.filter(unit=world.unit("长沙市")).exists()


def test_slogans_page_prefills_local_wording_and_saves_accepted_edited_and_added_lines(
    world, campaign, client_for
):
    url = reverse("campaigns:slogans_edit", args=[world.unit("长沙市").pk, campaign.year])
    client = client_for(world.users["editor"])
    page = client.get(url)
    assert "大力增强质量意识 加快建设质量强市" in page.text  # 质量强国 → 质量强市
    assert "树立长沙质量形象" in page.text
    rows = len(campaign.national_slogans())
    data = {f"text_{i}": s.text for i, s in enumerate(campaign.national_slogans())}
    data.update({f"keep_{i}": "on" for i in range(rows)})
    data["text_0"] = "大力增强质量意识 加快建设质量强市"
    data["text_1"] = "深入实施质量提升行动 建设质量长沙"  # edited
    del data[f"keep_{rows - 1}"]  # dropped
    data["added"] = "长沙制造 品质之城"
    response = client.post(url, data)
    assert response.status_code == 302
    saved = list(
        Slogan.objects.filter(unit=world.unit("长沙市"))
        .order_by("position")
        .select_related("derived_from")
    )
    assert len(saved) == rows
    assert saved[1].text == "深入实施质量提升行动 建设质量长沙"
    assert saved[1].derived_from.text == "深入实施质量提升行动 大力推进质量强国建设"
    assert saved[-1].text == "长沙制造 品质之城" and saved[-1].derived_from is None
    # Next time the page shows the unit's own list.
    assert "长沙制造 品质之城" in client.get(url).text


def test_viewer_cannot_change_slogans_and_outsiders_get_404(world, campaign, client_for):
    url = reverse("campaigns:slogans_edit", args=[world.unit("长沙市").pk, campaign.year])
    assert client_for(world.users["viewer"]).post(url, {"added": "x"}).status_code == 403
    zhuzhou = make_user("zhuzhou_editor", world.unit("株洲市"), Role.EDITOR)
    assert client_for(zhuzhou).get(url).status_code == 404
    assert not Slogan.objects.filter(unit=world.unit("长沙市")).exists()


def test_cascade_status_shows_each_recipient_plan_and_implemented_activities_in_few_queries(
    world, provincial, client_for, hunan_editor, django_assert_max_num_queries
):
    changsha_plan, _ = plan_draft_get_or_create(
        actor=world.users["editor"], superior=provincial, unit=world.unit("长沙市")
    )
    changsha_plan.doc_number = "长市监发〔2023〕12号"
    changsha_plan.save()
    # The city drops one superior activity and adds one of its own.
    Activity.objects.filter(notice=changsha_plan, implements__title="组织实验室开放日").delete()
    activity_create(actor=world.users["editor"], notice=changsha_plan, title="长沙市市长质量奖")
    services.notice_issue(actor=world.users["editor"], notice=changsha_plan)
    client = client_for(hunan_editor)
    url = reverse("campaigns:cascade", args=[provincial.pk])
    with django_assert_max_num_queries(10):
        response = client.get(url)
    text = response.text
    assert "长市监发〔2023〕12号" in text and "已印发" in text and "2 / 3" in text
    assert "株洲市市场监督管理局" in text and "尚未制定" in text
    # Adding recipients does not add queries.
    more = [world.unit("芙蓉区"), world.unit("天心区"), world.unit("福建省")]
    for unit in more:
        provincial.deliveries.create(recipient=unit)
    with django_assert_max_num_queries(10):
        client.get(url)


def test_cascade_status_is_for_the_issuers_side_only(world, provincial, client_for):
    url = reverse("campaigns:cascade", args=[provincial.pk])
    assert client_for(world.users["editor"]).get(url).status_code == 404
    assert client_for(world.users["nobody"]).get(url).status_code == 404
