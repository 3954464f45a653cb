"""The localised poster (本地化海报): the national design — red band, 质量月 mark, the year's
theme and slogans — with the unit's own name and slogans, as PDF (reportlab, the built-in CID
font STSong-Light, as the 公文 PDF: no font file) and as PNG (Pillow, with the vendored
Noto Sans SC subset in media/data/fonts; see SOURCE.md there).

Why Pillow with a vendored font rather than rasterising the PDF: a PDF with the unembedded
STSong-Light has no glyphs of its own, so a rasteriser (pypdfium2) draws the text only where
the machine has a Chinese system font, and a server usually has none. The font file makes
the PNG the same everywhere. Pure functions: no Django, no database."""

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A3
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

PDF_FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
FONT_FILE = Path(__file__).resolve().parent / "data" / "fonts" / "NotoSansSC-Bold-GB2312.otf"

RED = (176, 0, 0)
GOLD = (255, 214, 102)
WHITE = (255, 255, 255)
INK = (31, 35, 40)
# A3 portrait at 100 dots per inch: large enough to print at A4, small enough to send.
PNG_SIZE = (1169, 1654)


@dataclass(frozen=True)
class Poster:
    year: int
    theme: str
    slogans: list[str]
    unit_name: str


@dataclass(frozen=True)
class _Layout:
    """The design in fractions of the page, shared by both renderings."""

    band: float = 0.34  # height of the red band
    mark_size: float = 0.085  # 质量月, of the page width
    theme_size: float = 0.042
    slogan_size: float = 0.036
    unit_size: float = 0.04
    margin: float = 0.08


LAYOUT = _Layout()


def _wrap(text: str, fits) -> list[str]:
    """Lines of `text` that each fit, broken between characters (Chinese has no spaces)."""
    lines, line = [], ""
    for char in text:
        if line and not fits(line + char):
            lines.append(line)
            line = char
        else:
            line += char
    return [*lines, line] if line else lines


def poster_pdf(poster: Poster, out: io.IOBase) -> None:
    width, height = A3
    pdf = canvas.Canvas(out, pagesize=A3)
    pdf.setTitle(f"{poster.year}年质量月 · {poster.unit_name}")
    margin = width * LAYOUT.margin
    band_bottom = height * (1 - LAYOUT.band)
    pdf.setFillColorRGB(*(c / 255 for c in RED))
    pdf.rect(0, band_bottom, width, height - band_bottom, stroke=0, fill=1)

    pdf.setFillColorRGB(*(c / 255 for c in GOLD))
    size = width * LAYOUT.mark_size
    pdf.setFont(PDF_FONT, size)
    pdf.drawCentredString(width / 2, height - margin - size, f"{poster.year}年全国“质量月”")
    pdf.setFillColorRGB(1, 1, 1)
    size = width * LAYOUT.theme_size
    pdf.setFont(PDF_FONT, size)
    y = band_bottom + margin
    for line in reversed(
        _wrap(
            poster.theme, lambda s: pdfmetrics.stringWidth(s, PDF_FONT, size) < width - 2 * margin
        )
    ):
        pdf.drawCentredString(width / 2, y, line)
        y += size * 1.4

    pdf.setFillColorRGB(*(c / 255 for c in INK))
    size = width * LAYOUT.slogan_size
    pdf.setFont(PDF_FONT, size)
    y = band_bottom - margin - size
    for slogan in poster.slogans:
        for line in _wrap(
            slogan, lambda s: pdfmetrics.stringWidth(s, PDF_FONT, size) < width - 2 * margin
        ):
            pdf.drawCentredString(width / 2, y, line)
            y -= size * 1.5
        y -= size * 0.4

    pdf.setFillColorRGB(*(c / 255 for c in RED))
    pdf.rect(0, 0, width, height * 0.09, stroke=0, fill=1)
    pdf.setFillColorRGB(1, 1, 1)
    size = width * LAYOUT.unit_size
    pdf.setFont(PDF_FONT, size)
    pdf.drawCentredString(width / 2, height * 0.045 - size / 3, poster.unit_name)
    pdf.showPage()
    pdf.save()


def poster_png(poster: Poster, out: io.IOBase) -> None:
    width, height = PNG_SIZE
    image = Image.new("RGB", PNG_SIZE, WHITE)
    draw = ImageDraw.Draw(image)
    margin = width * LAYOUT.margin
    band_bottom = height * LAYOUT.band

    def font(fraction: float) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(str(FONT_FILE), round(width * fraction))

    def centred(text: str, y: float, face: ImageFont.FreeTypeFont, fill) -> None:
        draw.text((width / 2, y), text, font=face, fill=fill, anchor="mt")

    draw.rectangle((0, 0, width, band_bottom), fill=RED)
    face = font(LAYOUT.mark_size)
    centred(f"{poster.year}年全国“质量月”", margin, face, GOLD)
    face = font(LAYOUT.theme_size)
    lines = _wrap(poster.theme, lambda s: draw.textlength(s, font=face) < width - 2 * margin)
    y = band_bottom - margin - face.size * 1.4 * len(lines)
    for line in lines:
        centred(line, y, face, WHITE)
        y += face.size * 1.4

    face = font(LAYOUT.slogan_size)
    y = band_bottom + margin
    for slogan in poster.slogans:
        for line in _wrap(slogan, lambda s: draw.textlength(s, font=face) < width - 2 * margin):
            centred(line, y, face, INK)
            y += face.size * 1.5
        y += face.size * 0.4

    footer = height * 0.91
    draw.rectangle((0, footer, width, height), fill=RED)
    face = font(LAYOUT.unit_size)
    draw.text(
        (width / 2, (footer + height) / 2), poster.unit_name, font=face, fill=WHITE, anchor="mm"
    )
    image.save(out, format="PNG", optimize=True)
