"""Notice attachments as files and the 抄送 line: uploaded on the notice form (type by
content, size limit, storage API), delivered with the notice, listed in the DOCX and PDF; the
抄送 printed in the 版记."""

import io
import re
import zipfile

import pdfplumber
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from campaigns import services
from campaigns.attachments import MSG_TOO_LARGE, MSG_TYPE
from campaigns.models import NoticeAttachment
from campaigns.tests.notice_forms import form_data
from core.testing.world import make_user
from imports.models import NoticeImport
from orgs.scoping import Role

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_bytes(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(100, 700, "statistics")
    canvas.save()
    return out.getvalue()


@pytest.fixture
def campaign(world):
    return services.national_campaigns_load()[0]


@pytest.fixture
def draft(world, campaign):
    return services.notice_create(
        actor=world.users["editor"],
        campaign=campaign,
        unit=world.unit("长沙市"),
        title="长沙市2023年“质量月”活动方案",
        issuer_names=["长沙市市场监督管理局"],
        recipient_units=[world.unit("芙蓉区")],
    )


def post_form(client, notice, *, files=(), **overrides):
    attachments = list(notice.attachments.all())
    data = form_data(
        version=str(notice.version),
        **{
            "attachments-TOTAL_FORMS": str(len(attachments)),
            "attachments-INITIAL_FORMS": str(len(attachments)),
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
        },
    )
    for i, attachment in enumerate(attachments):
        data[f"attachments-{i}-id"] = str(attachment.pk)
        data[f"attachments-{i}-title"] = attachment.title
    data.update(overrides)
    if files:
        data["attachment_files"] = list(files)
    return client.post(reverse("campaigns:notice_edit", args=[notice.pk]), data)


def test_an_uploaded_docx_is_stored_and_listed_by_name_in_the_docx_and_pdf(
    world, draft, client_for
):
    client = client_for(world.users["editor"])
    data = docx_bytes("参展企业")
    upload = SimpleUploadedFile("参展企业名单.docx", data, content_type=DOCX)
    response = post_form(client, draft, files=[upload], copied_to="")
    assert response.status_code == 302
    attachment = draft.attachments.get(kind=NoticeAttachment.Kind.OTHER)
    assert (attachment.title, attachment.file_name) == ("参展企业名单", "参展企业名单.docx")
    assert attachment.file.read() == data

    # A plan starts with its slogans and schedule; the upload comes third.
    docx = client.get(reverse("campaigns:notice_docx", args=[draft.pk]))
    paragraphs = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert "3. 参展企业名单" in paragraphs
    pdf = client.get(reverse("campaigns:notice_pdf", args=[draft.pk]))
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in document.pages))
    assert "3.参展企业名单" in text


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("通知.pdf", b"just text with a .pdf name"),
        ("表.xlsx", b"PK\x03\x04 broken zip"),
        ("宏.docx", b"MZ\x90\x00 an executable"),
    ],
)
def test_a_file_that_is_no_docx_xlsx_or_pdf_by_content_is_refused_and_nothing_changes(
    world, draft, client_for, name, data
):
    client = client_for(world.users["editor"])
    before = (draft.version, draft.attachments.count())
    response = post_form(client, draft, files=[SimpleUploadedFile(name, data)], title="改过的标题")
    assert response.status_code == 200
    assert str(MSG_TYPE % {"name": name}) in response.content.decode()
    # The typed title is kept on the page, and nothing was saved.
    assert "改过的标题" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.version, draft.attachments.count()) == before


def test_a_zip_that_is_no_office_document_is_refused(world, draft, client_for):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    upload = SimpleUploadedFile("方案.docx", out.getvalue())
    response = post_form(client_for(world.users["editor"]), draft, files=[upload])
    assert str(MSG_TYPE % {"name": "方案.docx"}) in response.content.decode()
    assert not draft.attachments.exclude(file="").exists()


def test_an_attachment_over_the_size_limit_is_refused(world, draft, client_for, settings):
    settings.QM_NOTICE_UPLOAD_MAX_BYTES = 1024
    upload = SimpleUploadedFile("大.pdf", pdf_bytes() + b" " * 2048)
    response = post_form(client_for(world.users["editor"]), draft, files=[upload])
    assert str(MSG_TOO_LARGE % {"name": "大.pdf", "mb": 0.0}) in response.content.decode()
    assert not draft.attachments.exclude(file="").exists()


