import io
import re

import pdfplumber
import pytest
from django.urls import reverse
from docx import Document

from activities.services import activity_create
from campaigns import services
from campaigns.models import Slogan
from core.testing.world import make_user
from orgs.scoping import Role

DOC_NUMBER = "湘市监办发〔2023〕57号"
TITLE = "关于印发《湖南省市场监管系统2023年“质量月”活动方案》的通知"


@pytest.fixture
def campaign(world):
    return services.national_campaigns_load()[0]


@pytest.fixture
def provincial(world, campaign):
    editor = make_user("hunan_editor", world.unit("湖南省"), Role.EDITOR)
    notice = services.notice_create(
        actor=editor,
        campaign=campaign,
        unit=world.unit("湖南省"),
        title=TITLE,
        doc_number=DOC_NUMBER,
        issuer_names=["湖南省市场监督管理局办公室"],
        recipients_text="各市州市场监督管理局",
        body=[
            {"level": 1, "number": "一、", "text": "活动主题"},
            {"level": 0, "number": "", "text": "增强质量意识 推进高质量发展"},
        ],
        recipient_units=[world.unit("长沙市")],
    )
    activity_create(
        actor=editor,
        notice=notice,
        title="举办湖南省“质量月”启动仪式",
        window_text="9月",
        leads=["质量局"],
        supports=["办公室", "宣传处"],
    )
    return services.notice_issue(actor=editor, notice=notice)


def filename_of(response) -> str:
    from urllib.parse import unquote

    match = re.search(r"filename\*=UTF-8''(\S+)", response["Content-Disposition"])
    return unquote(match.group(1))


def test_docx_download_reads_back_with_doc_number_title_and_schedule_table(
    world, provincial, client_for
):
    response = client_for(world.users["viewer"]).get(
        reverse("campaigns:notice_docx", args=[provincial.pk])
    )
    assert response.status_code == 200
    assert filename_of(response) == f"{DOC_NUMBER} {TITLE}.docx"
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert DOC_NUMBER in text and TITLE in text and "一、活动主题" in text
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["序号", "活动主题", "活动内容", "时间安排", "牵头部门", "协办单位", "备注"] in cells
    assert any("举办湖南省“质量月”启动仪式" in row and "质量局" in row for row in cells)


def test_pdf_download_reads_back_with_doc_number_and_title(world, provincial, client_for):
    Slogan.objects.create(campaign=provincial.campaign, unit=world.unit("湖南省"), text="质量强省")
    response = client_for(world.users["viewer"]).get(
        reverse("campaigns:notice_pdf", args=[provincial.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert filename_of(response).endswith(".pdf")
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    compact = re.sub(r"\s+", "", text)
    assert "湘市监办发〔2023〕57号" in compact and "活动方案" in compact and "质量强省" in compact


def test_ofd_download_reads_back_in_an_ofd_reader_with_doc_number_title_and_schedule(
    world, provincial, client_for
):
    import ofdkit

    html = (
        client_for(world.users["viewer"])
        .get(reverse("campaigns:notice_detail", args=[provincial.pk]))
        .content.decode()
    )
    assert reverse("campaigns:notice_ofd", args=[provincial.pk]) in html
    response = client_for(world.users["viewer"]).get(
        reverse("campaigns:notice_ofd", args=[provincial.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/ofd"
    assert filename_of(response) == f"{DOC_NUMBER} {TITLE}.ofd"
    with ofdkit.open(response.content) as document:
        compact = re.sub(r"\s+", "", document.text())
    assert DOC_NUMBER in compact and re.sub(r"\s+", "", TITLE) in compact
    # ofdkit reads a page line by line, so a cell that wraps is read in pieces.
    assert "序号活动主题活动内容时间安排牵头部门协办单位备注" in compact
    assert "1举办湖南省“质量月”9月质量局" in compact


def test_exports_are_not_available_outside_the_users_scope(world, provincial, client_for):
    fujian = make_user("fujian_viewer", world.unit("福建省"), Role.VIEWER)
    client = client_for(fujian)
    assert client.get(reverse("campaigns:notice_docx", args=[provincial.pk])).status_code == 404
    assert client.get(reverse("campaigns:notice_pdf", args=[provincial.pk])).status_code == 404
    assert client.get(reverse("campaigns:notice_ofd", args=[provincial.pk])).status_code == 404


# --- LED screen -------------------------------------------------------------------------


def shown_text(html: str) -> str:
    """The page's text as a reader sees it: tags gone, white space folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_led_screen_is_public_shows_the_units_slogans_and_no_navigation(world, campaign, client):
    Slogan.objects.create(campaign=campaign, unit=world.unit("长沙市"), text="长沙制造 品质之城")
    url = reverse("campaigns:slogan_screen", args=[world.unit("长沙市").pk, campaign.year])
    response = client.get(url, {"interval": "5"})
    assert response.status_code == 200
    assert "长沙制造 品质之城" in shown_text(response.text) and campaign.theme in response.text
    assert (
        "<nav" not in response.text and "退出" not in response.text and "登录" not in response.text
    )
    # Nothing fetched after load: no script, stylesheet or image from anywhere.
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"(?!data:)", response.text)
    assert "5000" in response.text


def test_led_screen_falls_back_to_the_nearest_ancestor_then_the_national_list(
    world, campaign, client
):
    county = world.unit("芙蓉区")
    url = reverse("campaigns:slogan_screen", args=[county.pk, campaign.year])
    assert "建设质量强国 共享美好生活" in shown_text(client.get(url).text)  # national
    Slogan.objects.create(
        campaign=campaign, unit=world.unit("湖南省"), text="培育区域质量品牌 树立湖南质量形象"
    )
    text = client.get(url).text
    assert "树立湖南质量形象" in text and "共享美好生活" not in text


def test_led_screen_of_an_unknown_unit_or_year_is_404(world, campaign, client):
    assert client.get(reverse("campaigns:slogan_screen", args=[999999, 2023])).status_code == 404
    unit = world.unit("长沙市").pk
    assert client.get(reverse("campaigns:slogan_screen", args=[unit, 1999])).status_code == 404
