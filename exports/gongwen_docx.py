"""Write an ``OfficialDocument`` as a DOCX laid out per GB/T 9704-2012 (党政机关公文格式).

Numbers in comments refer to clauses of GB/T 9704-2012. The fonts named are the ones the
standard and every provincial template use (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体);
they are declared as East Asian fonts so that WPS and Word pick them for Chinese text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO
from xml.sax.saxutils import quoteattr

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from exports.documents import (
    Attachment,
    Block,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
    format_chinese_date,
)

# 5.2.1 / 5.2.2: A4, 天头 37 mm, 订口 28 mm, text area 156 × 225 mm.
PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(37)
MARGIN_BOTTOM = Mm(35)
MARGIN_LEFT = Mm(28)
MARGIN_RIGHT = Mm(26)
TEXT_WIDTH = Mm(156)
TEXT_HEIGHT = Mm(225)

RED = RGBColor(0xC0, 0x00, 0x00)
RED_HEX = "C00000"

FONT_XIAOBIAOSONG = "方正小标宋简体"
FONT_FANGSONG = "仿宋_GB2312"
FONT_KAITI = "楷体_GB2312"
FONT_HEITI = "黑体"
FONT_SONG = "宋体"

# The GB2312-suffixed fonts ship with WPS but not with Windows 10+ or Linux. The East Asian
# slot names the font the standard asks for; the ascii/hAnsi slots name the plain Windows face
# of the same family, which LibreOffice/fontconfig also aliases to an installed CJK font, so
# Latin letters and digits stay in the right family where the GB2312 font is missing. The
# same fallback goes into fontTable.xml as w:altName, which Word uses for missing fonts.
FONT_FALLBACK = {
    FONT_XIAOBIAOSONG: FONT_SONG,
    FONT_FANGSONG: "仿宋",
    FONT_KAITI: "楷体",
    FONT_HEITI: FONT_HEITI,
    FONT_SONG: FONT_SONG,
}

# Chinese type sizes (号) in points.
SIZE_1 = Pt(26)  # 一号, for the 发文机关标志
SIZE_2 = Pt(22)  # 二号, title
SIZE_3 = Pt(16)  # 三号, body
SIZE_4 = Pt(14)  # 四号, page numbers and 版记
SIZE_XIAO_4 = Pt(12)  # 小四, table cells

# 5.2.4: 22 lines of 28 characters; a fixed 28 pt line fits 22 lines into 225 mm.
LINE = Pt(28)
CHAR = SIZE_3  # one character of body text, the unit GB/T 9704 measures indents in

# Word's default left/right cell margin (0.19 cm), which column widths must leave room for.
CELL_PADDING = Emu(Mm(1.9))

HEADING_FONTS = {1: FONT_HEITI, 2: FONT_KAITI, 3: FONT_FANGSONG}


def write_official_document(doc: OfficialDocument, out: BinaryIO) -> None:
    """Write ``doc`` as DOCX into the binary stream ``out``."""
    document = Document()
    _set_up_styles(document)
    _declare_fonts(document)
    section = document.sections[0]
    _set_page(section, landscape=False)
    _add_page_number_footers(document, section)
    document.core_properties.title = doc.title
    document.core_properties.author = doc.issuers[0]

    _write_head(document, doc)
    _write_body(document, doc)
    _write_attachments(document, doc)
    _write_imprint(document, doc)
    document.save(out)


# ---------------------------------------------------------------------------------------
# Document-wide setup


def _set_up_styles(document: DocxDocument) -> None:
    """Make 3号仿宋, fixed 28 pt lines and zero spacing the defaults, so that anything a user
    types into the exported file in WPS looks like the body."""
    styles = document.styles.element
    # The template's theme fonts (Calibri/MS Mincho) would win over ours; drop them everywhere.
    for r_fonts in styles.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            r_fonts.attrib.pop(qn(attr), None)
    doc_defaults = styles.find(qn("w:docDefaults"))
    r_pr = doc_defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _apply_fonts(r_pr, FONT_FANGSONG)
    _set_child_val(r_pr, "w:sz", str(int(SIZE_3.pt * 2)))
    _set_child_val(r_pr, "w:szCs", str(int(SIZE_3.pt * 2)))
    lang = r_pr.find(qn("w:lang"))
    # zh-CN tells LibreOffice/fontconfig to choose Simplified Chinese glyphs for substitutes.
    lang.set(qn("w:eastAsia"), "zh-CN")
    p_pr = doc_defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = p_pr.find(qn("w:spacing"))
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(int(LINE.pt * 20)))
    spacing.set(qn("w:lineRule"), "exact")
    # No automatic extra space between Chinese and Latin/digits: GB/T 9704 counts 28 characters
    # a line, and the date under the signature is placed by character counts.
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        _set_ppr_child(p_pr, tag, "0")
        # LibreOffice reads this from the Normal style only, not from docDefaults.
        _set_ppr_child(document.styles["Normal"].element.get_or_add_pPr(), tag, "0")

    normal = document.styles["Normal"]
    normal.font.size = SIZE_3
    _apply_fonts(normal.element.get_or_add_rPr(), FONT_FANGSONG)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    # Chinese text must not be stretched by Latin word spacing in justified lines.
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _declare_fonts(document: DocxDocument) -> None:
    """Add the GB fonts to fontTable.xml with GB2312 charset and an altName fallback."""
    part = next(
        r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable")
    )
    entries = "".join(
        f"<w:font w:name={quoteattr(name)}><w:altName w:val={quoteattr(alt)}/>"
        '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
        for name, alt in FONT_FALLBACK.items()
    )
    blob = part.blob.decode("utf-8")
    # fontTable is an opaque part in python-docx; editing its bytes is the only way in.
    part._blob = blob.replace("</w:fonts>", entries + "</w:fonts>").encode("utf-8")


def _set_page(section: Section, *, landscape: bool) -> None:
    if landscape:
        # A wide attachment table is the portrait page turned: the binding edge moves to the top.
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
        section.top_margin, section.bottom_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.left_margin, section.right_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.footer_distance = Mm(14)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
        # 7.5: the page number's dash sits 7 mm below the text area's lower edge.
        section.footer_distance = Mm(24)
    section.header_distance = Mm(15)
    section.gutter = Emu(0)


def _add_page_number_footers(document: DocxDocument, section: Section) -> None:
    """7.5: "— 1 —" in 4号宋体; odd pages right with one character space, even pages left."""
    document.settings.odd_and_even_pages_header_footer = True
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        fmt = paragraph.paragraph_format
        fmt.alignment = align
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.first_line_indent = Pt(0)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = SIZE_4
        else:
            fmt.left_indent = SIZE_4
        _add_run(paragraph, "— ", FONT_SONG, SIZE_4)
        _add_page_field(paragraph)
        _add_run(paragraph, " —", FONT_SONG, SIZE_4)


def _add_page_field(paragraph: DocxParagraph) -> None:
    """A complex PAGE field (fldChar begin/instr/separate/end), which WPS and Word both update."""

    def fld_char(kind: str) -> None:
        run = _add_run(paragraph, "", FONT_SONG, SIZE_4)
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    fld_char("begin")
    run = _add_run(paragraph, "", FONT_SONG, SIZE_4)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run._r.append(instr)
    fld_char("separate")
    _add_run(paragraph, "1", FONT_SONG, SIZE_4)
    fld_char("end")


# ---------------------------------------------------------------------------------------
# 版头 (7.2): 发文机关标志, 发文字号, red separator


def _write_head(document: DocxDocument, doc: OfficialDocument) -> None:
    # 7.2.3: the mark's upper edge sits 35 mm below the text area's top (room for 份号 etc.).
    top_space = Mm(35)
    if len(doc.issuers) == 1:
        text = doc.issuers[0] + doc.mark_suffix
        paragraph = _add_paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
        _single_spacing(paragraph)
        paragraph.paragraph_format.space_before = top_space
        _add_run(paragraph, text, FONT_XIAOBIAOSONG, _fit_size(text, TEXT_WIDTH), color=RED)
    else:
        spacer = _add_paragraph(document)
        _single_spacing(spacer)
        spacer.paragraph_format.space_before = top_space - Pt(16)
        _write_joint_mark(document, doc)

    number = _add_paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    # 7.2.4: 发文字号 two lines below the mark.
    number.paragraph_format.space_before = LINE * 2
    _add_run(number, doc.doc_number, FONT_FANGSONG, SIZE_3)
    # 7.2.5: a red rule as wide as the text area 4 mm under the number.
    _set_border(number, "bottom", color=RED_HEX, size_eighths=8, space_pt=11)


def _write_joint_mark(document: DocxDocument, doc: OfficialDocument) -> None:
    """7.2.3 joint issue: issuers stacked, 主办机关 first, 文件 centred on their right."""
    longest = max(doc.issuers, key=_text_width)
    size = _fit_size(longest + "字" + doc.mark_suffix, Emu(TEXT_WIDTH - CELL_PADDING * 4))
    # The names column is as wide as the longest name; shorter names are spread to match it.
    # One character of slack: LibreOffice adds spacing when distributing and would wrap the name.
    names_width = Emu(int(size * (_text_width(longest) + 1)) + CELL_PADDING * 2)
    suffix_width = Emu(int(size * _text_width(doc.mark_suffix)) + CELL_PADDING * 2)
    table = document.add_table(rows=len(doc.issuers), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fix_layout(table, [names_width, suffix_width])
    _set_table_borders(table, {})
    for row, issuer in zip(table.rows, doc.issuers, strict=True):
        paragraph = row.cells[0].paragraphs[0]
        # Distributed alignment makes stacked names of different lengths equally wide.
        _set_distributed(paragraph)
        _single_spacing(paragraph)
        _add_run(paragraph, issuer, FONT_XIAOBIAOSONG, size, color=RED)
    suffix_cell = table.cell(0, 1).merge(table.cell(len(doc.issuers) - 1, 1))
    suffix_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = suffix_cell.paragraphs[0]
    _single_spacing(paragraph)
    paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_run(paragraph, doc.mark_suffix, FONT_XIAOBIAOSONG, size, color=RED)


# ---------------------------------------------------------------------------------------
# 主体 (7.3): title, recipients, body, attachment note, signature, date, 附注


def _write_body(document: DocxDocument, doc: OfficialDocument) -> None:
    title = _add_paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    # 7.3.1: two lines below the red rule, 2号小标宋, centred.
    title.paragraph_format.space_before = LINE * 2
    _title_spacing(title)
    _add_run(title, doc.title, FONT_XIAOBIAOSONG, SIZE_2)

    # 7.3.2: one line below the title, flush left, ends with a full-width colon.
    recipients = _add_paragraph(document, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    recipients.paragraph_format.space_before = LINE
    text = doc.recipients.rstrip(":：")
    _add_run(recipients, text + "：", FONT_FANGSONG, SIZE_3)

    _write_blocks(document, doc.body)
    for contact in doc.contacts:
        for label, value in (
            ("联系人", contact.name),
            ("电话", contact.phone),
            ("邮箱", contact.email),
        ):
            if value:
                _body_paragraph(document, f"{label}：{value}")

    listed = doc.numbered_attachments
    if listed:
        _write_attachment_note(document, doc)
    _write_signature(document, doc)


def _write_blocks(document: DocxDocument, blocks: Iterable[Block]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            paragraph = _body_paragraph(document, "")
            _add_run(paragraph, block.text, HEADING_FONTS[block.level], SIZE_3)
            if block.tail:
                _add_run(paragraph, block.tail, FONT_FANGSONG, SIZE_3)
            # Outline levels give WPS/Word a navigation pane without Word's coloured heading styles.
            _set_ppr_child(paragraph._p.get_or_add_pPr(), "w:outlineLvl", str(block.level - 1))
        elif isinstance(block, Paragraph):
            _body_paragraph(document, block.text)
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"unknown block {block!r}")


def _write_attachment_note(document: DocxDocument, doc: OfficialDocument) -> None:
    """7.3.4: one line below the body, two characters in: "附件：1. XXX", later items aligned
    under the first name, no punctuation after names."""
    listed = doc.numbered_attachments
    for index, attachment in listed:
        number = f"{index}. " if len(listed) > 1 else ""
        paragraph = _add_paragraph(document)
        fmt = paragraph.paragraph_format
        # Hang every line at 5 characters ("附件：" is 3 characters after the 2-character indent).
        _set_indent_chars(paragraph, left=5, hanging=3 if index == 1 else 0)
        if index == 1:
            fmt.space_before = LINE
            _add_run(paragraph, "附件：", FONT_FANGSONG, SIZE_3)
        _add_run(paragraph, number + attachment.title, FONT_FANGSONG, SIZE_3)


def _write_signature(document: DocxDocument, doc: OfficialDocument) -> None:
    """7.3.5.3 (no seal): signature one line below, two characters from the right; the date on
    the next line starts two characters right of the signature's start, unless it is longer,
    in which case the date keeps the two-character right space and the signature moves left."""
    lines = doc.signature_lines
    signature_width = max(_text_width(line) for line in lines)
    date_width = _text_width(doc.date_text)
    date_right = signature_width - 2 - date_width + 2
    signature_right = 2.0
    if date_right < 2:
        signature_right += 2 - date_right
        date_right = 2
    for i, line in enumerate(lines):
        paragraph = _add_paragraph(document, align=WD_ALIGN_PARAGRAPH.RIGHT)
        if i == 0:
            paragraph.paragraph_format.space_before = LINE
        # Right-aligned lines of different lengths: pad the shorter ones so they start together.
        pad = signature_width - _text_width(line)
        paragraph.paragraph_format.right_indent = Emu(int(CHAR * (signature_right + pad)))
        _add_run(paragraph, line, FONT_FANGSONG, SIZE_3)
    date = _add_paragraph(document, align=WD_ALIGN_PARAGRAPH.RIGHT)
    date.paragraph_format.right_indent = Emu(int(CHAR * date_right))
    _add_run(date, doc.date_text, FONT_FANGSONG, SIZE_3)

    if doc.publication_text:
        # 7.3.7: 附注 on the line after the date, two characters in, in parentheses.
        note = _add_paragraph(document)
        _set_indent_chars(note, first_line=2)
        _add_run(note, doc.publication_text, FONT_FANGSONG, SIZE_3)


# ---------------------------------------------------------------------------------------
# 附件 (8): each on a new page


def _write_attachments(document: DocxDocument, doc: OfficialDocument) -> None:
    landscape_open = False
    for attachment in doc.attachments:
        landscape = any(t.landscape for t in attachment.tables)
        if landscape or landscape_open:
            section = document.add_section(WD_SECTION.NEW_PAGE)
            _set_page(section, landscape=landscape)
            landscape_open = landscape
            first = _add_paragraph(document)
        else:
            first = _add_paragraph(document)
            first.paragraph_format.page_break_before = True
        _write_attachment(document, doc, attachment, first)
    if landscape_open and doc.printing is not None:
        # The 版记 belongs on a portrait page like the rest of the document.
        section = document.add_section(WD_SECTION.NEW_PAGE)
        _set_page(section, landscape=False)


def _write_attachment(
    document: DocxDocument, doc: OfficialDocument, attachment: Attachment, first: DocxParagraph
) -> None:
    if attachment.numbered:
        # 8: "附件N" in 3号黑体 flush left on the first line, the title centred on the second.
        _add_run(first, doc.attachment_label(attachment), FONT_HEITI, SIZE_3)
        title = _add_paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    else:
        title = first
        title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _title_spacing(title)
    _add_run(title, attachment.title, FONT_XIAOBIAOSONG, SIZE_2)
    spacer = _add_paragraph(document)
    _add_run(spacer, "", FONT_FANGSONG, SIZE_3)

    _write_blocks(document, attachment.blocks)
    # Literal numbers rather than a Word list: they survive copy-paste into WPS and e-mail
    # exactly as the seeds print them, and cannot be renumbered by a style change.
    for number, slogan in enumerate(attachment.slogans, start=1):
        _body_paragraph(document, f"{number}. {slogan}")
    for table in attachment.tables:
        _write_table(document, table)


def _write_table(document: DocxDocument, spec: Table) -> None:
    width = Mm(297 - 37 - 35) if spec.landscape else TEXT_WIDTH
    weights = list(spec.widths) if spec.widths else [1.0] * len(spec.columns)
    total = sum(weights)
    widths = [Emu(int(width * w / total)) for w in weights]
    table = document.add_table(rows=1 + len(spec.rows), cols=len(spec.columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fix_layout(table, widths)
    line = {"sz": "4", "color": "000000"}
    _set_table_borders(
        table, {edge: line for edge in ("top", "left", "bottom", "right", "insideH", "insideV")}
    )
    header = table.rows[0]
    # Repeat the header row on every page the table runs onto.
    _set_child_val(header._tr.get_or_add_trPr(), "w:tblHeader", "true")
    for cell, text in zip(header.cells, spec.columns, strict=True):
        _table_cell(cell, text, FONT_HEITI, center=True)
    for row, values in zip(table.rows[1:], spec.rows, strict=True):
        # A row split across pages loses its 序号 and theme on the second page.
        _set_child_val(row._tr.get_or_add_trPr(), "w:cantSplit", "true")
        for i, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            # Short columns (序号, dates, units) read better centred; long text is justified.
            short = weights[i] <= 12
            _table_cell(cell, text, FONT_FANGSONG, center=short)
    # Keep a paragraph after the table so a following section break or table cannot merge into it.
    _add_paragraph(document)


def _table_cell(cell: _Cell, text: str, font: str, *, center: bool) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(18)
    _add_run(paragraph, text, font, SIZE_XIAO_4)


# ---------------------------------------------------------------------------------------
# 版记 (7.4): at the bottom of the last page between thick outer and thin inner rules


def _write_imprint(document: DocxDocument, doc: OfficialDocument) -> None:
    """7.4 版记: 抄送 and the printing line between thick outer and thin inner rules.

    It follows the last text inline, kept together on one page. GB/T 9704 wants its last line
    on the page's last line; anchoring it there (a bottom-aligned frame or floating table) is
    lost by LibreOffice, which moves it to the top and drops the rules, so the clerk who
    prints the document moves it down if the page has room.
    """
    if doc.printing is None and not doc.copy_to:
        return
    thick, thin = 8, 6  # eighths of a point: ~0.35 mm outer rules, ~0.25 mm inner rule
    spacer = _add_paragraph(document)
    spacer.paragraph_format.keep_with_next = True
    if doc.copy_to:
        # The rule above 抄送 hangs off an empty hairline paragraph so that the 抄送 paragraph
        # can be indented (a paragraph's border follows its indent).
        rule = _imprint_paragraph(document)
        rule.paragraph_format.line_spacing = Pt(1)
        _set_border(rule, "bottom", color="000000", size_eighths=thick, space_pt=0)
        copy = _imprint_paragraph(document)
        # 7.4.2: 抄送 one character in, later lines aligned after the colon.
        _set_indent(copy, left=SIZE_4 * 4, first_line=-SIZE_4 * 3)
        _add_run(copy, f"抄送：{doc.copy_to.rstrip('。')}。", FONT_FANGSONG, SIZE_4)
    if doc.printing is not None:
        line = _imprint_paragraph(document)
        _set_border(
            line, "top", color="000000", size_eighths=thin if doc.copy_to else thick, space_pt=0
        )
        _set_border(line, "bottom", color="000000", size_eighths=thick, space_pt=0)
        # 7.4.3: 印发机关 one character from the left, 印发日期 one from the right.
        stops = line.paragraph_format.tab_stops
        stops.add_tab_stop(SIZE_4, WD_TAB_ALIGNMENT.LEFT)
        stops.add_tab_stop(Emu(TEXT_WIDTH - SIZE_4), WD_TAB_ALIGNMENT.RIGHT)
        date = format_chinese_date(doc.printing.date)
        _add_run(line, f"\t{doc.printing.organ}\t{date}印发", FONT_FANGSONG, SIZE_4)


def _imprint_paragraph(document: DocxDocument) -> DocxParagraph:
    paragraph = _add_paragraph(document, align=WD_ALIGN_PARAGRAPH.LEFT)
    _set_indent(paragraph, left=Pt(0), first_line=Pt(0))
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.keep_together = True
    return paragraph


# ---------------------------------------------------------------------------------------
# Low-level helpers


def _add_paragraph(
    document: DocxDocument, *, align: WD_ALIGN_PARAGRAPH | None = None
) -> DocxParagraph:
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.paragraph_format.alignment = align
    return paragraph


def _body_paragraph(document: DocxDocument, text: str) -> DocxParagraph:
    """3号仿宋, first line indented two characters, justified."""
    paragraph = _add_paragraph(document, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _set_indent_chars(paragraph, first_line=2)
    if text:
        _add_run(paragraph, text, FONT_FANGSONG, SIZE_3)
    return paragraph


def _add_run(
    paragraph: DocxParagraph,
    text: str,
    font: str,
    size: Pt | Emu,
    *,
    color: RGBColor | None = None,
    bold: bool = False,
):
    run = paragraph.add_run(text)
    run.font.size = size
    run.font.bold = bold or None
    if color is not None:
        run.font.color.rgb = color
    _apply_fonts(run._r.get_or_add_rPr(), font)
    return run


def _apply_fonts(r_pr, font: str) -> None:
    """East Asian slot = the GB font; ascii/hAnsi = its plain fallback; hint=eastAsia so that
    ambiguous characters such as “ ” and — take the Chinese font, not the Latin one."""
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    fallback = FONT_FALLBACK.get(font, font)
    r_fonts.set(qn("w:ascii"), fallback)
    r_fonts.set(qn("w:hAnsi"), fallback)
    r_fonts.set(qn("w:eastAsia"), font)
    r_fonts.set(qn("w:cs"), fallback)
    r_fonts.set(qn("w:hint"), "eastAsia")


# CT_PPr's children in schema order: Word rejects (and LibreOffice silently ignores) pPr
# children out of this order, so every pPr child is inserted through _set_ppr_child.
_PPR_ORDER = (
    "w:pStyle w:keepNext w:keepLines w:pageBreakBefore w:framePr w:widowControl w:numPr "
    "w:suppressLineNumbers w:pBdr w:shd w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap "
    "w:overflowPunct w:topLinePunct w:autoSpaceDE w:autoSpaceDN w:bidi w:adjustRightInd "
    "w:snapToGrid w:spacing w:ind w:contextualSpacing w:mirrorIndents w:suppressOverlap w:jc "
    "w:textDirection w:textAlignment w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle w:rPr "
    "w:sectPr w:pPrChange"
).split()


def _set_ppr_child(p_pr, tag: str, value: str | None = None):
    """Find or create ``tag`` in ``p_pr`` at its schema position; set w:val if given."""
    child = p_pr.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        successors = _PPR_ORDER[_PPR_ORDER.index(tag) + 1 :]
        p_pr.insert_element_before(child, *successors)
    if value is not None:
        child.set(qn("w:val"), value)
    return child


def _set_child_val(parent, tag: str, value: str):
    """For containers whose children are unordered (trPr) or already present (rPr defaults)."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)
    child.set(qn("w:val"), value)
    return child


