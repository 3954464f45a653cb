"""OFD (GB/T 33190) import: the platform's own OFD export reads back to the same fields, an
OFD made the way other producers make them is read in page order, and files that only claim
to be OFD are refused with a Chinese message."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from exports.gongwen_ofd import write_official_document_ofd
from exports.gongwen_pdf import write_official_document_pdf
from exports.tests.samples import hunan_notice, national_joint_notice, yongan_plan
from imports.parser import NoticeParseError, parse_file
from imports.parser.extract import extract_bytes

NS = "http://www.ofdspec.org/2016"


def _write(doc, writer, path: Path) -> Path:
    with open(path, "wb") as out:
        writer(doc, out)
    return path


def _without_page_numbers(value):
    """Sections keep the page number (— 2 —) where a paragraph crosses a page, and the OFD and
    the PDF break their pages at different lines; everything else must be the same."""
    return json.loads(re.sub(r"—\d+—", "", json.dumps(value, ensure_ascii=False)))


@pytest.mark.parametrize("make", [yongan_plan, hunan_notice, national_joint_notice])
def test_the_ofd_export_imports_back_to_the_same_fields_as_the_pdf_export(
    tmp_path: Path, make
) -> None:
    doc = make()
    from_ofd = parse_file(_write(doc, write_official_document_ofd, tmp_path / "n.ofd")).to_json()
    from_pdf = parse_file(_write(doc, write_official_document_pdf, tmp_path / "n.pdf")).to_json()
    assert (from_ofd["doc_number"], from_ofd["title"]) == (doc.doc_number, doc.title)
    assert from_ofd["issuers"] == list(doc.issuers)
    assert from_ofd["issue_date"] == doc.issue_date.isoformat()
    assert _without_page_numbers(from_ofd) == _without_page_numbers(from_pdf)


def test_the_schedule_table_of_an_ofd_export_becomes_activities_with_their_units(
    tmp_path: Path,
) -> None:
    result = parse_file(_write(yongan_plan(), write_official_document_ofd, tmp_path / "y.ofd"))
    rows = [a for a in result.activities if a.source == "table"]
    assert len(rows) == 12
    assert (rows[1].title, rows[1].lead, rows[1].support) == (
        "申报第六届三明市质量奖",
        ["质量科"],
        ["各监管所"],
    )


def test_parse_notice_reads_an_ofd_file(tmp_path: Path) -> None:
    path = _write(yongan_plan(), write_official_document_ofd, tmp_path / "永安.ofd")
    out = io.StringIO()
    call_command("parse_notice", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue())["doc_number"] == "永市监质〔2023〕35号"


# --- OFD as other producers write it ------------------------------------------------------------


def _package(parts: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return buf.getvalue()


def _text_object(text: str, x: float, y: float, *, ctm: str = "", size: float = 5.6) -> str:
    ctm_attr = f' CTM="{ctm}"' if ctm else ""
    return (
        f'<ofd:TextObject ID="9" Boundary="{x} {y} 150 8" Font="3" Size="{size}"{ctm_attr}>'
        f'<ofd:TextCode X="0" Y="5" DeltaX="g {max(len(text) - 1, 1)} {size}">{text}</ofd:TextCode>'
        "</ofd:TextObject>"
    )


def _foreign_ofd() -> bytes:
    """Absolute locations, a template page holding the header, objects out of reading order, a
    CTM that scales a line, and a TextCode without X continuing on a new line's Y."""
    header = _text_object("某某市市场监督管理局文件", 40, 40)
    body = "".join(
        [
            _text_object("二、活动主题", 28, 120),
            _text_object("一、总体要求", 28, 100),
            # CTM halves the glyphs horizontally: the object still starts where its box does.
            _text_object("某市监发〔2024〕12号", 80, 60, ctm="0.5 0 0 1 0 0"),
            '<ofd:PageBlock><ofd:TextObject ID="20" Boundary="28 80 150 20" Font="3" Size="5.6">'
            '<ofd:TextCode X="0" Y="5">关于开展2024年</ofd:TextCode>'
            '<ofd:TextCode Y="14">“质量月”活动的通知</ofd:TextCode></ofd:TextObject></ofd:PageBlock>',
        ]
    )
    return _package(
        {
            "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.1" DocType="OFD">'
            "<ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo>"
            "<ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
            "Doc_0/Document.xml": f'<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
            "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
            '<ofd:TemplatePage ID="5" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
            '<ofd:Pages><ofd:Page ID="1" BaseLoc="/Doc_0/Pages/Page_0/Content.xml"/></ofd:Pages>'
            "</ofd:Document>",
            "Doc_0/Tpls/Tpl_0/Content.xml": f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
            f'<ofd:Layer ID="6">{header}</ofd:Layer></ofd:Content></ofd:Page>',
            "Doc_0/Pages/Page_0/Content.xml": f'<ofd:Page xmlns:ofd="{NS}"><ofd:Template TemplateID="5"/>'
            f'<ofd:Content><ofd:Layer ID="2">{body}</ofd:Layer></ofd:Content></ofd:Page>',
        }
    )


