"""版记 (7.4): 抄送 and the printing line between thick outer and thin inner rules."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Emu, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from exports.documents import OfficialDocument, format_chinese_date
from exports.gongwen_docx.layout import FONT_FANGSONG, SIZE_4, TEXT_WIDTH
from exports.gongwen_docx.ooxml import add_paragraph, add_run, set_border, set_indent


def write_imprint(document: DocxDocument, doc: OfficialDocument) -> None:
    """7.4 版记: 抄送 and the printing line between thick outer and thin inner rules.

    It follows the last text inline, kept together on one page. GB/T 9704 wants its last line
    on the page's last line; anchoring it there (a bottom-aligned frame or floating table) is
    lost by LibreOffice, which moves it to the top and drops the rules, so the clerk who
    prints the document moves it down if the page has room.
    """
    if doc.printing is None and not doc.copy_to:
        return
    thick, thin = 8, 6  # eighths of a point: ~0.35 mm outer rules, ~0.25 mm inner rule
    spacer = add_paragraph(document)
    spacer.paragraph_format.keep_with_next = True
    if doc.copy_to:
        # The rule above 抄送 hangs off an empty hairline paragraph so that the 抄送 paragraph
        # can be indented (a paragraph's border follows its indent).
        rule = _imprint_paragraph(document)
        rule.paragraph_format.line_spacing = Pt(1)
        set_border(rule, "bottom", color="000000", size_eighths=thick, space_pt=0)
        copy = _imprint_paragraph(document)
        # 7.4.2: 抄送 one character in, later lines aligned after the colon.
        set_indent(copy, left=SIZE_4 * 4, first_line=-SIZE_4 * 3)
        add_run(copy, f"抄送：{doc.copy_to.rstrip('。')}。", FONT_FANGSONG, SIZE_4)
    if doc.printing is not None:
        line = _imprint_paragraph(document)
        set_border(
            line, "top", color="000000", size_eighths=thin if doc.copy_to else thick, space_pt=0
        )
        set_border(line, "bottom", color="000000", size_eighths=thick, space_pt=0)
        # 7.4.3: 印发机关 one character from the left, 印发日期 one from the right.
        stops = line.paragraph_format.tab_stops
        stops.add_tab_stop(SIZE_4, WD_TAB_ALIGNMENT.LEFT)
        stops.add_tab_stop(Emu(TEXT_WIDTH - SIZE_4), WD_TAB_ALIGNMENT.RIGHT)
        date = format_chinese_date(doc.printing.date)
        add_run(line, f"\t{doc.printing.organ}\t{date}印发", FONT_FANGSONG, SIZE_4)


def _imprint_paragraph(document: DocxDocument) -> DocxParagraph:
    paragraph = add_paragraph(document, align=WD_ALIGN_PARAGRAPH.LEFT)
    set_indent(paragraph, left=Pt(0), first_line=Pt(0))
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.keep_together = True
    return paragraph
