"""The measures of GB/T 9704-2012 the writer lays out by: the page and its text area, the
official type faces and sizes, the 28-point line grid, and how wide a text is in characters."""

from __future__ import annotations

from docx.shared import Emu, Mm, Pt, RGBColor

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


def text_width(text: str) -> float:
    """Width in body characters: ASCII digits and letters are half-width."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def fit_size(text: str, width: Emu) -> Pt:
    """The 发文机关标志 at 一号 unless it would not fit the text area on one line."""
    fitting = int(width / max(text_width(text), 1) / 12700)
    return Pt(max(18, min(int(SIZE_1.pt), fitting)))