def test_an_ofd_from_another_producer_reads_in_page_order_with_its_template() -> None:
    lines = extract_bytes(_foreign_ofd(), "通知.ofd").split("\n")
    assert lines == [
        "某某市市场监督管理局文件",
        "某市监发〔2024〕12号",
        "关于开展2024年",
        "“质量月”活动的通知",
        "一、总体要求",
        "二、活动主题",
    ]


def test_an_ofd_is_recognised_by_its_content_whatever_its_name() -> None:
    assert extract_bytes(_foreign_ofd(), "upload").startswith("某某市市场监督管理局文件")


# --- files that only claim to be OFD ----------------------------------------------------------------


def _docx_bytes() -> bytes:
    from docx import Document

    buf = io.BytesIO()
    document = Document()
    document.add_paragraph("关于开展2024年“质量月”活动的通知")
    document.save(buf)
    return buf.getvalue()


FAKES = [
    ("text", lambda: "这不是 OFD 文件".encode(), "不是有效的 OFD 文件（文件不是 OFD 压缩包）"),
    ("docx", _docx_bytes, "缺少 OFD.xml"),
    (
        "other root",
        lambda: _package({"OFD.xml": "<Package/>"}),
        "OFD.xml 的根元素不是 ofd:OFD",
    ),
    ("broken xml", lambda: _package({"OFD.xml": "<ofd:OFD"}), "不是有效的 XML"),
    (
        "no pages",
        lambda: _package({"OFD.xml": f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody/></ofd:OFD>'}),
        "没有找到任何页面",
    ),
]


@pytest.mark.parametrize(("kind", "make", "message"), FAKES, ids=[f[0] for f in FAKES])
def test_a_fake_ofd_is_refused_with_a_chinese_message(kind: str, make, message: str) -> None:
    with pytest.raises(NoticeParseError) as err:
        extract_bytes(make(), "通知.ofd")
    assert message in str(err.value)
    assert err.value.code == "bad_ofd"


def test_an_ofd_without_text_asks_for_ocr() -> None:
    page = (
        f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="2">'
        '<ofd:ImageObject ID="3" Boundary="0 0 210 297" ResourceID="4"/>'
        "</ofd:Layer></ofd:Content></ofd:Page>"
    )
    data = _package(
        {
            "OFD.xml": f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody>'
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
            "Doc_0/Document.xml": f'<ofd:Document xmlns:ofd="{NS}"><ofd:Pages>'
            '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
            "Doc_0/Pages/Page_0/Content.xml": page,
        }
    )
    with pytest.raises(NoticeParseError, match="OCR") as err:
        extract_bytes(data, "scan.ofd")
    assert err.value.code == "needs_ocr"


def test_an_ofd_zip_bomb_is_refused_before_inflating() -> None:
    data = _package({"OFD.xml": "<x/>", "Doc_0/Res/big.xml": "\0" * (120 * 1024 * 1024)})
    assert len(data) < 1024 * 1024
    with pytest.raises(NoticeParseError, match="压缩炸弹") as err:
        extract_bytes(data, "bomb.ofd")
    assert err.value.code == "zip_bomb"
