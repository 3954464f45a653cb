"""Paragraphs, runs and tables written into the OOXML directly where python-docx has no API
for what GB/T 9704 needs (East Asian fonts, indents in characters, paragraph borders) or where
the schema's element order must be kept by hand."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from exports.gongwen_docx.layout import CHAR, FONT_FALLBACK


def add_paragraph(
    document: DocxDocument, *, align: WD_ALIGN_PARAGRAPH | None = None
) -> DocxParagraph:
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.paragraph_format.alignment = align
    return paragraph


def add_run(
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
    apply_fonts(run._r.get_or_add_rPr(), font)
    return run


def apply_fonts(r_pr, font: str) -> None:
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
# children out of this order, so every pPr child is inserted through set_ppr_child.
_PPR_ORDER = (
    "w:pStyle w:keepNext w:keepLines w:pageBreakBefore w:framePr w:widowControl w:numPr "
    "w:suppressLineNumbers w:pBdr w:shd w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap "
    "w:overflowPunct w:topLinePunct w:autoSpaceDE w:autoSpaceDN w:bidi w:adjustRightInd "
    "w:snapToGrid w:spacing w:ind w:contextualSpacing w:mirrorIndents w:suppressOverlap w:jc "
    "w:textDirection w:textAlignment w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle w:rPr "
    "w:sectPr w:pPrChange"
).split()


def set_ppr_child(p_pr, tag: str, value: str | None = None):
    """Find or create ``tag`` in ``p_pr`` at its schema position; set w:val if given."""
    child = p_pr.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        successors = _PPR_ORDER[_PPR_ORDER.index(tag) + 1 :]
        p_pr.insert_element_before(child, *successors)
    if value is not None:
        child.set(qn("w:val"), value)
    return child


def set_child_val(parent, tag: str, value: str):
    """For containers whose children are unordered (trPr) or already present (rPr defaults)."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)
    child.set(qn("w:val"), value)
    return child


def set_indent_chars(
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


def set_indent(paragraph: DocxParagraph, *, left: Pt | Emu, first_line: Pt | Emu) -> None:
    paragraph.paragraph_format.left_indent = left
    paragraph.paragraph_format.first_line_indent = first_line


def single_spacing(paragraph: DocxParagraph) -> None:
    # A 26 pt mark would be clipped by the body's fixed 28 pt line.
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def title_spacing(paragraph: DocxParagraph) -> None:
    # Two-line 22 pt titles need more than the body's 28 pt to breathe; 36 pt is the usual choice.
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.line_spacing = Pt(36)


def set_distributed(paragraph: DocxParagraph) -> None:
    set_ppr_child(paragraph._p.get_or_add_pPr(), "w:jc", "distribute")


def set_border(
    paragraph: DocxParagraph, edge: str, *, color: str, size_eighths: int, space_pt: int
) -> None:
    borders = set_ppr_child(paragraph._p.get_or_add_pPr(), "w:pBdr")
    border = OxmlElement(f"w:{edge}")
    border.set(qn("w:val"), "single")
    border.set(qn("w:sz"), str(size_eighths))
    border.set(qn("w:space"), str(space_pt))
    border.set(qn("w:color"), color)
    # pBdr's children are ordered top, left, bottom, right; callers add top before bottom.
    borders.append(border)


def set_table_borders(table: DocxTable, edges: dict[str, dict[str, str]]) -> None:
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


def fix_layout(table: DocxTable, widths: list[Emu]) -> None:
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
