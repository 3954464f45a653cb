"""The DOCX writer, checked by reading the file back with python-docx."""

from __future__ import annotations

import dataclasses
import io
import re

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from exports.documents import Heading, OfficialDocument, Paragraph
from exports.gongwen_docx import write_official_document
from exports.tests.samples import (
    HUNAN_SLOGANS,
    YONGAN_BODY,
    YONGAN_SCHEDULE,
    YONGAN_SLOGANS,
    hunan_notice,
    national_joint_notice,
    yongan_plan,
)


def _roundtrip(doc: OfficialDocument) -> Document:
    buffer = io.BytesIO()
    write_official_document(doc, buffer)
    buffer.seek(0)
    return docx.Document(buffer)


@pytest.fixture(scope="module")
def yongan() -> Document:
    return _roundtrip(yongan_plan())


@pytest.fixture(scope="module")
def hunan() -> Document:
    return _roundtrip(hunan_notice())


def _paragraph(document: Document, text: str):
    matches = [p for p in document.paragraphs if p.text == text]
    assert matches, f"no paragraph {text!r}"
    return matches[0]


def _texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_page_is_a4_with_gbt9704_margins(yongan: Document) -> None:
    section = yongan.sections[0]
    # DOCX stores twips (A4 is 11906 × 16838), so compare in whole millimetres.
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297
    assert round(section.top_margin.mm) == 37
    assert round(section.bottom_margin.mm) == 35
    assert round(section.left_margin.mm) == 28
    assert round(section.right_margin.mm) == 26


def test_text_area_is_156_by_225_mm(yongan: Document) -> None:
    section = yongan.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin
    assert round(width / 36000) == 156
    assert round(height / 36000) == 225


def test_issuer_mark_is_red_centred_xiaobiaosong(yongan: Document) -> None:
    mark = _paragraph(yongan, "永安市市场监督管理局文件")
    run = mark.runs[0]
    assert str(run.font.color.rgb) in {"C00000", "FF0000"}
    assert 22 <= run.font.size.pt <= 26
    assert mark.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"


def test_doc_number_is_centred_above_a_red_rule(yongan: Document) -> None:
    number = _paragraph(yongan, "永市监质〔2023〕35号")
    assert number.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    border = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:color")) in {"C00000", "FF0000"}
    assert border.get(qn("w:val")) == "single"
    # sz is in eighths of a point: about a 1 pt rule.
    assert 6 <= int(border.get(qn("w:sz"))) <= 12


def test_title_is_22pt_xiaobiaosong_centred(yongan: Document) -> None:
    title = _paragraph(yongan, "永安市市场监督管理局关于印发2023年“质量月”活动方案的通知")
    run = title.runs[0]
    assert run.font.size == Pt(22)
    assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert title.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER


def test_recipients_end_with_a_full_width_colon(hunan: Document) -> None:
    texts = _texts(hunan)
    assert "省药品监督管理局，各市州市场监督管理局，省局各有关处室、直属单位：" in texts


def test_every_body_block_appears_in_order(yongan: Document) -> None:
    texts = _texts(yongan)
    expected = [b.text + b.tail if isinstance(b, Heading) else b.text for b in YONGAN_BODY]
    positions = [texts.index(text) for text in expected]
    assert positions == sorted(positions)


def test_body_is_16pt_fangsong_with_two_character_indent_and_fixed_28pt_lines(
    yongan: Document,
) -> None:
    body = _paragraph(yongan, YONGAN_BODY[0].text)
    run = body.runs[0]
    assert run.font.size == Pt(16)
    assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert body._p.pPr.ind.get(qn("w:firstLineChars")) == "200"
    normal = yongan.styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == docx.enum.text.WD_LINE_SPACING.EXACTLY
    assert normal.line_spacing == Pt(28)


def test_level_one_headings_are_heiti_and_level_two_kaiti(yongan: Document) -> None:
    level_one = _paragraph(yongan, "一、总体要求").runs[0]
    level_two = _paragraph(yongan, "（一）加强质量主题宣传教育").runs[0]
    assert level_one._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert level_two._r.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"


def test_run_in_heading_keeps_its_tail_in_the_body_font(yongan: Document) -> None:
    paragraph = next(p for p in yongan.paragraphs if p.text.startswith("（一）开展质量宣传活动。"))
    heading, tail = paragraph.runs
    assert heading._r.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    assert tail._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_default_style_declares_the_east_asian_body_font(yongan: Document) -> None:
    styles_xml = yongan.styles.element.xml
    defaults = yongan.styles.element.find(qn("w:docDefaults"))
    r_fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert r_fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert r_fonts.get(qn("w:ascii")) == "仿宋"
    assert 'w:eastAsia="zh-CN"' in styles_xml
    assert "asciiTheme" not in styles_xml


def test_font_table_declares_fallbacks_for_the_gb_fonts(yongan: Document) -> None:
    part = next(
        r.target_part for r in yongan.part.rels.values() if r.reltype.endswith("/fontTable")
    )
    xml = part.blob.decode("utf-8")
    assert re.search(r'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>', xml)
    assert 'w:name="方正小标宋简体"' in xml