def _set_indent_chars(
    paragraph: DocxParagraph, *, first_line: float = 0, left: float = 0, hanging: float = 0
) -> None:
    """Indent in characters. Word and WPS honour the *Chars attributes (so the indent follows the
    font size); the twip values are there for readers that ignore them."""
    fmt = paragraph.paragraph_format
    fmt.left_indent = Emu(int(CHAR * left)) if left else None
    if first_line:
        fmt.first_line_indent = Emu(int(CHAR * first_line))
    elif hanging:
        fmt.first_line_indent = Emu(int(-CHAR * hanging))
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    if left:
        ind.set(qn("w:leftChars"), str(int(left * 100)))
    if first_line:
        ind.set(qn("w:firstLineChars"), str(int(first_line * 100)))
    if hanging:
        ind.set(qn("w:hangingChars"), str(int(hanging * 100)))


def _set_indent(paragraph: DocxParagraph, *, left: Pt | Emu, first_line: Pt | Emu) -> None:
    paragraph.paragraph_format.left_indent = left
    paragraph.paragraph_format.first_line_indent = first_line


def _single_spacing(paragraph: DocxParagraph) -> None:
    # A 26 pt mark would be clipped by the body's fixed 28 pt line.
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _title_spacing(paragraph: DocxParagraph) -> None:
    # Two-line 22 pt titles need more than the body's 28 pt to breathe; 36 pt is the usual choice.
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.line_spacing = Pt(36)


