"""The PDF writer, checked by extracting text and geometry with pdfplumber."""

from __future__ import annotations

import dataclasses
import io

import pdfplumber
import pytest

from exports.documents import Attachment, ScheduleRow, schedule_table
from exports.gongwen_pdf import write_official_document_pdf
from exports.tests.samples import YONGAN_SCHEDULE, hunan_notice, national_joint_notice, yongan_plan

A4_POINTS = (595.28, 841.89)


def _pdf_bytes(doc) -> bytes:
    buffer = io.BytesIO()
    write_official_document_pdf(doc, buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def yongan_pdf() -> bytes:
    return _pdf_bytes(yongan_plan())


def _text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _flat(text: str) -> str:
    # Lines wrap anywhere in CJK text, so compare with the line breaks taken out.
    return text.replace("\n", "")


def test_pdf_text_is_extractable_and_has_mark_number_and_title(yongan_pdf: bytes) -> None:
    text = _flat(_text(yongan_pdf))
    assert "永安市市场监督管理局文件" in text
    assert "永市监质〔2023〕35号" in text
    assert "永安市市场监督管理局关于印发2023年“质量月”活动方案的通知" in text


def test_first_page_is_portrait_a4(yongan_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(yongan_pdf)) as pdf:
        page = pdf.pages[0]
        assert (round(page.width, 2), round(page.height, 2)) == A4_POINTS


def test_schedule_pages_are_landscape_a4_and_the_last_page_portrait(yongan_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(yongan_pdf)) as pdf:
        sizes = [(round(p.width), round(p.height)) for p in pdf.pages]
    assert (842, 595) in sizes
    assert sizes[-1] == (595, 842)


def test_body_text_wraps_inside_the_text_area(yongan_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(yongan_pdf)) as pdf:
        page = pdf.pages[0]
        chars = [c for c in page.chars if c["text"].strip()]
        left = min(c["x0"] for c in chars)
        right = max(c["x1"] for c in chars)
    mm = 72 / 25.4
    # 28 mm binding margin on the left, 26 mm on the right (a little slack for glyph bearings).
    assert left >= 28 * mm - 1
    assert right <= page.width - 26 * mm + 1


def test_issuer_mark_is_red(yongan_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(yongan_pdf)) as pdf:
        page = pdf.pages[0]
        mark = [c for c in page.chars if c["text"] == "永" and c["size"] > 20]
        assert mark
        colour = mark[0]["non_stroking_color"]
        assert tuple(round(v, 2) for v in colour) == (0.75, 0.0, 0.0)
        # The red rule under the document number.
        red_lines = [
            obj
            for obj in page.lines + page.rects
            if tuple(round(v, 2) for v in (obj.get("stroking_color") or ())) == (0.75, 0.0, 0.0)
        ]
        assert red_lines


def test_pages_carry_dashed_page_numbers(yongan_pdf: bytes) -> None:
    text = _text(yongan_pdf)
    assert "— 1 —" in text
    assert "— 2 —" in text


def test_attachments_and_schedule_cells_are_in_the_pdf(yongan_pdf: bytes) -> None:
    text = _flat(_text(yongan_pdf))
    assert "附件1" in text and "附件2" in text
    assert "永安市市场监督管理局2023年“质量月”活动计划安排表" in text
    assert "2023年9月13日印发" in text


def test_schedule_table_reads_back_cell_by_cell(yongan_pdf: bytes) -> None:
    rows: dict[str, list[str]] = {}
    with pdfplumber.open(io.BytesIO(yongan_pdf)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for cells in table:
                    # Wrapped cell text comes back with line breaks; the header repeats per page.
                    flat = [_flat(c or "") for c in cells]
                    if flat and flat[0].isdigit():
                        rows[flat[0]] = flat
    assert sorted(rows, key=int) == [str(r.seq) for r in YONGAN_SCHEDULE]
    for row in YONGAN_SCHEDULE:
        assert rows[str(row.seq)] == row.cells()


def test_hunan_notice_lists_contacts_and_publication(tmp_path) -> None:
    path = tmp_path / "hunan.pdf"
    with path.open("wb") as out:
        write_official_document_pdf(hunan_notice(), out)
    with pdfplumber.open(path) as pdf:
        text = "".join((p.extract_text() or "").replace("\n", "") for p in pdf.pages)
    assert "湘市监办发〔2023〕57号" in text
    assert "联系人：严文胜 吴艺曼" in text
    assert "（公开属性：主动公开）" in text


def test_joint_issue_pdf_names_every_issuer() -> None:
    text = _flat(_text(_pdf_bytes(national_joint_notice())))
    for issuer in ("市场监管总局", "中央宣传部", "最高人民法院"):
        assert issuer in text
    assert "国市监质发〔2023〕73号" in text


# The national 2023 notice's 25 co-issuers, as its 署名 lists them.
NATIONAL_ISSUERS = (
    "市场监管总局 中央宣传部 最高人民法院 最高人民检察院 国家发展改革委 教育部 工业和信息化部 "
    "公安部 民政部 自然资源部 生态环境部 住房城乡建设部 交通运输部 水利部 农业农村部 商务部 "
    "文化和旅游部 国家卫生健康委 中国人民银行 国务院国资委 海关总署 国家国际发展合作署 "
    "供销合作总社 全国总工会 全国工商联"
).split()


def test_a_mark_of_25_co_issuers_taller_than_a_page_still_builds() -> None:
    doc = dataclasses.replace(national_joint_notice(), issuers=NATIONAL_ISSUERS)
    data = _pdf_bytes(doc)
    text = _flat(_text(data))
    for issuer in NATIONAL_ISSUERS:
        assert issuer in text
    assert "关于开展2023年全国“质量月”活动的通知" in text


def test_a_table_row_taller_than_a_page_continues_on_the_next_page() -> None:
    # Hainan's co-organizer activities: one content cell of well over a page of text.
    long_content = "围绕开展“剑网2023”专项行动，加大打击侵权假冒违法犯罪力度。" * 60
    rows = [
        ScheduleRow(1, "开展执法打假系列活动", long_content, "9月", "省市场监管局", "各市县"),
        ScheduleRow(2, "加强质量基础培训宣贯", "开展标准宣贯。", "全年", "省市场监管局"),
    ]
    doc = dataclasses.replace(
        yongan_plan(), attachments=[Attachment(title="主要活动", tables=[schedule_table(rows)])]
    )
    data = _pdf_bytes(doc)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        landscape_pages = [p for p in pdf.pages if p.width > p.height]
        text = "".join(_flat(p.extract_text() or "") for p in landscape_pages)
    assert len(landscape_pages) >= 2
    # Every sentence of the long cell is printed, none cut off at a page end (a sentence may
    # straddle the break, so count a character only it has).
    assert text.count("剑") == 60
    assert "开展标准宣贯。" in text


def test_a_document_sent_to_no_recipient_has_no_lone_colon_line() -> None:
    text = _text(_pdf_bytes(dataclasses.replace(yongan_plan(), recipients="")))
    assert "：" not in [line.strip() for line in text.splitlines()]
