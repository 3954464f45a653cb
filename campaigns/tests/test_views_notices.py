import datetime
import re

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.models import Delivery, Notice, NoticeCorrection
from campaigns.tests.notice_forms import form_data
from campaigns.views import MSG_CONFLICT_KEPT, MSG_CORRECTED, MSG_ISSUED
from cascade import services as cascade_services
from cascade.forms import MSG_DUE_WITHOUT_MATERIALS
from core.testing.world import make_user
from orgs.scoping import Role
from reports.models import DEFAULT_MATERIALS, Material, ReportRequirement


@pytest.fixture
def campaign(world):
    return services.national_campaigns_load()[0]


@pytest.fixture
def hunan_editor(world):
    return make_user("hunan_editor", world.unit("湖南省"), Role.EDITOR)


@pytest.fixture
def provincial(world, campaign, hunan_editor):
    """湘市监办发〔2023〕57号, issued to 长沙市 and 株洲市."""
    notice = services.notice_create(
        actor=hunan_editor,
        campaign=campaign,
        unit=world.unit("湖南省"),
        title="关于印发《湖南省市场监管系统2023年“质量月”活动方案》的通知",
        doc_number="湘市监办发〔2023〕57号",
        issuer_names=["湖南省市场监督管理局办公室"],
        theme=campaign.theme,
        body=[{"level": 1, "number": "一、", "text": "活动主题"}],
        recipient_units=[world.unit("长沙市"), world.unit("株洲市")],
    )
    return services.notice_issue(actor=hunan_editor, notice=notice)


@pytest.fixture
def city_draft(world, campaign):
    return services.notice_create(
        actor=world.users["editor"],
        campaign=campaign,
        unit=world.unit("长沙市"),
        title="长沙市2023年“质量月”活动方案",
        recipient_units=[world.unit("芙蓉区"), world.unit("天心区")],
    )


# --- inbox ------------------------------------------------------------------------------


def test_issued_notice_lands_in_the_recipients_inbox_unread_and_opening_marks_it_read(
    world, provincial, client_for
):
    client = client_for(world.users["viewer"])  # 长沙市 viewer
    response = client.get(reverse("campaigns:inbox"))
    assert response.status_code == 200
    assert "湘市监办发〔2023〕57号" in response.text and "未读" in response.text
    client.get(provincial.get_absolute_url())
    delivery = Delivery.objects.get(notice=provincial, recipient=world.unit("长沙市"))
    assert delivery.read_at is not None
    # 株洲市's copy is not the city clerk's to mark.
    assert Delivery.objects.get(notice=provincial, recipient=world.unit("株洲市")).read_at is None


def test_county_inbox_shows_what_was_sent_to_its_city_but_a_sibling_city_sees_nothing(
    world, provincial, client_for
):
    county = make_user("furong_viewer", world.unit("芙蓉区"), Role.VIEWER)
    assert "湘市监办发〔2023〕57号" in client_for(county).get(reverse("campaigns:inbox")).text
    fujian = make_user("fujian_viewer", world.unit("福建省"), Role.VIEWER)
    response = client_for(fujian).get(reverse("campaigns:inbox"))
    assert "湘市监办发〔2023〕57号" not in response.text
    assert client_for(fujian).get(provincial.get_absolute_url()).status_code == 404