def _set_distributed(paragraph: DocxParagraph) -> None:
    _set_ppr_child(paragraph._p.get_or_add_pPr(), "w:jc", "distribute")


def _set_border(
    paragraph: DocxParagraph, edge: str, *, color: str, size_eighths: int, space_pt: int
) -> None:
    borders = _set_ppr_child(paragraph._p.get_or_add_pPr(), "w:pBdr")
    border = OxmlElement(f"w:{edge}")
    border.set(qn("w:val"), "single")
    border.set(qn("w:sz"), str(size_eighths))
    border.set(qn("w:space"), str(space_pt))
    border.set(qn("w:color"), color)
    # pBdr's children are ordered top, left, bottom, right; callers add top before bottom.
    borders.append(border)


def _set_table_borders(table: DocxTable, edges: dict[str, dict[str, str]]) -> None:
    """Set the table's borders; edges not given are explicitly none (no template grid)."""
    tbl_pr = table._tbl.tblPr
    existing = tbl_pr.find(qn("w:tblBorders"))
    if existing is not None:
        tbl_pr.remove(existing)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        spec = edges.get(edge)
        if spec:
            element.set(qn("w:val"), "single")
            element.set(qn("w:sz"), spec["sz"])
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), spec["color"])
        else:
            element.set(qn("w:val"), "nil")
        borders.append(element)
    # Schema order inside tblPr: ... tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout ...
    anchor = None
    for tag in ("w:tblInd", "w:tblCellSpacing", "w:jc", "w:tblW"):
        anchor = tbl_pr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addnext(borders)
    else:
        tbl_pr.append(borders)


def _fix_layout(table: DocxTable, widths: list[Emu]) -> None:
    """Fixed column widths: autofit tables change shape between Word, WPS and LibreOffice."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(int(sum(widths) / 635)))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _text_width(text: str) -> float:
    """Width in body characters: ASCII digits and letters are half-width."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def _fit_size(text: str, width: Emu) -> Pt:
    """The 发文机关标志 at 一号 unless it would not fit the text area on one line."""
    fitting = int(width / max(_text_width(text), 1) / 12700)
    return Pt(max(18, min(int(SIZE_1.pt), fitting)))