def test_recipients_download_the_file_from_the_received_notice_and_outsiders_cannot(
    world, draft, client_for
):
    editor = world.users["editor"]
    data = pdf_bytes()
    post_form(
        client_for(editor),
        draft,
        files=[SimpleUploadedFile("统计表.pdf", data)],
        recipient_units=[str(world.unit("芙蓉区").pk)],
    )
    attachment = draft.attachments.exclude(file="").get()
    url = reverse("campaigns:notice_attachment", args=[draft.pk, attachment.pk])
    furong = make_user("furong_viewer", world.unit("芙蓉区"), Role.VIEWER)
    # Not yet issued: the draft is the city's own.
    assert client_for(furong).get(url).status_code == 404
    services.notice_issue(actor=editor, notice=draft)
    response = client_for(furong).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == data
    assert "%E7%BB%9F%E8%AE%A1%E8%A1%A8.pdf" in (response["Content-Disposition"])
    detail = client_for(furong).get(reverse("campaigns:notice_detail", args=[draft.pk]))
    assert url in detail.content.decode()
    fujian = make_user("fujian_viewer", world.unit("福建省"), Role.VIEWER)
    assert client_for(fujian).get(url).status_code == 404


def test_removing_an_attachment_on_the_form_deletes_it_and_its_file(
    world, draft, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.users["editor"])
    post_form(client, draft, files=[SimpleUploadedFile("统计表.pdf", pdf_bytes())])
    attachment = draft.attachments.exclude(file="").get()
    storage, name = attachment.file.storage, attachment.file.name
    draft.refresh_from_db()
    index = list(draft.attachments.all()).index(attachment)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_form(client, draft, **{f"attachments-{index}-delete": "on"})
    assert response.status_code == 302
    assert not draft.attachments.filter(pk=attachment.pk).exists()
    assert not storage.exists(name)


def test_copied_to_is_saved_from_the_form_and_printed_in_the_imprint(world, draft, client_for):
    client = client_for(world.users["editor"])
    response = post_form(client, draft, copied_to="市委办公室，市政府办公室")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.copied_to == "市委办公室，市政府办公室"
    docx = client.get(reverse("campaigns:notice_docx", args=[draft.pk]))
    paragraphs = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert "抄送：市委办公室，市政府办公室。" in paragraphs
    pdf = client.get(reverse("campaigns:notice_pdf", args=[draft.pk]))
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        last = re.sub(r"\s+", "", document.pages[-1].extract_text() or "")
    assert "抄送：市委办公室，市政府办公室。" in last
    detail = client.get(reverse("campaigns:notice_detail", args=[draft.pk]))
    assert "抄送：市委办公室，市政府办公室" in detail.content.decode()


def test_a_plans_own_attachments_say_what_they_are_printed_from_not_that_an_import_lost_them(
    world, draft, client_for
):
    assert [a.kind for a in draft.attachments.all()] == [
        NoticeAttachment.Kind.SLOGANS,
        NoticeAttachment.Kind.SCHEDULE,
    ]
    NoticeAttachment.objects.create(notice=draft, position=3, title="参展企业名单")
    text = client_for(world.users["editor"]).get(draft.get_absolute_url()).text
    assert "由本方案的口号生成" in text and 'href="#slogans-h"' in text
    assert "由本方案的活动表生成" in text and 'href="#activities-h"' in text
    assert '附件3：参展企业名单 <span class="muted">（尚未填写此附件的内容）' in text
    assert "导入的原文件未包含此附件" not in text


def test_an_imported_notices_attachment_the_file_left_out_is_marked_so(world, draft, client_for):
    NoticeImport.objects.create(
        unit=draft.unit,
        uploader=world.users["editor"],
        source_text="长沙市2023年“质量月”活动方案",
        status=NoticeImport.Status.IMPORTED,
        notice=draft,
    )
    NoticeAttachment.objects.create(
        notice=draft, position=3, title="联合主办单位名单", kind=NoticeAttachment.Kind.CO_ORGANIZERS
    )
    text = client_for(world.users["editor"]).get(draft.get_absolute_url()).text
    assert '附件3：联合主办单位名单 <span class="muted">（导入的原文件未包含此附件）' in text
