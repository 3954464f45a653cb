"""The public's documents (主动公开): only issued notices marked 主动公开 reach a visitor."""

import io

import pdfplumber
import pytest
from django.urls import reverse

from campaigns.models import Notice
from campaigns.services import notice_create, notice_issue
from public.tests.factories import campaign_2023


def _notice(world, unit_name: str, title: str, *, issue: bool = True, **fields) -> Notice:
    unit = world.unit(unit_name)
    notice = notice_create(
        actor=world.users["national_admin"],
        campaign=campaign_2023(),
        unit=unit,
        title=title,
        kind=Notice.Kind.NOTICE,
        recipient_units=[world.unit("芙蓉区")],
        body=[{"level": 0, "number": "", "text": "各单位要高度重视。<script>alert(1)</script>"}],
        **fields,
    )
    if issue:
        notice_issue(actor=world.users["national_admin"], notice=notice)
    return notice


@pytest.fixture
def documents(world):
    return {
        "public": _notice(world, "长沙市", "长沙市质量月活动通知", doc_number="长市监〔2023〕1号"),
        "on_request": _notice(
            world, "长沙市", "依申请公开的通知", publication=Notice.Publication.ON_REQUEST
        ),
        "not_public": _notice(
            world, "长沙市", "不予公开的通知", publication=Notice.Publication.NOT_PUBLIC
        ),
        "draft": _notice(world, "长沙市", "尚未印发的通知", issue=False),
        "fujian": _notice(world, "福建省", "福建省质量月活动通知"),
    }


def test_visitor_reads_a_public_notice_as_html_with_its_body_escaped(client, documents):
    notice = documents["public"]
    response = client.get(reverse("public:document_detail", args=[notice.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "长沙市质量月活动通知" in html
    assert "长市监〔2023〕1号" in html
    assert "各单位要高度重视。" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("which", ["on_request", "not_public", "draft"])
def test_visitor_never_sees_a_notice_that_is_not_issued_and_public(client, documents, which):
    notice = documents[which]
    assert client.get(reverse("public:document_detail", args=[notice.pk])).status_code == 404
    for fmt in ("docx", "pdf", "ofd"):
        url = reverse(f"public:document_{fmt}", args=[notice.pk])
        assert client.get(url).status_code == 404
    listing = client.get(reverse("public:document_list")).content.decode()
    assert notice.title not in listing


def test_list_shows_public_notices_and_narrows_by_region_and_year(client, documents):
    url = reverse("public:document_list")
    html = client.get(url).content.decode()
    assert "长沙市质量月活动通知" in html
    assert "福建省质量月活动通知" in html

    html = client.get(url, {"province": "430000", "city": "430100"}).content.decode()
    assert "正在查看：长沙市" in html
    assert "长沙市质量月活动通知" in html
    assert "福建省质量月活动通知" not in html

    assert "长沙市质量月活动通知" in client.get(url, {"year": 2023}).content.decode()
    assert "长沙市质量月活动通知" not in client.get(url, {"year": 2022}).content.decode()
    assert "福建省质量月活动通知" not in client.get(url, {"q": "长市监"}).content.decode()


def test_visitor_downloads_the_public_notice_as_docx_pdf_and_ofd(client, documents):
    notice = documents["public"]
    docx = client.get(reverse("public:document_docx", args=[notice.pk]))
    assert docx.content[:2] == b"PK"
    assert "attachment" in docx["Content-Disposition"]
    pdf = client.get(reverse("public:document_pdf", args=[notice.pk]))
    with pdfplumber.open(io.BytesIO(pdf.content)) as doc:
        text = "".join(page.extract_text() or "" for page in doc.pages)
    assert "长沙市质量月活动通知" in text
    ofd = client.get(reverse("public:document_ofd", args=[notice.pk]))
    assert ofd["Content-Type"] == "application/ofd"
    assert ofd.content[:2] == b"PK"


def test_public_home_links_to_the_documents(client, documents):
    html = client.get(reverse("core:home")).content.decode()
    assert reverse("public:document_list") in html


def test_the_documents_pages_in_english_show_no_chinese_labels(client, documents):
    from core.testing.english import leaks_by_page

    urls = [
        reverse("public:document_list"),
        reverse("public:document_detail", args=[documents["public"].pk]),
    ]
    assert leaks_by_page(client, urls) == {}


def test_documents_list_links_to_the_award_lists_in_publicity_and_final(client, documents):
    html = client.get(reverse("public:document_list")).content.decode()
    awards = reverse("awards:public_list")
    assert f'<a href="{awards}">质量奖评选公示和评选结果</a>' in html
    assert client.get(awards).status_code == 200
