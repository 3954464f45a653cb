"""The notice edit form in Chromium: opened and saved without a change, it changes nothing —
body, 抄送, contacts, report requirement and attachments (titles, texts, files) included; a
file is uploaded through the page and reaches the recipient."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from campaigns import services
from campaigns.models import Notice, NoticeAttachment
from cascade.forms import MSG_DUE_WITHOUT_MATERIALS
from cascade.views import MSG_DRAFT_SAVED
from core.testing.browser import log_in
from core.testing.world import build_world, make_user
from orgs.scoping import Role
from reports.models import DEFAULT_MATERIALS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_bytes(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def snapshot(notice: Notice) -> dict:
    """Everything the form can touch, except the version every save moves on."""
    notice = Notice.objects.get(pk=notice.pk)
    requirement = getattr(notice, "report_requirement", None)
    return {
        "fields": {
            f.name: getattr(notice, f.attname)
            for f in Notice._meta.concrete_fields
            if f.name not in ("version", "updated_at")
        },
        "recipients": sorted(notice.recipient_units.values_list("pk", flat=True)),
        "contacts": list(notice.contacts.values_list("name", "phone", "email")),
        "requirement": requirement
        and (requirement.due_date, list(requirement.materials), requirement.report_to),
        "attachments": [
            (a.pk, a.position, a.title, a.kind, a.body, a.file.name, a.file_name, a.file_size)
            + ((a.file.open("rb").read(),) if a.file else ())
            for a in notice.attachments.all()
        ],
    }


def test_saving_the_edit_form_unchanged_changes_nothing_and_an_upload_reaches_the_recipient(
    page, chromium, live_server
):
    world = build_world()
    editor = world.users["editor"]
    campaign = services.national_campaigns_load()[0]
    notice = services.notice_draft_save(
        actor=editor,
        campaign=campaign,
        unit=world.unit("长沙市"),
        title="长沙市2023年“质量月”活动方案",
        doc_number="长市监发〔2023〕12号",
        issuer_names=["长沙市市场监督管理局"],
        recipients_text="各县（市、区）市场监督管理局",
        recipient_units=[world.unit("芙蓉区")],
        body=[
            {"level": 0, "number": "", "text": "根据省局方案，现就有关事项通知如下："},
            {"level": 1, "number": "一、", "text": "活动主题"},
            {"level": 0, "number": "", "text": "增强质量意识 推进高质量发展"},
        ],
        printing_line="长沙市市场监督管理局办公室",
        copied_to="市委办公室，市政府办公室",
        contacts=[{"name": "严文胜", "phone": "0731-85693710", "email": ""}],
        attachment_uploads=[
            SimpleUploadedFile("参展企业名单.docx", docx_bytes("参展企业"), content_type=DOCX)
        ],
    )
    NoticeAttachment.objects.create(
        notice=notice, position=9, title="各区县开展的主要活动", body="芙蓉区：开放日\n天心区：讲座"
    )
    before = snapshot(notice)
    assert len(before["attachments"]) == 4

    log_in(page, editor.username)
    page.goto(f"/notices/{notice.pk}/edit/")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_text(MSG_DRAFT_SAVED).wait_for()
    assert snapshot(notice) == before

    # A PDF uploaded through the page is listed on the notice and reaches the recipient.
    page.goto(f"/notices/{notice.pk}/edit/")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    page.get_by_label("上传附件").set_input_files(
        files=[{"name": "统计表.pdf", "mimeType": "application/pdf", "buffer": pdf}]
    )
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_text(MSG_DRAFT_SAVED).wait_for()
    added = Notice.objects.get(pk=notice.pk).attachments.get(file_name="统计表.pdf")
    assert added.file.open("rb").read() == pdf
    services.notice_issue(actor=editor, notice=Notice.objects.get(pk=notice.pk))
    furong = make_user("furong_viewer", world.unit("芙蓉区"), Role.VIEWER)
    context = chromium.new_context(base_url=live_server.url, locale="zh-CN", accept_downloads=True)
    recipient = context.new_page()
    log_in(recipient, furong.username)
    recipient.goto(f"/notices/{notice.pk}/")
    with recipient.expect_download() as download:
        recipient.get_by_role("link", name="下载 统计表.pdf", exact=False).click()
    assert download.value.suggested_filename == "统计表.pdf"
    with open(download.value.path(), "rb") as stream:
        assert stream.read() == pdf
    context.close()


def test_a_new_notice_starts_with_the_usual_materials_and_a_due_date_needs_one(page, live_server):
    world = build_world()
    editor = world.users["editor"]
    services.national_campaigns_load()
    log_in(page, editor.username)
    page.goto(f"/notices/new/{world.unit('长沙市').pk}/")
    boxes = page.locator('input[name="materials"]')
    ticked = [
        boxes.nth(i).get_attribute("value")
        for i in range(boxes.count())
        if boxes.nth(i).is_checked()
    ]
    assert ticked == DEFAULT_MATERIALS

    page.locator("#id_title").fill("长沙市2023年“质量月”活动方案")
    page.get_by_label("报送截止日期").fill("2023-10-12")
    for material in DEFAULT_MATERIALS:
        page.get_by_label(material, exact=True).uncheck()
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_text(str(MSG_DUE_WITHOUT_MATERIALS)).wait_for()
    assert page.locator("#id_title").input_value() == "长沙市2023年“质量月”活动方案"
    assert page.get_by_label("报送截止日期").input_value() == "2023-10-12"
    assert not Notice.objects.filter(unit=world.unit("长沙市")).exists()

    page.get_by_label("工作总结", exact=True).check()
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_text(MSG_DRAFT_SAVED).wait_for()
    notice = Notice.objects.get(unit=world.unit("长沙市"))
    assert notice.report_requirement.materials == ["工作总结"]
