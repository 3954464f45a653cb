"""The 公文 header and footer: number, issuers, title, dates, recipients, level, basis."""

from __future__ import annotations

import re

from . import rules
from .numerals import to_int
from .structure import Document, compact, is_org_line

_SPACES = re.compile(r"\s+")


def format_doc_number(m: re.Match[str]) -> str:
    prefix = rules.DOC_NUMBER_LEAD_WORDS.sub("", m.group(1))
    return _SPACES.sub("", prefix + m.group(0)[len(m.group(1)) :])


def doc_number(doc: Document) -> str | None:
    """The document's own number stands on a line of its own near the top (red head)."""
    for line in doc.main[:8]:
        m = rules.DOC_NUMBER.search(line)
        if not m:
            continue
        before, after = line[: m.start()].strip(), line[m.end() :].strip()
        # "签发人：张三" may share the line with the number in printed red heads.
        if not before and (not after or after.startswith("签发人")):
            return format_doc_number(m)
    return None


def basis(doc: Document, own: str | None) -> list[str]:
    """Numbers of the superior notices this one implements, in the order cited."""
    out: list[str] = []
    for line in doc.main:
        for m in rules.DOC_NUMBER.finditer(line):
            number = format_doc_number(m)
            if number != own and number not in out:
                out.append(number)
    return out


def basis_titles(doc: Document) -> list[str]:
    """Titles of cited superior notices; Hubei cites one by title only, without a number."""
    out: list[str] = []
    for line in _preamble(doc):
        if not rules.BASIS_CONTEXT.search(line):
            continue
        for m in rules.BASIS_TITLE.finditer(line):
            title = compact(m.group(1))
            if title not in out:
                out.append(title)
    return out


def _preamble(doc: Document) -> list[str]:
    out: list[str] = []
    for line in doc.main:
        if rules.HEADING_1.match(line):
            break
        out.append(line)
    return out


def title(doc: Document) -> str | None:
    candidates = doc.main[:8]
    for line in candidates:
        text = compact(line)
        if "关于" in text and rules.TITLE.search(text) and not text.endswith("："):
            return text
    for line in candidates:
        text = compact(line)
        if rules.TITLE.search(text) and len(text) <= 60:
            return text
    return None


def kind(title_text: str | None) -> str:
    if title_text and (
        ("印发" in title_text and "方案" in title_text) or title_text.endswith("方案")
    ):
        return "plan"
    return "notice"


def issuers(doc: Document, title_text: str | None) -> tuple[list[str], bool]:
    """Return (issuers, certain). The signature block is the most reliable source."""
    if doc.signature_orgs:
        return doc.signature_orgs, True
    for line in doc.main[:3]:
        m = rules.RED_HEAD.match(line)
        if m and rules.ORG_NAME.match(m.group(1).split()[-1]):
            return m.group(1).split(), True
    for line in doc.main[:3]:
        if rules.DOC_NUMBER.search(line) or (title_text and compact(line) == title_text):
            break
        if is_org_line(line):
            return line.split(), True
    if title_text and "关于" in title_text:
        prefix = title_text.split("关于", 1)[0]
        if prefix and rules.ORG_NAME.match(prefix):
            return [prefix], False
    return [], False


def iso_date(text: str | None) -> str | None:
    if not text:
        return None
    m = rules.DATE.search(text)
    if not m:
        return None
    year, month, day = (to_int(g) for g in m.groups())
    if not year or not month or not day or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def year(title_text: str | None, number: str | None, issued: str | None, text: str) -> int | None:
    if title_text:
        m = rules.YEAR_IN_TITLE.search(title_text)
        if m:
            return int(m.group(1))
    if number:
        m = re.search(r"(\d{4})", number)
        if m:
            return int(m.group(1))
    if issued:
        return int(issued[:4])
    m = re.search(r"((?:19|20)\d{2})\s*年[^。\n]{0,12}质量月", text)
    return int(m.group(1)) if m else None


def recipients(doc: Document) -> list[str]:
    for line in doc.header:
        if rules.RECIPIENT_LINE.match(line) and not rules.HEADING_1.match(line):
            return split_recipients(line.rstrip("：:"))
    return []


def split_recipients(text: str) -> list[str]:
    out: list[str] = []
    for part in re.split(r"[，,；;]", text):
        part = part.strip()
        if not part:
            continue
        pieces = [p.strip() for p in part.split("、")]
        # "各市、县、自治县质量强市（县）办公室" shares one head noun, so it stays whole.
        if len(pieces) > 1 and all(len(p) >= 4 for p in pieces):
            out.extend(pieces)
        else:
            out.append(part)
    return out


def publication(doc: Document) -> str | None:
    for line in doc.lines:
        m = rules.PUBLICATION.match(line)
        if m:
            return m.group(1).strip()
    return None


def _strip_province(name: str) -> str | None:
    m = rules.PROVINCE_PREFIX.match(name)
    return name[m.end() :] if m else None


def level_of_name(name: str) -> str | None:
    """Level implied by an organisation's name alone, or None when a 市 could be either."""
    if rules.NATIONAL_PREFIX.match(name):
        return "national"
    rest = _strip_province(name)
    if rest is not None:
        if rules.COUNTY_NAME.match(rest):
            return "county"
        # A municipality (北京市) is itself province-level; "福建省三明市…" is a city.
        if rules.CITY_NAME.match(rest) and not any(
            name.startswith(m) for m in rules.MUNICIPALITIES
        ):
            return "city"
        return "province"
    if rules.COUNTY_NAME.match(name):
        return "county"
    if rules.CITY_NAME.match(name):
        return None
    return None


def level(names: list[str], recipient_list: list[str], doc: Document) -> tuple[str | None, bool]:
    """The issuer's level; returns (level, certain)."""
    if not names:
        return None, False
    found = level_of_name(names[0])
    if found:
        return found, True
    city = rules.CITY_NAME.match(names[0])
    if not city:
        return None, False
    joined = "，".join(recipient_list)
    if rules.COUNTY_RECIPIENTS.search(joined):
        return "county", True
    if rules.CITY_RECIPIENTS.search(joined):
        return "city", True
    # A 市 that implements another 市's notice sits below it: a county-level city.
    own = city.group(0)
    for line in _preamble(doc):
        for m in re.finditer(rf"([{rules.CJK}]{{1,6}}(?:市|州|盟))[{rules.CJK}]{{0,20}}?《", line):
            other = re.sub(r"^(?:和|及|与|并|、)", "", m.group(1))
            # "质量强市" is a programme, not a place.
            if "强" in other or "质量" in other:
                continue
            if other != own and not other.endswith(own) and not rules.PROVINCE_PREFIX.match(other):
                return "county", True
    return "city", False


def copied_to(doc: Document) -> str:
    """The 抄送 line of the 版记 (GB/T 9704 7.4.2) as written, without its label and the
    closing full stop; lines wrapped under it are joined."""
    for i, line in enumerate(doc.lines):
        m = rules.COPY_TO.match(line)
        if not m:
            continue
        parts = [line[m.end() :].strip()]
        for more in doc.lines[i + 1 : i + 3]:
            if rules.DATE.search(more) or not more.strip() or rules.ATTACHMENT_START.match(more):
                break
            if more.rstrip().endswith(("。", "，", ",")) or "、" in more or "，" in more:
                parts.append(more.strip())
            else:
                break
        return "".join(parts).strip().rstrip("。.")
    return ""
