"""Previewing and confirming an import: names matched or flagged, one draft notice created
with everything the clerk checked, and only once."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from activities.models import ActivityParticipant
from activities.services import WINDOW_UNREADABLE
from campaigns.forms import body_from_text, body_to_text
from campaigns.models import Campaign, Notice, Slogan
from campaigns.services import national_campaigns_load, notice_create, notice_issue
from core.testing.world import make_user
from imports.models import NoticeImport
from imports.parser import ParsedNotice
from imports.services import (
    MSG_DUPLICATE_DOC_NUMBER,
    ImportStateError,
    notice_import_confirm,
    notice_import_create,
)
from imports.tests.samples import form_post
from orgs.models import Department, OrgUnit

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NATIONAL_NUMBER = "国市监质发〔2023〕73号"


def seed(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture
def hunan(world):
    unit = world.unit("湖南省")
    for name, aliases in [("质量发展局", "质量局"), ("办公室", ""), ("新闻宣传处", "宣传处")]:
        Department.objects.create(unit=unit, name=name, aliases=aliases)
    return unit


@pytest.fixture
def hunan_editor(hunan):
    return make_user("hunan_editor", hunan, "editor")


@pytest.fixture
def national_notice(world):
    national_campaigns_load()
    notice = notice_create(
        actor=world.users["national_admin"],
        campaign=Campaign.objects.get(year=2023),
        unit=world.unit("全国"),
        title="关于开展2023年全国“质量月”活动的通知",
        doc_number=NATIONAL_NUMBER,
        recipient_units=[world.unit("湖南省"), world.unit("福建省")],
    )
    return notice_issue(actor=world.users["national_admin"], notice=notice)


@pytest.fixture
def hunan_import(hunan, hunan_editor):
    return notice_import_create(
        actor=hunan_editor, unit=hunan, text=seed("2023-hunan-province-plan.txt")
    )


def preview_url(notice_import) -> str:
    return reverse("imports:preview", args=[notice_import.pk])


# --- Preview ------------------------------------------------------------------------------


def test_preview_shows_source_text_and_every_understood_field(
    client_for, hunan_editor, hunan_import
):
    html = client_for(hunan_editor).get(preview_url(hunan_import)).content.decode()
    assert "湘市监办发〔2023〕57号" in html
    assert "增强质量意识 推进高质量发展" in html
    assert "树立湖南质量形象" in html  # slogans
    assert "严文胜" in html and "hnszlfzj@163.com" in html  # contacts
    assert 'value="10-16"' in html  # report deadline
    assert "举办湖南省“质量月”启动仪式" in html  # activities table
    # The parser's warning is shown.
    assert "未找到成文日期（落款日期）。" in html


def test_preview_shows_matched_names_and_flags_unknown_ones_as_new_units(
    client_for, hunan_editor, hunan_import
):
    html = client_for(hunan_editor).get(preview_url(hunan_import)).content.decode()
    # 质量局 is the alias of 质量发展局; 湖南省市场监督管理局办公室 is the unit's own 办公室.
    assert "质量局 ✓ 质量发展局（别名）" in html
    assert "湖南省市场监督管理局办公室 ✓ 办公室" in html
    # 产品监督处 is no department of this unit: the clerk decides.
    assert "产品监督处 · 新单位？" in html
    assert "<legend>产品监督处</legend>" in html
    assert 'value="department" id="id_new-' in html
    # The national notice is not on the platform: its number stays text.
    assert "国市监质发〔2023〕73号 · 平台中未找到，保留为文号" in html


def test_preview_flags_uncertain_fields(client_for, world):
    unit = world.unit("湖南省")  # any unit the user edits; the flags come from the parse
    editor = make_user("hunan_editor", unit, "editor")
    notice_import = notice_import_create(
        actor=editor, unit=unit, text=seed("2020-hubei-province-notice.txt")
    )
    assert notice_import.parsed["uncertain"] == ["activities"]
    html = client_for(editor).get(preview_url(notice_import)).content.decode()
    assert '<fieldset class="uncertain"><legend>活动<span class="flag">待核实</span>' in html
    assert html.count('class="flag"') == 1


def test_saving_edits_keeps_them_and_creates_nothing(client_for, hunan_editor, hunan_import):
    post = form_post(hunan_import, theme="改过的主题", save="1")
    response = client_for(hunan_editor).post(preview_url(hunan_import), post)
    assert response.status_code == 302
    hunan_import.refresh_from_db()
    assert hunan_import.edited["theme"] == "改过的主题"
    assert hunan_import.parsed["theme"] == "增强质量意识 推进高质量发展"
    assert Notice.objects.count() == 0


def test_unreadable_time_window_is_refused_in_the_preview(client_for, hunan_editor, hunan_import):
    post = form_post(hunan_import, **{"act-0-when": "看情况", "confirm": "1"})
    response = client_for(hunan_editor).post(preview_url(hunan_import), post)
    assert response.status_code == 400
    assert WINDOW_UNREADABLE % {"text": "看情况"} in response.content.decode()
    assert Notice.objects.count() == 0


def test_viewer_cannot_open_the_preview_and_outsider_does_not_find_it(
    client_for, world, hunan_import
):
    viewer = make_user("hunan_viewer", world.unit("湖南省"), "viewer")
    assert client_for(viewer).get(preview_url(hunan_import)).status_code == 403
    fujian = make_user("fujian_editor", world.unit("福建省"), "editor")
    assert client_for(fujian).get(preview_url(hunan_import)).status_code == 404


# --- Confirm ------------------------------------------------------------------------------


def test_confirm_creates_the_draft_with_everything_checked(
    client_for, hunan_editor, hunan_import, national_notice
):
    post = form_post(hunan_import, theme="增强质量意识 推进高质量发展！", confirm="1")
    response = client_for(hunan_editor).post(preview_url(hunan_import), post)
    notice = Notice.objects.get(unit=hunan_import.unit)
    assert response.status_code == 302
    hunan_import.refresh_from_db()
    assert hunan_import.status == NoticeImport.Status.IMPORTED
    assert hunan_import.notice == notice

    assert notice.status == Notice.Status.DRAFT
    assert notice.kind == Notice.Kind.PLAN
    assert notice.doc_number == "湘市监办发〔2023〕57号"
    assert notice.theme == "增强质量意识 推进高质量发展！"
    assert notice.campaign.year == 2023
    assert list(notice.basis.all()) == [national_notice]
    assert notice.basis_text == []
    # The opening paragraphs (the notice's own text, the plan's preamble) come first.
    assert notice.body[0]["level"] == 0
    assert notice.body[0]["text"].startswith("现将《湖南省市场监管系统2023年“质量月”活动方案》")
    assert notice.body[1]["text"].startswith("为认真贯彻落实《市场监管总局等25个部门")
    assert notice.body[2] == {"level": 1, "number": "一、", "text": "活动主题"}
    # Shown and edited as written: the heading stays a heading when the text is saved again.
    assert body_from_text(body_to_text(notice.body)) == notice.body

    assert notice.activities.count() == 14
    first = notice.activities.get(position=1)
    lead = first.participants.get(role=ActivityParticipant.Role.LEAD)
    assert (lead.name, lead.department.name) == ("质量局", "质量发展局")
    supports = {p.name: p.department for p in first.supports()}
    assert supports["宣传处"].name == "新闻宣传处"
    assert supports["综合处"] is None  # unmatched names are kept as written

    slogans = list(notice.campaign.slogans.filter(unit=notice.unit).order_by("position"))
    assert len(slogans) == 10
    assert slogans[6].text == "培育区域质量品牌 树立湖南质量形象"
    assert [(c.name, c.email) for c in notice.contacts.all()] == [
        ("严文胜", "hnszlfzj@163.com"),
        ("吴艺曼", "hnszlfzj@163.com"),
    ]
    assert notice.report_requirement.due_date == datetime.date(2023, 10, 16)
    assert notice.report_requirement.materials == ["工作总结", "图片", "视频"]
    assert [a.kind for a in notice.attachments.all()] == ["slogans", "locality_activities"]
    assert "长沙市：举办长沙市2023年“质量月”活动启动仪式" in notice.attachments.last().body
    # Drafts go, once issued, to the cities below.
    assert {u.name for u in notice.recipient_units.all()} == {"长沙市", "株洲市"}


def test_basis_not_on_the_platform_is_kept_as_text(hunan_editor, hunan_import):
    notice = notice_import_confirm(actor=hunan_editor, notice_import=hunan_import)
    assert notice.basis.count() == 0
    assert notice.basis_text == [NATIONAL_NUMBER]


def test_ticked_new_department_is_created_and_linked(hunan_editor, hunan_import):
    notice = notice_import_confirm(
        actor=hunan_editor, notice_import=hunan_import, new_departments=["产品监督处"]
    )
    department = Department.objects.get(unit=hunan_import.unit, name="产品监督处")
    participant = ActivityParticipant.objects.get(activity__notice=notice, name="产品监督处")
    assert participant.department == department
    # Names not ticked create nothing.
    assert not Department.objects.filter(name__in=["计量处", "综合处"]).exists()


def test_double_confirm_creates_one_notice(client_for, hunan_editor, hunan_import):
    client = client_for(hunan_editor)
    post = form_post(hunan_import, confirm="1")
    first = client.post(preview_url(hunan_import), post)
    second = client.post(preview_url(hunan_import), post)
    assert Notice.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    again = notice_import_confirm(actor=hunan_editor, notice_import=hunan_import)
    assert again == Notice.objects.get()
    assert Slogan.objects.filter(unit=hunan_import.unit).count() == 10


def test_discarded_import_cannot_be_confirmed(client_for, hunan_editor, hunan_import):
    client = client_for(hunan_editor)
    client.post(reverse("imports:discard", args=[hunan_import.pk]))
    hunan_import.refresh_from_db()
    assert hunan_import.status == NoticeImport.Status.DISCARDED
    with pytest.raises(ImportStateError):
        notice_import_confirm(actor=hunan_editor, notice_import=hunan_import)
    assert Notice.objects.count() == 0


def test_same_doc_number_twice_in_one_unit_is_refused_with_a_message(
    client_for, hunan, hunan_editor, hunan_import
):
    notice_import_confirm(actor=hunan_editor, notice_import=hunan_import)
    second = notice_import_create(
        actor=hunan_editor, unit=hunan, text=seed("2023-hunan-province-plan.txt")
    )
    response = client_for(hunan_editor).post(preview_url(second), form_post(second, confirm="1"))
    assert response.status_code == 400
    duplicate = MSG_DUPLICATE_DOC_NUMBER % {"n": "湘市监办发〔2023〕57号"}
    assert duplicate in response.content.decode()
    assert Notice.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "message"), [("title", "请填写标题。"), ("year", "请填写年度。")]
)
def test_edits_save_without_title_or_year_but_confirming_needs_both(
    client_for, hunan_editor, hunan_import, field, message
):
    client = client_for(hunan_editor)
    saved = client.post(preview_url(hunan_import), form_post(hunan_import, **{field: ""}))
    assert saved.status_code == 302
    hunan_import.refresh_from_db()
    assert getattr(ParsedNotice.from_json(hunan_import.data), field) is None
    response = client.post(preview_url(hunan_import), form_post(hunan_import, confirm="1"))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Notice.objects.exists()


def test_viewer_cannot_confirm(client_for, world, hunan_import):
    viewer = make_user("hunan_viewer", world.unit("湖南省"), "viewer")
    response = client_for(viewer).post(
        preview_url(hunan_import), form_post(hunan_import, confirm="1")
    )
    assert response.status_code == 403
    assert Notice.objects.count() == 0


def test_yongan_schedule_table_rows_are_its_twelve_activities_with_windows(db):
    from orgs.divisions import Division
    from orgs.services import divisions_load

    divisions_load(
        [
            Division("350000", "福建省", "province", None),
            Division("350400", "三明市", "prefecture", "350000"),
            Division("350481", "永安市", "county", "350400"),
        ]
    )
    yongan = OrgUnit.objects.get(code="350481")
    Department.objects.create(unit=yongan, name="质量科")
    editor = make_user("yongan_editor", yongan, "editor")
    notice_import = notice_import_create(
        actor=editor, unit=yongan, text=seed("2023-yongan-city-plan.txt")
    )
    notice = notice_import_confirm(actor=editor, notice_import=notice_import)
    # The twelve rows of 附件2; the six 重点活动安排 items restate them in prose.
    assert notice.activities.count() == 12
    assert notice.body[0]["text"].startswith("根据省质量强省工作领导小组办公室")
    assert notice.attachments.count() == 2
    row = notice.activities.get(position=12)
    assert (row.window_text, row.starts_on, row.ends_on) == (
        "9月-10月",
        datetime.date(2023, 9, 1),
        datetime.date(2023, 10, 31),
    )
    assert row.leads()[0].department.name == "质量科"
    assert notice.basis_text == ["闽质强省办〔2023〕7号", "明强市办〔2023〕8号"]
    assert notice.attachments.get(position=2).kind == "schedule"