def test_inbox_requires_login(client):
    response = client.get(reverse("campaigns:inbox"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- list and detail --------------------------------------------------------------------


def test_notice_list_filters_own_notices_by_year_and_status(world, city_draft, client_for):
    client = client_for(world.users["editor"])
    response = client.get(reverse("campaigns:notice_list"), {"year": "2023", "status": "draft"})
    assert city_draft.title in response.text
    assert (
        city_draft.title not in client.get(reverse("campaigns:notice_list"), {"year": "2022"}).text
    )
    assert (
        city_draft.title
        not in client.get(reverse("campaigns:notice_list"), {"status": "issued"}).text
    )


def test_sibling_city_cannot_see_a_draft_in_the_list_or_by_id(world, city_draft, client_for):
    zhuzhou = make_user("zhuzhou_editor", world.unit("株洲市"), Role.EDITOR)
    client = client_for(zhuzhou)
    assert city_draft.title not in client.get(reverse("campaigns:notice_list")).text
    assert client.get(city_draft.get_absolute_url()).status_code == 404


def test_detail_shows_the_gongwen_with_basis_requirement_and_guarded_activity_table(
    world, provincial, client_for, hunan_editor
):
    ReportRequirement.objects.create(
        notice=provincial, due_date=datetime.date(2023, 10, 16), materials=["工作总结", "视频"]
    )
    response = client_for(hunan_editor).get(provincial.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    for expected in (
        "湖南省市场监督管理局办公室",
        "湘市监办发〔2023〕57号",
        "一、活动主题",
        "2023年10月16日前",
    ):
        assert expected in text
    assert "送达情况" in text  # the issuer sees the delivery list


# --- create, edit, conflict -------------------------------------------------------------


def test_city_editor_creates_a_draft_with_body_blocks_contacts_and_requirement(
    world, campaign, client_for
):
    client = client_for(world.users["editor"])
    url = reverse("campaigns:notice_create", args=[world.unit("长沙市").pk])
    page = client.get(url)
    assert page.status_code == 200 and "芙蓉区" in page.text
    data = form_data(campaign=campaign.pk, recipient_units=[world.unit("芙蓉区").pk])
    response = client.post(url, data)
    notice = Notice.objects.get(unit=world.unit("长沙市"))
    assert response.status_code == 302 and response["Location"] == notice.get_absolute_url()
    assert notice.body == [
        {"level": 0, "number": "", "text": "为贯彻落实省局方案，制定本方案。"},
        {"level": 1, "number": "一、", "text": "活动主题"},
        {"level": 2, "number": "（一）", "text": "加强宣传。要求如下。"},
        {"level": 3, "number": "1.", "text": "张贴海报"},
    ]
    assert list(notice.recipient_units.all()) == [world.unit("芙蓉区")]
    assert [c.name for c in notice.contacts.all()] == ["严文胜"]
    assert notice.report_requirement.materials == ["工作总结", "图片"]
    assert notice.basis_text == ["湘市监办发〔2023〕57号"]


def test_the_new_notice_form_starts_with_the_requirement_pages_materials(world, client_for):
    client = client_for(world.users["editor"])
    url = reverse("campaigns:notice_create", args=[world.unit("长沙市").pk])
    page = client.get(url)
    assert page.context["form"]["materials"].value() == DEFAULT_MATERIALS
    boxes = re.findall(r'<input type="checkbox" name="materials" value="([^"]+)"[^>]*>', page.text)
    assert len(boxes) == len(Material.choices)
    ticked = re.findall(r'name="materials" value="([^"]+)"[^>]*\bchecked\b', page.text)
    assert ticked == ["工作总结", "统计表", "图片"]


def test_a_due_date_without_materials_is_refused_and_what_was_typed_is_kept(
    world, campaign, client_for
):
    client = client_for(world.users["editor"])
    url = reverse("campaigns:notice_create", args=[world.unit("长沙市").pk])
    data = form_data(campaign=campaign.pk, materials=[], title="我的方案标题，别丢")
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["materials"] == [MSG_DUE_WITHOUT_MATERIALS]
    assert str(MSG_DUE_WITHOUT_MATERIALS) in response.text
    assert "我的方案标题，别丢" in response.text and "2023-10-12" in response.text
    assert not Notice.objects.filter(unit=world.unit("长沙市")).exists()


def test_an_existing_notices_form_shows_its_stored_materials(world, city_draft, client_for):
    client = client_for(world.users["editor"])
    url = reverse("campaigns:notice_edit", args=[city_draft.pk])
    assert client.get(url).context["form"]["materials"].value() == []
    cascade_services.notice_draft_save(
        actor=world.users["editor"],
        notice=city_draft,
        version=city_draft.version,
        requirement={
            "due_date": datetime.date(2023, 10, 12),
            "materials": ["视频"],
            "report_to": "",
        },
    )
    assert client.get(url).context["form"]["materials"].value() == ["视频"]


def test_the_ticked_default_materials_alone_ask_no_one_to_report(world, campaign, client_for):
    client = client_for(world.users["editor"])
    url = reverse("campaigns:notice_create", args=[world.unit("长沙市").pk])
    ticked = client.get(url).context["form"]["materials"].value()
    assert ticked  # the usual materials start ticked
    data = form_data(campaign=campaign.pk, materials=ticked, due_date="", title="不需报送的通知")
    assert client.post(url, data).status_code == 302
    notice = Notice.objects.get(title="不需报送的通知")
    assert not ReportRequirement.objects.filter(notice=notice).exists()


def test_viewer_cannot_open_the_create_form(world, client_for):
    url = reverse("campaigns:notice_create", args=[world.unit("长沙市").pk])
    assert client_for(world.users["viewer"]).get(url).status_code == 403
    zhuzhou = reverse("campaigns:notice_create", args=[world.unit("株洲市").pk])
    assert client_for(world.users["editor"]).get(zhuzhou).status_code == 404


def test_saving_on_a_stale_version_keeps_the_users_input_and_saves_nothing(
    world, city_draft, client_for
):
    client = client_for(world.users["editor"])
    stale = city_draft.version
    services.notice_update(
        actor=world.users["admin"],
        notice=city_draft,
        version=stale,
        doc_number="长市监发〔2023〕1号",
    )
    url = reverse("campaigns:notice_edit", args=[city_draft.pk])
    response = client.post(url, form_data(version=stale, title="我的新标题，别丢"))
    assert response.status_code == 200
    assert "我的新标题，别丢" in response.text and str(MSG_CONFLICT_KEPT) in response.text
    city_draft.refresh_from_db()
    assert city_draft.title == "长沙市2023年“质量月”活动方案"
    assert city_draft.doc_number == "长市监发〔2023〕1号"


def test_county_cannot_edit_the_citys_plan(world, city_draft, client_for):
    county = make_user("furong_editor", world.unit("芙蓉区"), Role.EDITOR)
    url = reverse("campaigns:notice_edit", args=[city_draft.pk])
    assert client_for(county).post(url, form_data(version=1)).status_code == 404
    services.notice_issue(actor=world.users["editor"], notice=city_draft)
    # Once issued the county can read it, still not edit or correct it.
    assert client_for(county).get(city_draft.get_absolute_url()).status_code == 200
    assert client_for(county).get(url).status_code == 403
    correct = reverse("campaigns:notice_correct", args=[city_draft.pk])
    assert client_for(county).post(correct, {"reason": "x"}).status_code == 403


# --- issue and correct ------------------------------------------------------------------


def test_issue_asks_for_confirmation_then_delivers_to_each_recipient(world, city_draft, client_for):
    client = client_for(world.users["editor"])
    url = reverse("campaigns:notice_issue", args=[city_draft.pk])
    confirm = client.get(url)
    assert "确认印发" in confirm.text and "芙蓉区" in confirm.text
    assert Notice.objects.get(pk=city_draft.pk).status == Notice.Status.DRAFT
    response = client.post(url, {"version": city_draft.version}, follow=True)
    assert str(MSG_ISSUED) in response.text
    city_draft.refresh_from_db()
    assert city_draft.is_issued
    assert set(city_draft.deliveries.values_list("recipient__name", flat=True)) == {
        "芙蓉区",
        "天心区",
    }
    county = make_user("tianxin", world.unit("天心区"), Role.VIEWER)
    assert city_draft.title in client_for(county).get(reverse("campaigns:inbox")).text
    # A second click changes nothing.
    client_for(world.users["editor"]).post(url, {"version": city_draft.version - 1})
    assert city_draft.deliveries.count() == 2


def test_viewer_cannot_issue(world, city_draft, client_for):
    url = reverse("campaigns:notice_issue", args=[city_draft.pk])
    assert client_for(world.users["viewer"]).post(url, {"version": 1}).status_code == 403
    assert not Notice.objects.get(pk=city_draft.pk).is_issued


def test_correction_of_an_issued_notice_is_recorded_and_shown(
    world, provincial, client_for, hunan_editor
):
    client = client_for(hunan_editor)
    url = reverse("campaigns:notice_correct", args=[provincial.pk])
    assert client.get(url).status_code == 200
    data = {
        "version": provincial.version,
        "reason": "标题笔误",
        "doc_number": provincial.doc_number,
        "title": "关于印发湖南省2023年“质量月”活动方案的通知",
        "issue_date": provincial.issue_date.isoformat(),
        "theme": provincial.theme,
        "recipients_text": "",
        "body_text": "一、活动主题",
    }
    response = client.post(url, data, follow=True)
    assert str(MSG_CORRECTED) in response.text
    correction = NoticeCorrection.objects.get(notice=provincial)
    assert correction.reason == "标题笔误" and list(correction.changes) == ["title"]
    assert "更正记录" in response.text and "标题笔误" in response.text
    # The edit form of an issued notice sends the user to the correction instead.
    assert client.get(reverse("campaigns:notice_edit", args=[provincial.pk]))["Location"] == url


def test_opening_own_notice_does_not_mark_the_subordinates_copies_read(
    world, city_draft, client_for
):
    services.notice_issue(actor=world.users["editor"], notice=city_draft)
    response = client_for(world.users["editor"]).get(city_draft.get_absolute_url())
    assert "制定本级方案" not in response.text  # that is the counties' own step
    assert not city_draft.deliveries.exclude(read_at=None).exists()
