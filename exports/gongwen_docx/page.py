"""Document-wide set-up (5.2, 7.5): default styles, the font table, page geometry and the
page-number footers."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Emu, Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from exports.gongwen_docx.layout import (
    FONT_FALLBACK,
    FONT_FANGSONG,
    FONT_SONG,
    LINE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SIZE_3,
    SIZE_4,
)
from exports.gongwen_docx.ooxml import add_run, apply_fonts, set_child_val, set_ppr_child


def set_up_styles(document: DocxDocument) -> None:
    """Make 3号仿宋, fixed 28 pt lines and zero spacing the defaults, so that anything a user
    types into the exported file in WPS looks like the body."""
    styles = document.styles.element
    # The template's theme fonts (Calibri/MS Mincho) would win over ours; drop them everywhere.
    for r_fonts in styles.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            r_fonts.attrib.pop(qn(attr), None)
    doc_defaults = styles.find(qn("w:docDefaults"))
    r_pr = doc_defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    apply_fonts(r_pr, FONT_FANGSONG)
    set_child_val(r_pr, "w:sz", str(int(SIZE_3.pt * 2)))
    set_child_val(r_pr, "w:szCs", str(int(SIZE_3.pt * 2)))
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
        set_ppr_child(p_pr, tag, "0")
        # LibreOffice reads this from the Normal style only, not from docDefaults.
        set_ppr_child(document.styles["Normal"].element.get_or_add_pPr(), tag, "0")

    normal = document.styles["Normal"]
    normal.font.size = SIZE_3
    apply_fonts(normal.element.get_or_add_rPr(), FONT_FANGSONG)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    # Chinese text must not be stretched by Latin word spacing in justified lines.
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def declare_fonts(document: DocxDocument) -> None:
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


def set_page(section: Section, *, landscape: bool) -> None:
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


def add_page_number_footers(document: DocxDocument, section: Section) -> None:
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
        add_run(paragraph, "— ", FONT_SONG, SIZE_4)
        _add_page_field(paragraph)
        add_run(paragraph, " —", FONT_SONG, SIZE_4)


def _add_page_field(paragraph: DocxParagraph) -> None:
    """A complex PAGE field (fldChar begin/instr/separate/end), which WPS and Word both update."""

    def fld_char(kind: str) -> None:
        run = add_run(paragraph, "", FONT_SONG, SIZE_4)
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    fld_char("begin")
    run = add_run(paragraph, "", FONT_SONG, SIZE_4)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run._r.append(instr)
    fld_char("separate")
    add_run(paragraph, "1", FONT_SONG, SIZE_4)
    fld_char("end")
