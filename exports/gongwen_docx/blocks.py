"""The blocks that fill the body and the attachments: headings, paragraphs and tables."""

from __future__ import annotations

from collections.abc import Iterable

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Emu, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from exports.documents import Block, Heading, Paragraph, Table
from exports.gongwen_docx.layout import (
    FONT_FANGSONG,
    FONT_HEITI,
    HEADING_FONTS,
    SIZE_3,
    SIZE_XIAO_4,
    TEXT_WIDTH,
)
from exports.gongwen_docx.ooxml import (
    add_paragraph,
    add_run,
    fix_layout,
    set_child_val,
    set_indent_chars,
    set_ppr_child,
    set_table_borders,
)


def write_blocks(document: DocxDocument, blocks: Iterable[Block]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            paragraph = body_paragraph(document, "")
            add_run(paragraph, block.text, HEADING_FONTS[block.level], SIZE_3)
            if block.tail:
                add_run(paragraph, block.tail, FONT_FANGSONG, SIZE_3)
            # Outline levels give WPS/Word a navigation pane without Word's coloured heading styles.
            set_ppr_child(paragraph._p.get_or_add_pPr(), "w:outlineLvl", str(block.level - 1))
        elif isinstance(block, Paragraph):
            body_paragraph(document, block.text)
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"unknown block {block!r}")


def body_paragraph(document: DocxDocument, text: str) -> DocxParagraph:
    """3号仿宋, first line indented two characters, justified."""
    paragraph = add_paragraph(document, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    set_indent_chars(paragraph, first_line=2)
    if text:
        add_run(paragraph, text, FONT_FANGSONG, SIZE_3)
    return paragraph


def write_table(document: DocxDocument, spec: Table) -> None:
    width = Mm(297 - 37 - 35) if spec.landscape else TEXT_WIDTH
    weights = list(spec.widths) if spec.widths else [1.0] * len(spec.columns)
    total = sum(weights)
    widths = [Emu(int(width * w / total)) for w in weights]
    table = document.add_table(rows=1 + len(spec.rows), cols=len(spec.columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fix_layout(table, widths)
    line = {"sz": "4", "color": "000000"}
    set_table_borders(
        table, {edge: line for edge in ("top", "left", "bottom", "right", "insideH", "insideV")}
    )
    header = table.rows[0]
    # Repeat the header row on every page the table runs onto.
    set_child_val(header._tr.get_or_add_trPr(), "w:tblHeader", "true")
    for cell, text in zip(header.cells, spec.columns, strict=True):
        _table_cell(cell, text, FONT_HEITI, center=True)
    for row, values in zip(table.rows[1:], spec.rows, strict=True):
        # A row split across pages loses its 序号 and theme on the second page.
        set_child_val(row._tr.get_or_add_trPr(), "w:cantSplit", "true")
        for i, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            # Short columns (序号, dates, units) read better centred; long text is justified.
            short = weights[i] <= 12
            _table_cell(cell, text, FONT_FANGSONG, center=short)
    # Keep a paragraph after the table so a following section break or table cannot merge into it.
    add_paragraph(document)


def _table_cell(cell: _Cell, text: str, font: str, *, center: bool) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(18)
    add_run(paragraph, text, font, SIZE_XIAO_4)
