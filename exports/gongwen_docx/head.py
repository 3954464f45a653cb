"""版头 (7.2): the 发文机关标志 (one issuer, or several stacked for a joint issue), the
发文字号 and the red separator rule."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Mm, Pt

from exports.documents import OfficialDocument
from exports.gongwen_docx.layout import (
    CELL_PADDING,
    FONT_FANGSONG,
    FONT_XIAOBIAOSONG,
    LINE,
    RED,
    RED_HEX,
    SIZE_3,
    TEXT_WIDTH,
    fit_size,
    text_width,
)
from exports.gongwen_docx.ooxml import (
    add_paragraph,
    add_run,
    fix_layout,
    set_border,
    set_distributed,
    set_table_borders,
    single_spacing,
)


def write_head(document: DocxDocument, doc: OfficialDocument) -> None:
    # 7.2.3: the mark's upper edge sits 35 mm below the text area's top (room for 份号 etc.).
    top_space = Mm(35)
    if len(doc.issuers) == 1:
        text = doc.issuers[0] + doc.mark_suffix
        paragraph = add_paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
        single_spacing(paragraph)
        paragraph.paragraph_format.space_before = top_space
        add_run(paragraph, text, FONT_XIAOBIAOSONG, fit_size(text, TEXT_WIDTH), color=RED)
    else:
        spacer = add_paragraph(document)
        single_spacing(spacer)
        spacer.paragraph_format.space_before = top_space - Pt(16)
        _write_joint_mark(document, doc)

    number = add_paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    # 7.2.4: 发文字号 two lines below the mark.
    number.paragraph_format.space_before = LINE * 2
    add_run(number, doc.doc_number, FONT_FANGSONG, SIZE_3)
    # 7.2.5: a red rule as wide as the text area 4 mm under the number.
    set_border(number, "bottom", color=RED_HEX, size_eighths=8, space_pt=11)


def _write_joint_mark(document: DocxDocument, doc: OfficialDocument) -> None:
    """7.2.3 joint issue: issuers stacked, 主办机关 first, 文件 centred on their right."""
    longest = max(doc.issuers, key=text_width)
    size = fit_size(longest + "字" + doc.mark_suffix, Emu(TEXT_WIDTH - CELL_PADDING * 4))
    # The names column is as wide as the longest name; shorter names are spread to match it.
    # One character of slack: LibreOffice adds spacing when distributing and would wrap the name.
    names_width = Emu(int(size * (text_width(longest) + 1)) + CELL_PADDING * 2)
    suffix_width = Emu(int(size * text_width(doc.mark_suffix)) + CELL_PADDING * 2)
    table = document.add_table(rows=len(doc.issuers), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fix_layout(table, [names_width, suffix_width])
    set_table_borders(table, {})
    for row, issuer in zip(table.rows, doc.issuers, strict=True):
        paragraph = row.cells[0].paragraphs[0]
        # Distributed alignment makes stacked names of different lengths equally wide.
        set_distributed(paragraph)
        single_spacing(paragraph)
        add_run(paragraph, issuer, FONT_XIAOBIAOSONG, size, color=RED)
    suffix_cell = table.cell(0, 1).merge(table.cell(len(doc.issuers) - 1, 1))
    suffix_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = suffix_cell.paragraphs[0]
    single_spacing(paragraph)
    paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(paragraph, doc.mark_suffix, FONT_XIAOBIAOSONG, size, color=RED)
