"""TXT, DOCX and PDF inputs built from the seed text, and the files the parser must refuse."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from imports.parser import NoticeParseError, parse_file
from imports.parser.accuracy import DEFAULT_FIXTURES, SEED_FALLBACK
from imports.parser.extract import MAX_FILE_BYTES, extract_bytes


def seed_text(name: str) -> str:
    path = DEFAULT_FIXTURES / name
    if not path.exists():
        path = SEED_FALLBACK / name
    return path.read_text(encoding="utf-8")


YONGAN = "2023-yongan-city-plan.txt"
HUNAN = "2023-hunan-province-plan.txt"


def _blocks(text: str) -> list[str | list[list[str]]]:
    """Paragraph lines, with runs of tab-separated lines grouped into one table."""
    blocks: list[str | list[list[str]]] = []
    for line in text.split("\n"):
        if "\t" in line:
            row = line.split("\t")
            if blocks and isinstance(blocks[-1], list):
                blocks[-1].append(row)
            else:
                blocks.append([row])
        elif line.strip():
            blocks.append(line.strip())
    return blocks


def build_docx(text: str, path: Path) -> Path:
    from docx import Document

    document = Document()
    for block in _blocks(text):
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        width = max(len(r) for r in block)
        table = document.add_table(rows=len(block), cols=width)
        for r, row in enumerate(block):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
    document.save(str(path))
    return path


def build_pdf(text: str, path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cn", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    cell_style = ParagraphStyle("cell", parent=style, fontSize=8, leading=10)
    story = []
    for block in _blocks(text):
        if isinstance(block, str):
            story.append(Paragraph(block, style))
            continue
        width = max(len(r) for r in block)
        rows = [[Paragraph(c, cell_style) for c in r + [""] * (width - len(r))] for r in block]
        table = Table(rows, colWidths=[30, 70, 150, 45, 50, 50, 30][:width] + [40] * (width - 7))
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
        story.append(table)
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def build_ofd(text: str, path: Path) -> Path:
    """The seed as an OFD laid out by the export's own page layout (exports.gongwen_ofd):
    paragraphs wrapped to the A4 text area, tables ruled cell by cell."""
    from exports.gongwen_ofd import PT, OfdLayout

    layout = OfdLayout()
    for block in _blocks(text):
        if isinstance(block, str):
            # The type size of build_pdf, so both wrap a line at about the same place.
            layout.paragraph(block, size=11 * PT, pitch=16 * PT)
            continue
        width = max(len(r) for r in block)
        rows = [r + [""] * (width - len(r)) for r in block]
        layout.table(rows, [3, 7, 15, 4.5, 5, 5, 3][:width] + [4] * (width - 7), header_rows=0)
    with open(path, "wb") as out:
        layout.save(out)
    return path


# --- good inputs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_txt_in_each_supported_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(seed_text(HUNAN).encode(encoding))
    result = parse_file(path)
    assert result.doc_number == "湘市监办发〔2023〕57号"
    assert result.report_deadline == "10-16"


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    result = parse_file(build_docx(seed_text(YONGAN), tmp_path / "yongan.docx"))
    assert result.doc_number == "永市监质〔2023〕35号"
    assert result.issue_date == "2023-09-13"
    assert result.level == "county"
    table_rows = [a for a in result.activities if a.source == "table"]
    assert len(table_rows) == 12
    assert (table_rows[1].title, table_rows[1].when, table_rows[1].lead) == (
        "申报第六届三明市质量奖",
        "9-10 月",
        ["质量科"],
    )
    assert table_rows[9].window.all_year is True


def test_docx_seed_matches_txt_seed_on_every_contract_field(tmp_path: Path) -> None:
    text = seed_text(HUNAN)
    txt = tmp_path / "hunan.txt"
    txt.write_text(text, encoding="utf-8")
    from_txt = parse_file(txt)
    from_docx = parse_file(build_docx(text, tmp_path / "hunan.docx"))
    for key in ("doc_number", "issuers", "theme", "slogans", "activities", "contacts", "basis"):
        assert getattr(from_docx, key) == getattr(from_txt, key), key


def test_pdf_with_text_layer_and_table(tmp_path: Path) -> None:
    result = parse_file(build_pdf(seed_text(YONGAN), tmp_path / "yongan.pdf"))
    assert result.doc_number == "永市监质〔2023〕35号"
    assert result.issuers == ["永安市市场监督管理局"]
    assert result.issue_date == "2023-09-13"
    assert result.theme == "增强质量意识 推进高质量发展"
    assert len(result.slogans) == 9
    table_rows = [a for a in result.activities if a.source == "table"]
    assert [a.lead for a in table_rows][:3] == [["质量科"], ["质量科"], ["质量科"]]
    assert len(table_rows) == 12


def test_pdf_of_a_long_plan_rejoins_lines_cut_at_the_page_width(tmp_path: Path) -> None:
    result = parse_file(build_pdf(seed_text(HUNAN), tmp_path / "hunan.pdf"))
    assert result.doc_number == "湘市监办发〔2023〕57号"
    assert result.report_deadline == "10-16"
    assert [a.lead for a in result.activities][:3] == [["质量局"], ["宣传处"], ["质量局"]]
    assert len(result.activities) == 14
    assert len(result.localities_activities) == 14


# --- bad inputs -------------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(NoticeParseError, match="空"):
        parse_file(path)


def test_binary_junk(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(NoticeParseError) as err:
        parse_file(path)
    assert err.value.code == "binary"


def test_pdf_without_text_layer_asks_for_ocr(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 400, fill=1)  # a "scanned page": shapes, no text
    c.showPage()
    c.save()
    with pytest.raises(NoticeParseError, match="OCR") as err:
        parse_file(path)
    assert err.value.code == "needs_ocr"


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("这不是 Word 文件", encoding="utf-8")
    with pytest.raises(NoticeParseError, match="zip") as err:
        parse_file(path)
    assert err.value.code == "bad_docx"


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (120 * 1024 * 1024))
    path = tmp_path / "bomb.docx"
    path.write_bytes(buf.getvalue())
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(NoticeParseError, match="压缩炸弹") as err:
        parse_file(path)
    assert err.value.code == "zip_bomb"


def test_zip_without_a_word_body(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    path = tmp_path / "other.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(NoticeParseError, match="document.xml"):
        parse_file(path)


def test_oversized_file_is_refused_before_reading() -> None:
    with pytest.raises(NoticeParseError) as err:
        extract_bytes(b"a" * (MAX_FILE_BYTES + 1), "big.txt")
    assert err.value.code == "too_large"


def test_old_word_format_is_explained() -> None:
    with pytest.raises(NoticeParseError, match=r"\.docx"):
        extract_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100, "old.doc")


def test_text_that_is_not_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "recipe.txt"
    path.write_text(
        "番茄炒蛋的做法：先把鸡蛋打散，再把番茄切块。\n下锅翻炒即可。", encoding="utf-8"
    )
    with pytest.raises(NoticeParseError, match="无法识别") as err:
        parse_file(path)
    assert err.value.code == "not_a_notice"


def test_missing_file() -> None:
    with pytest.raises(NoticeParseError, match="无法读取"):
        parse_file("/nonexistent/notice.txt")


from imports.parser.accuracy import load_cases, project  # noqa: E402

CASES = load_cases(DEFAULT_FIXTURES)


@pytest.mark.parametrize("builder", [build_docx, build_pdf, build_ofd], ids=["docx", "pdf", "ofd"])
@pytest.mark.parametrize(("name", "seed", "expected"), CASES, ids=[c[0] for c in CASES])
def test_every_seed_reads_the_same_from_docx_and_pdf(
    tmp_path: Path, builder, name: str, seed: Path, expected: dict
) -> None:
    suffix = {build_docx: ".docx", build_pdf: ".pdf", build_ofd: ".ofd"}[builder]
    path = builder(seed.read_text(encoding="utf-8"), tmp_path / f"{name}{suffix}")
    result = parse_file(path).to_json()
    wrong = [k for k, v in expected.items() if project(result.get(k), v) != v]
    assert wrong == []
