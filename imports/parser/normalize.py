"""Turn extracted text into clean logical lines.

Extraction (web pages copied into TXT, PDF text layers, DOCX) leaves the same kinds of mess:
full-width digits, ideographic spaces, spaces wedged between 年 and the year, paragraphs cut
mid-sentence at the page width, site titles and related-article links around the notice, and
sometimes traditional characters. Punctuation is deliberately *not* folded to one width:
output strings must read exactly as the document wrote them, so the rules accept both widths.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from . import rules
from .structure import is_org_line

_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH_ALNUM |= {c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)}
_FULLWIDTH_ALNUM |= {c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)}
_SPACES = {0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x202F: " "}
_INVISIBLE = {0x200B: None, 0x200C: None, 0x200D: None, 0xFEFF: None, 0x00AD: None}
# Variant forms a traditional mirror uses that OpenCC's t2s leaves as they are (陜西 for 陝西):
# no simplified text writes them, so they are folded in every text.
_VARIANTS = {ord("陜"): "陕"}
_TRANSLATE = _FULLWIDTH_ALNUM | _SPACES | _INVISIBLE | _VARIANTS

# A mirror converted to Taiwan's words writes 品質 for 质量 (品質月, 國家品質監督檢驗檢疫總局):
# its mainland bodies' names tell it, as no mainland text names them so.
_TAIWAN_WORDS = re.compile(r"品质(?:技术)?监督|品质协会")


def _mainland_words(text: str) -> str:
    return text.replace("品质", "质量") if "品质月" in text and _TAIWAN_WORDS.search(text) else text


_CJK_CHAR = f"[{rules.CJK}]"
# Punctuation that never takes a space next to it in Chinese typesetting.
_CJK_PUNCT = "，。、；：！？“”‘’《》（）〔〕【】「」…—"
_NARROW = "[0-9A-Za-z%]"
_SPACE_AROUND_PUNCT = re.compile(rf"\s+(?=[{_CJK_PUNCT}])|(?<=[{_CJK_PUNCT}])\s+")
_SPACE_CJK_NARROW = re.compile(
    rf"(?<={_CJK_CHAR})\s+(?={_NARROW})|(?<={_NARROW})\s+(?={_CJK_CHAR})"
)
_SPACE_CJK_CJK = re.compile(rf"(?<={_CJK_CHAR}) (?={_CJK_CHAR})")
_QUOTED = re.compile(r"(“[^”]{0,60}”|「[^」]{0,60}」|『[^』]{0,60}』|\"[^\"\n]{0,60}\")")
_MULTISPACE = re.compile(r"[ ]{2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# A line ending in one of these finished its sentence, so the next line is a new paragraph.
# "；" is missing on purpose: PDF wraps split "；"-separated lists in the middle.
_SENTENCE_END = "。！？：!?:"
_CONTINUATION_START = "，。、；：！？”’」）)】》,.;:"
_CLOSERS = "”’」）)】》"
_TITLE_END = re.compile(
    r"(通知|方案|名单|口号|标语|安排表|计划表|计划|要点|活动|情况表|一览表|的函|倡议书)$"
)
_LABEL = re.compile(
    r"^(?:联\s*系\s*人|电\s*话|手\s*机|传\s*真|邮\s*箱|电子邮箱|地\s*址|邮\s*编|附\s*件|抄\s*送"
    # …but a wrapped line may start with the word itself ("主题。" after "以“…”为").
    r"|(?:主\s*题|口\s*号)(?=\s*[：:]|$))"
    # A disclosure page's metadata rows without their table ("发布机构元阳县人民政府办公室").
    rf"|{rules.METADATA_ROW.pattern}"
    # "2024年“质量月”主题：…" on a line of its own: a labelled value, not a cut sentence.
    r"|^[^：:，。,]{0,16}?(?:主\s*题|口\s*号)\s*[：:]"
)
_SEPARATOR_LINE = re.compile(r"[-—–|·•_=]+")
# A PDF's or OFD's page number between two pages' lines (GB/T 9704: "— 1 —"); a sentence cut by
# the page break runs on across it.
_PAGE_NUMBER = re.compile(r"[-—–－]\s*\d{1,3}\s*[-—–－]")
# "2024年3月20日" or a web page's "2024-03-20" on a line of its own.
_DATE_LINE = re.compile(rf"^(?:{rules.DATE.pattern}(?:印发|发布)?|\d{{4}}-\d{{1,2}}-\d{{1,2}})$")
# A wrapped physical line is long; short unpunctuated lines are headings, names or slogans.
_MIN_WRAPPED_LINE = 20
# A site's menu (网站首页 工作范例 办公范例 …): short words apart, a line of its own.
_MENU_LINE = re.compile(
    rf"(?:[{rules.CJK}A-Za-z0-9]{{1,6}}[ \u3000]+){{3,}}[{rules.CJK}A-Za-z0-9]{{1,6}}"
)
# Enough traditional-only characters to be sure, few enough to catch a short notice.
_TRADITIONAL_THRESHOLD = 3


@dataclass
class Normalized:
    text: str
    lines: list[str]
    original_text: str | None = None
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _t2s():  # -> opencc.OpenCC; built once because loading the dictionaries costs a few ms
    import opencc

    return opencc.OpenCC("t2s")


def remove_junk(text: str) -> tuple[str, bool]:
    """Take out what mirror sites inject: pinyin after characters (创(chuàng)), spam words."""
    cleaned = rules.PINYIN_GLOSS.sub("", text)
    cleaned = rules.SPAM_WORDS.sub("", cleaned)
    cleaned = rules.DOUBLED_PUNCT.sub("", cleaned)
    return cleaned, cleaned != text


def simplified(text: str) -> str:
    """The text in simplified characters, converted only when it is traditional."""
    return _t2s().convert(text) if is_traditional(text) else text


def is_traditional(text: str) -> bool:
    return sum(1 for ch in text if ch in rules.TRADITIONAL_MARKERS) >= _TRADITIONAL_THRESHOLD


# HTML entities whose letters a copy's encoding turned into ideographs, one for one (&ldquo;
# as &濒诲辩耻辞;): the letters' GB2312 codes read as another table's.
_GARBLED_ENTITIES = {
    "&濒诲辩耻辞;": "“",
    "&谤诲辩耻辞;": "”",
    "&濒蝉辩耻辞;": "‘",
    "&谤蝉辩耻辞;": "’",
    "&苍产蝉辫;": " ",
    "&尘诲补蝉丑;": "—",
    "&丑别濒濒颈辫;": "…",
}
_GARBLED_ENTITY = re.compile("|".join(map(re.escape, _GARBLED_ENTITIES)))


_HTML_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#[0-9]{2,6}|#[xX][0-9A-Fa-f]{2,5});")


def fold_characters(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A page copied with its HTML entities: &ldquo;质量月&rdquo;, &quot;, &nbsp;.
    text = _HTML_ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = _GARBLED_ENTITY.sub(lambda m: _GARBLED_ENTITIES[m.group(0)], text)
    text = text.translate(_TRANSLATE)
    return _CONTROL.sub("", text)


def fix_spaces(line: str) -> str:
    """Remove spaces that extraction put inside words, keep the ones between slogan halves."""
    if "\t" in line:
        # Table rows keep their cells as written ("9-10 月" is reported raw).
        return "\t".join(cell.strip() for cell in line.split("\t"))
    if len(line.split()) > 1 and is_org_line(line.strip()):
        # A joint signature's row of names keeps them apart, also after a closing bracket
        # ("…监督管理局（…知识产权局）    湖南省发展和改革委员会").
        return " ".join(line.split())
    line = _MULTISPACE.sub(" ", line.strip())
    line = _SPACE_AROUND_PUNCT.sub("", line)
    line = _SPACE_CJK_NARROW.sub("", line)
    # In running prose a space between two ideographs is a wrap artefact ("组织 开展"); short
    # unpunctuated lines are slogans and themes whose single space is meaningful.
    if len(line) > 40 and ("，" in line or "。" in line):
        # Quoted phrases keep their spaces: "质量第一 诚信做产品" is a slogan quoted in prose.
        parts = _QUOTED.split(line)
        line = "".join(p if _QUOTED.fullmatch(p) else _SPACE_CJK_CJK.sub("", p) for p in parts)
    return line


def strip_boilerplate(lines: list[str]) -> tuple[list[str], list[str]]:
    """Drop the web page around a notice copied from a site: its title bar and related links."""
    dropped: list[str] = []
    start = 0
    while start < len(lines):
        line = lines[start]
        if not line or rules.BOILERPLATE_LINE.match(line):
            start += 1
            continue
        m = rules.WEB_TITLE.match(line)
        if m and not line.endswith(("通知", "方案", "意见")) and not rules.DOC_NUMBER.search(line):
            dropped.append(line)
            start += 1
            continue
        break
    # A news page's links to the previous and next article close the article: what follows is
    # the site's other news ("上一篇：市场监管总局等三十四部门联合开展全国“质量月”活动").
    end = next(
        (i for i in range(start + 1, len(lines)) if rules.NEXT_ARTICLE.match(lines[i])), len(lines)
    )
    dropped += [line for line in lines[end:] if line]
    while end > start:
        line = lines[end - 1]
        if not line or rules.BOILERPLATE_LINE.match(line) or rules.RELATED_LINK.match(line):
            if line:
                dropped.append(line)
            end -= 1
            continue
        break
    return lines[start:end], dropped


_STAMPED = re.compile(r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s*$")


def _starts_new_paragraph(line: str) -> bool:
    return bool(
        "\t" in line
        or rules.HEADING_1.match(line)
        or rules.HEADING_2.match(line)
        or rules.HEADING_3.match(line)
        or rules.BULLET.match(line)
        or rules.ATTACHMENT_START.match(line)
        or rules.PUBLICATION.match(line)
        or _LABEL.match(line)
        or _DATE_LINE.match(line)
        # The document's number on its own line under the red head.
        or rules.DOC_NUMBER.fullmatch(line.strip())
    )


def _continues(prev: str, line: str, full_width: int | None, physical: int) -> bool:
    """Whether ``line`` is the rest of a sentence that a page or column width cut off.

    ``physical`` is the length of the last source line in ``prev``: only that one was cut.
    """
    if "\t" in prev or "\t" in line:
        return False
    if line[0] in _CONTINUATION_START and not rules.PUBLICATION.match(line):
        return True
    if len(prev) < _MIN_WRAPPED_LINE or _starts_new_paragraph(line):
        return False
    tail = prev.rstrip(_CLOSERS)
    if not tail or tail[-1] in _SENTENCE_END:
        return False
    if _LABEL.match(prev) or _DATE_LINE.match(prev) or _MENU_LINE.fullmatch(prev):
        return False
    if _STAMPED.search(prev):
        # "- 盐城农产品…贸易总额6.6亿2016-11-28": an article of a page's list, dated as web pages
        # date them; no sentence is cut after such a stamp.
        return False
    if len(prev.split()) > 1 and is_org_line(prev.strip()):
        # A joint red head or signature two names to a line ("江西省市场监督管理局 江西省发展
        # 和改革委员会"): a row of names, not a cut sentence.
        return False
    red_head = rules.RED_HEAD.match(prev.strip())
    if red_head and is_org_line(red_head.group(1)):
        # "湖北省市场监督管理局 湖北省发展和改革委员会 湖北省教育厅文件": a red head on one line.
        return False
    if full_width and physical >= full_width - 1:
        # The line filled the page width, so whatever it looks like, it was cut.
        return True
    heading = rules.HEADING_1.match(prev) or rules.HEADING_2.match(prev)
    if heading and "。" not in prev and "，" not in prev:
        return False
    return not ("。" not in prev and _TITLE_END.search(prev))


def _wrap_width(lines: list[str]) -> int | None:
    """The page width in characters when the text was wrapped at one (PDF text layers)."""
    lengths = [len(ln) for ln in lines if len(ln) >= _MIN_WRAPPED_LINE and "\t" not in ln]
    if len(lengths) < 10:
        return None
    counts: dict[int, int] = {}
    for n in lengths:
        # Wrapped lines differ by a character or two (a narrow digit, a full-width bracket).
        for k in (n - 1, n, n + 1):
            counts[k] = counts.get(k, 0) + 1
    width, hits = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return width if hits >= 0.3 * len(lengths) else None


def join_wrapped(lines: list[str]) -> list[str]:
    out: list[str] = []
    full_width = _wrap_width(lines)
    physical = 0
    for line in lines:
        if out and _continues(out[-1], line, full_width, physical):
            prev = out[-1]
            sep = " " if prev[-1].isascii() and prev[-1].isalnum() and line[0].isascii() else ""
            out[-1] = prev + sep + line
        else:
            out.append(line)
        physical = len(line)
    return out


def normalize(text: str) -> Normalized:
    text = fold_characters(unicodedata.normalize("NFC", text))
    original: str | None = None
    warnings: list[str] = []
    if is_traditional(text):
        original = text
        text = _t2s().convert(text)
        warnings.append("原文为繁体字，已转换为简体；原文保留在 original_text 中。")
        mainland = _mainland_words(text)
        if mainland != text:
            text = mainland
            warnings.append("原文按台湾用语转写（“品质”代“质量”），已改回“质量”。")
    text, removed = remove_junk(text)
    if removed:
        warnings.append("已去除转载网站插入的无关内容（拼音注音、广告词等）。")
    raw_lines = [ln.strip() if "\t" not in ln else ln.strip(" \n") for ln in text.split("\n")]
    if any(rules.ELISION_LINE.match(ln) for ln in raw_lines):
        warnings.append("原文有省略（……），内容可能不完整。")
        raw_lines = [ln for ln in raw_lines if not rules.ELISION_LINE.match(ln)]
    # Blank lines carry no meaning here: the seeds break paragraphs with and without them; nor do
    # a page's separator lines ("-" between its metadata rows).
    kept, dropped = strip_boilerplate(
        [
            ln
            for ln in raw_lines
            if ln.strip()
            and not _SEPARATOR_LINE.fullmatch(ln.strip())
            and not _PAGE_NUMBER.fullmatch(ln.strip())
        ]
    )
    if dropped:
        warnings.append(f"已忽略网页附带内容 {len(dropped)} 行。")
    lines = [fix_spaces(ln) for ln in join_wrapped([ln for ln in kept if ln.strip()])]
    lines = [ln for ln in lines if ln]
    return Normalized(text="\n".join(lines), lines=lines, original_text=original, warnings=warnings)
