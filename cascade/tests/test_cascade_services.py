import datetime

import pytest
from django.core.exceptions import PermissionDenied

from activities.services import activity_create
from campaigns import services
from campaigns.models import Delivery, Notice, NoticeCorrection
from campaigns.services import NoticeStateError
from cascade.services import plan_draft_from
from core.errors import ConflictError
from core.testing.world import make_user
from orgs.models import Department
from orgs.scoping import Role
from reports.models import ReportRequirement


@pytest.fixture
def national(world):
    campaign = services.national_campaigns_load()[0]
    nation_admin = world.users["national_admin"]
    notice = services.notice_create(
        actor=nation_admin,
        campaign=campaign,
        unit=world.unit("全国"),
        kind=Notice.Kind.NOTICE,
        title="关于开展2023年全国“质量月”活动的通知",
        doc_number="国市监质发〔2023〕73号",
        theme=campaign.theme,
        recipient_units=[world.unit("湖南省"), world.unit("福建省")],
    )
    ReportRequirement.objects.create(
        notice=notice, due_date=datetime.date(2023, 10, 16), materials=["工作总结", "图片", "视频"]
    )
    activity_create(
        actor=nation_admin, notice=notice, title="举办中国质量（成都）大会", window_text="9月"
    )
    activity_create(
        actor=nation_admin, notice=notice, title="开展执法打假系列活动", window_text="9-10月"
    )
    return services.notice_issue(actor=nation_admin, notice=notice)


def test_issuing_delivers_to_each_recipient_and_freezes_the_notice(world, national):
    assert national.status == Notice.Status.ISSUED and national.issue_date is not None
    assert set(
        Delivery.objects.filter(notice=national).values_list("recipient__name", flat=True)
    ) == {"湖南省", "福建省"}
    with pytest.raises(NoticeStateError):
        services.notice_update(
            actor=world.users["national_admin"], notice=national, version=None, title="x"
        )


def test_recipients_and_their_subtrees_see_the_issued_notice_but_not_drafts(world, national):
    county_clerk = make_user("furong", world.unit("芙蓉区"), Role.EDITOR)
    assert Notice.objects.for_user(county_clerk).filter(pk=national.pk).exists()
    draft = services.notice_create(
        actor=world.users["national_admin"],
        campaign=national.campaign,
        unit=world.unit("全国"),
        title="草稿",
    )
    assert not Notice.objects.for_user(county_clerk).filter(pk=draft.pk).exists()
    assert not Notice.objects.for_user(county_clerk, "edit").filter(pk=national.pk).exists()


def test_correction_of_an_issued_notice_is_recorded(world, national):
    admin = world.users["national_admin"]
    services.notice_correct(
        actor=admin, notice=national, reason="文号笔误", doc_number="国市监质发〔2023〕73号 "
    )
    correction = NoticeCorrection.objects.get(notice=national)
    assert correction.actor == admin and correction.reason == "文号笔误"
    assert "doc_number" in correction.changes


def test_plan_draft_from_the_national_notice_inherits_theme_items_and_deadline(world, national):
    changsha_admin = world.users["admin"]  # admin of 长沙市
    hunan_admin = make_user("hunan", world.unit("湖南省"), Role.ADMIN)
    Department.objects.create(unit=world.unit("湖南省"), name="质量发展局", aliases="质量局")
    plan = plan_draft_from(actor=hunan_admin, superior=national, unit=world.unit("湖南省"))
    assert plan.status == Notice.Status.DRAFT and plan.theme == "增强质量意识 推进高质量发展"
    assert list(plan.basis.all()) == [national]
    assert plan.report_requirement.due_date == datetime.date(2023, 10, 14)
    implemented = [a.implements.title for a in plan.activities.order_by("position")]
    assert implemented == ["举办中国质量（成都）大会", "开展执法打假系列活动"]
    assert set(plan.recipient_units.values_list("name", flat=True)) == {"长沙市", "株洲市"}
    # A city admin cannot draft the province's plan.
    with pytest.raises(PermissionDenied):
        plan_draft_from(actor=changsha_admin, superior=national, unit=world.unit("湖南省"))


def test_slogans_are_suggested_in_local_wording_and_kept_linked(world, national):
    hunan = world.unit("湖南省")
    suggestions = dict(
        (s.text, local) for s, local in services.slogan_suggestions(national.campaign, hunan)
    )
    assert suggestions["大力增强质量意识 加快建设质量强国"] == "大力增强质量意识 加快建设质量强省"
    assert suggestions["打造民族质量品牌 树立大国质量形象"] == "培育区域质量品牌 树立湖南质量形象"
    assert suggestions["提升质量竞争力 共筑质量强国梦"] == "提升质量竞争力 共筑质量强国梦"
    hunan_admin = make_user("hunan", hunan, Role.ADMIN)
    lines = [
        (local, source) for source, local in services.slogan_suggestions(national.campaign, hunan)
    ]
    saved = services.slogans_set(
        actor=hunan_admin, campaign=national.campaign, unit=hunan, lines=lines
    )
    assert saved[0].derived_from.text == "大力增强质量意识 加快建设质量强国"
    # A county under Hunan localizes from Hunan's list, not the national one.
    county = [
        local for _s, local in services.slogan_suggestions(national.campaign, world.unit("芙蓉区"))
    ]
    assert county[0] == "大力增强质量意识 加快建设质量强区"


def test_second_save_on_a_stale_version_is_refused(world, national):
    hunan_admin = make_user("hunan", world.unit("湖南省"), Role.ADMIN)
    plan = plan_draft_from(actor=hunan_admin, superior=national, unit=world.unit("湖南省"))
    loaded = plan.version
    services.notice_update(
        actor=hunan_admin, notice=plan, version=loaded, doc_number="湘市监办发〔2023〕57号"
    )
    with pytest.raises(ConflictError):
        services.notice_update(
            actor=hunan_admin, notice=plan, version=loaded, doc_number="湘市监办发〔2023〕58号"
        )
    plan.refresh_from_db()
    assert plan.doc_number == "湘市监办发〔2023〕57号"