def test_attachment_note_lists_both_attachments(yongan: Document) -> None:
    texts = _texts(yongan)
    assert "附件：1. 2023年“质量月”活动口号" in texts
    assert "2. 永安市市场监督管理局2023年“质量月”活动计划安排表" in texts


def test_signature_date_and_publication_follow_the_body(yongan: Document) -> None:
    texts = _texts(yongan)
    signature = texts.index("永安市市场监督管理局")
    assert texts[signature + 1] == "2023年9月13日"
    assert texts[signature + 2] == "（此件主动公开）"


def test_hunan_publication_attribute_is_rewrapped_in_full_width_parentheses(
    hunan: Document,
) -> None:
    assert "（公开属性：主动公开）" in _texts(hunan)


def test_contacts_are_listed_in_the_body(hunan: Document) -> None:
    texts = _texts(hunan)
    assert "联系人：严文胜 吴艺曼" in texts
    assert "电话：0731-85693710（传真）" in texts
    assert "邮箱：hnszlfzj@163.com" in texts


def test_each_attachment_starts_a_new_page_with_its_label_in_heiti(yongan: Document) -> None:
    label = _paragraph(yongan, "附件1")
    assert label.paragraph_format.page_break_before
    assert label.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    texts = _texts(yongan)
    assert texts[texts.index("附件1") + 1] == "2023年“质量月”活动口号"
    assert "附件2" in texts


def test_slogans_are_a_numbered_list(yongan: Document) -> None:
    texts = _texts(yongan)
    for number, slogan in enumerate(YONGAN_SLOGANS, start=1):
        assert f"{number}. {slogan}" in texts


def test_unnumbered_enclosure_is_not_counted_as_an_attachment(hunan: Document) -> None:
    texts = _texts(hunan)
    assert "湖南省市场监管系统2023年“质量月”活动方案" in texts
    assert "附件1" in texts and "附件2" in texts and "附件3" not in texts
    assert f"10. {HUNAN_SLOGANS[9]}" in texts


def test_schedule_attachment_is_a_real_table_with_yongan_columns(yongan: Document) -> None:
    schedule = next(t for t in yongan.tables if t.cell(0, 0).text == "序号")
    header = [cell.text for cell in schedule.rows[0].cells]
    assert header == ["序号", "活动主题", "活动内容", "时间安排", "牵头部门", "协办单位", "备注"]
    assert len(schedule.rows) == 1 + len(YONGAN_SCHEDULE)
    for table_row, row in zip(schedule.rows[1:], YONGAN_SCHEDULE, strict=True):
        assert [cell.text for cell in table_row.cells] == row.cells()
    # The header repeats on every page the table spans.
    assert schedule.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_wide_schedule_table_sits_in_a_landscape_section(yongan: Document) -> None:
    orientations = [s.orientation for s in yongan.sections]
    assert docx.enum.section.WD_ORIENT.LANDSCAPE in orientations
    # The document returns to portrait for the 版记.
    assert orientations[-1] == docx.enum.section.WD_ORIENT.PORTRAIT


def test_printing_line_names_organ_and_date(yongan: Document) -> None:
    line = next(p for p in yongan.paragraphs if p.text.endswith("印发"))
    assert line.text == "\t永安市市场监督管理局办公室\t2023年9月13日印发"
    borders = line._p.pPr.find(qn("w:pBdr"))
    assert borders.find(qn("w:top")) is not None
    assert borders.find(qn("w:bottom")) is not None


def test_footer_has_a_page_field_between_dashes_in_sihao_song(yongan: Document) -> None:
    footer = yongan.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert "PAGE" in footer._p.xml
    assert footer.runs[0].font.size == Pt(14)
    assert footer.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    # Odd pages right, even pages left, as GB/T 9704 7.5 asks.
    assert yongan.settings.odd_and_even_pages_header_footer
    assert "PAGE" in yongan.sections[0].even_page_footer.paragraphs[0]._p.xml


def test_joint_issue_stacks_the_issuers_beside_wenjian() -> None:
    document = _roundtrip(national_joint_notice())
    mark = document.tables[0]
    names = [row.cells[0].text for row in mark.rows]
    assert names == ["市场监管总局", "中央宣传部", "最高人民法院"]
    assert mark.cell(0, 1).text == "文件"
    run = mark.cell(0, 0).paragraphs[0].runs[0]
    assert str(run.font.color.rgb) == "C00000"


def test_markup_characters_in_text_survive() -> None:
    doc = yongan_plan()
    odd = OfficialDocument(
        issuers=doc.issuers,
        doc_number=doc.doc_number,
        title="关于<测试>&“质量月”的通知",
        recipients=doc.recipients,
        body=[Paragraph("A & B < C")],
        issue_date=doc.issue_date,
    )
    texts = _texts(_roundtrip(odd))
    assert "关于<测试>&“质量月”的通知" in texts
    assert "A & B < C" in texts


def test_a_document_sent_to_no_recipient_has_no_lone_colon_line() -> None:
    document = _roundtrip(dataclasses.replace(yongan_plan(), recipients=""))
    assert "：" not in [p.text.strip() for p in document.paragraphs]
