"""The OFD writer, checked with an independent maintained OFD reader (ofdkit) and against the
GB/T 33190 package structure the readers of electronic official documents expect."""

from __future__ import annotations

import dataclasses
import io
import re
import xml.etree.ElementTree as ET
import zipfile

import ofdkit
import pytest

from exports.documents import Heading, Paragraph
from exports.gongwen_ofd import LANDSCAPE, PORTRAIT, write_official_document_ofd
from exports.tests.samples import hunan_notice, national_joint_notice, yongan_plan

NS = {"ofd": "http://www.ofdspec.org/2016"}
RED = "192 0 0"


def _ofd_bytes(doc) -> bytes:
    buffer = io.BytesIO()
    write_official_document_ofd(doc, buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def yongan_ofd() -> bytes:
    return _ofd_bytes(yongan_plan())


def _flat(text: str) -> str:
    # Lines wrap anywhere in Chinese text, and a page number falls between two pages' lines.
    return re.sub(r"\s+", "", re.sub(r"—\s*\d+\s*—", "", text))


def _read_back(data: bytes) -> str:
    with ofdkit.open(data) as document:
        return document.text()


def _pages(data: bytes) -> list[ET.Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = sorted(
            (n for n in zf.namelist() if n.endswith("/Content.xml")),
            key=lambda n: int(re.search(r"Page_(\d+)", n).group(1)),
        )
        return [ET.fromstring(zf.read(n)) for n in names]


def _cells_read_back(data: bytes) -> list[str]:
    """The text ofdkit places inside each ruled cell (ofdkit reads a page line by line, so
    a cell of several lines is gathered from its runs' positions, the cells from the rules)."""
    texts = []
    with ofdkit.open(data) as document:
        for page, content in zip(document.pages, _pages(data), strict=True):
            runs = page.runs
            for path in content.iter("{http://www.ofdspec.org/2016}PathObject"):
                x, y, w, h = (float(v) for v in path.get("Boundary").split())
                if h < 3:
                    continue  # a rule, not a cell
                inside = [r for r in runs if x <= r.x < x + w and y <= r.y <= y + h]
                texts.append("".join(r.text for r in sorted(inside, key=lambda r: (r.y, r.x))))
    return texts


@pytest.mark.parametrize("make", [yongan_plan, hunan_notice, national_joint_notice])
def test_an_exported_ofd_opens_in_ofdkit_and_reads_back_the_same_text(make) -> None:
    doc = make()
    data = _ofd_bytes(doc)
    text = _flat(_read_back(data))
    expected = [doc.doc_number, doc.title, doc.recipients, doc.date_text, *doc.issuers]
    for block in doc.body:
        expected.append(block.text + block.tail if isinstance(block, Heading) else block.text)
    for attachment in doc.attachments:
        expected.append(attachment.title)
        expected += [b.text for b in attachment.blocks if isinstance(b, Paragraph)]
        expected += list(attachment.slogans)
    missing = [part for part in expected if _flat(part) not in text]
    assert missing == []
    cells = {_flat(cell) for cell in _cells_read_back(data)}
    written = [c for a in doc.attachments for t in a.tables for row in t.rows for c in row if c]
    assert [c for c in written if _flat(c) not in cells] == []


def test_the_package_has_the_gb_t_33190_entry_document_and_fonts(yongan_ofd: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(yongan_ofd)) as zf:
        entry = ET.fromstring(zf.read("OFD.xml"))
        assert entry.tag == "{http://www.ofdspec.org/2016}OFD"
        assert entry.findtext("ofd:DocBody/ofd:DocInfo/ofd:Title", namespaces=NS) == (
            yongan_plan().title
        )
        root = entry.findtext("ofd:DocBody/ofd:DocRoot", namespaces=NS)
        document = ET.fromstring(zf.read(root))
        box = document.findtext("ofd:CommonData/ofd:PageArea/ofd:PhysicalBox", namespaces=NS)
        assert box.split() == ["0", "0", "210", "297"]
        res = document.findtext("ofd:CommonData/ofd:PublicRes", namespaces=NS)
        fonts = ET.fromstring(zf.read(root.rsplit("/", 1)[0] + "/" + res))
        font_ids = {f.get("ID") for f in fonts.findall("ofd:Fonts/ofd:Font", NS)}
        pages = document.findall("ofd:Pages/ofd:Page", NS)
        assert len(pages) == len(_pages(yongan_ofd)) > 1
    for page in _pages(yongan_ofd):
        for obj in page.iter("{http://www.ofdspec.org/2016}TextObject"):
            assert obj.get("Font") in font_ids
            assert len(obj.get("Boundary").split()) == 4 and float(obj.get("Size")) > 0
            code = obj.find("ofd:TextCode", NS)
            assert code.get("X") is not None and code.get("Y") is not None


def test_the_mark_and_the_rule_under_the_doc_number_are_red(yongan_ofd: bytes) -> None:
    first = _pages(yongan_ofd)[0]
    red_text = [
        o.findtext("ofd:TextCode", namespaces=NS)
        for o in first.iter("{http://www.ofdspec.org/2016}TextObject")
        if o.find("ofd:FillColor", NS) is not None
        and o.find("ofd:FillColor", NS).get("Value") == RED
    ]
    assert red_text == ["永安市市场监督管理局文件"]
    red_rules = [
        o
        for o in first.iter("{http://www.ofdspec.org/2016}PathObject")
        if o.find("ofd:StrokeColor", NS).get("Value") == RED
    ]
    assert len(red_rules) == 1
    x, _y, width, _h = (float(v) for v in red_rules[0].get("Boundary").split())
    assert (x, width) == (PORTRAIT["left"], 210 - PORTRAIT["left"] - PORTRAIT["right"])


def test_text_stays_inside_the_text_area_and_the_schedule_is_on_landscape_pages(
    yongan_ofd: bytes,
) -> None:
    sizes = []
    for page in _pages(yongan_ofd):
        width, height = (
            float(v) for v in page.findtext("ofd:Area/ofd:PhysicalBox", namespaces=NS).split()[2:]
        )
        sizes.append((width, height))
        margins = LANDSCAPE if width > height else PORTRAIT
        for obj in page.iter("{http://www.ofdspec.org/2016}TextObject"):
            x, y, w, _h = (float(v) for v in obj.get("Boundary").split())
            size = float(obj.get("Size"))
            # One closing punctuation mark may hang into the margin, as in print.
            assert margins["left"] - 0.01 <= x and x + w <= width - margins["right"] + size
            assert margins["top"] - 0.01 <= y
    assert (297, 210) in sizes
    assert sizes[0] == (210, 297) and sizes[-1] == (210, 297)


def test_no_line_starts_with_closing_punctuation(yongan_ofd: bytes) -> None:
    starts = [
        o.findtext("ofd:TextCode", namespaces=NS)[0]
        for page in _pages(yongan_ofd)
        for o in page.iter("{http://www.ofdspec.org/2016}TextObject")
    ]
    assert not [ch for ch in starts if ch in "，。、；：？！）》”"]


def test_a_document_sent_to_no_recipient_has_no_lone_colon_line() -> None:
    text = _read_back(_ofd_bytes(dataclasses.replace(yongan_plan(), recipients="")))
    assert "：" not in [line.strip() for line in text.splitlines()]
