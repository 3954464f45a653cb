"""Theme, slogans, co-organizers, attachments and the section outline."""

from __future__ import annotations

import re
from collections.abc import Callable

from . import header, rules
from .result import Attachment as ParsedAttachment
from .result import ParsedSection, SectionItem
from .structure import Attachment, Document, Section, compact, is_terminator

_QUOTES = "“”\"'「」『』‘’"
_TRAILING = "。．.；;，,！!"
_LOST_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\?(?=[\u4e00-\u9fff])")


def clean_phrase(text: str) -> str:
    """A slogan or theme without list numbering, a "主题：" label, surrounding quotes or a
    final full stop."""
    text = rules.BULLET.sub("", text.strip())
    text = rules.THEME_LABEL_PREFIX.sub("", text)
    m = rules.HEADING_3.match(text)
    if m:
        text = m.group(2)
    text = rules.LIST_NUMBER.sub("", text)
    text = text.strip().rstrip(_TRAILING).strip()
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    # A mirror writes the space between a theme's halves as "?" ("加强全面质量管理?推动…").
    return _LOST_SPACE.sub(" ", text)


def as_written(theme: str | None, original: str) -> str | None:
    """The theme with the word break the page wrote between its halves ("加强质量支撑 共建质量
    强国"), which normalising the text took out of an unquoted line, when the page never writes
    it without. Only one or two breaks: a text layer that spaces every character has no halves
    to keep apart."""
    if not theme or " " in theme or theme in original:
        return theme
    spaced = "[ \u3000]*".join(map(re.escape, theme))
    m = re.search(spaced, original)
    if m is None:
        return theme
    written = re.sub(r"[ \u3000]+", " ", m.group(0))
    return written if 0 < written.count(" ") <= 2 else theme


def theme(doc: Document) -> tuple[str | None, bool]:
    """Return (theme, certain): a 活动主题 section beats a "主题：" line in an attachment."""
    for section in doc.sections:
        if rules.THEME_SECTION.match(section.title) and section.lines:
            for line in section.lines[:2]:
                # "…活动的主题是：“…”" under the heading, or the bare theme a line lower.
                m = rules.THEME_SENTENCE.search(line)
                if m:
                    return clean_phrase(m.group(1)), True
                # "2005年质量月活动主题定为:…;副主题定为:…": the theme, not the sub-theme.
                m = rules.THEME_COLON.search(line)
                if m:
                    return clean_phrase(m.group(1) or m.group(2)), True
            first = section.lines[0]
            if rules.THEME_LEAD_IN.search(first) and len(section.lines) > 1:
                # "今年“质量月”活动的主题是：" announces the theme on the line below.
                return clean_phrase(section.lines[1]), True
            return clean_phrase(first), True
    lines = doc.main + [ln for att in doc.attachments for ln in att.lines]
    for i, line in enumerate(lines):
        for pattern in rules.THEME_INLINE:
            m = _campaign_theme(pattern, line)
            if not m:
                continue
            value = m.group(1).strip()
            return clean_phrase(value), False
        if re.fullmatch(r"主\s*题\s*[：:]", line) and i + 1 < len(lines):
            return clean_phrase(lines[i + 1]), False
        # "今年质量月活动的主题是：“…”" in a paragraph, as digests and reports write it: the first
        # place the text gives a theme wins over a later "以“…”为主题" (a programme's own).
        for pattern in (rules.THEME_SENTENCE, rules.THEME_AROUND, rules.THEME_THIS):
            m = _campaign_theme(pattern, line)
            if m:
                return clean_phrase(m.group(1)), False
        m = _first(rules.THEME_QUOTED_BEFORE, line, _national_theme)
        if m:
            return clean_phrase(m.group(1)), False
    for line in lines:
        m = rules.THEME_COLON.search(line)
        if m:
            return clean_phrase(m.group(1) or m.group(2)), False
    for line in lines:
        # Quoted words naming this year's 质量月 event; not a slogan of other words.
        m = _first(rules.THEME_NAMING, line, lambda m: "质" in m.group(1))
        if m:
            return clean_phrase(m.group(1)), False
    for pattern in (rules.THEME_UNQUOTED, rules.THEME_STATED):
        for line in lines:
            m = _campaign_theme(pattern, line)
            if m:
                return clean_phrase(m.group(1) or m.group(2)), False
    return None, False


def _first(
    pattern: re.Pattern[str], line: str, accept: Callable[[re.Match[str]], bool]
) -> re.Match[str] | None:
    """The first of the pattern's matches in the line that ``accept`` takes."""
    return next((m for m in pattern.finditer(line) if accept(m)), None)


def _campaign_theme(pattern: re.Pattern[str], line: str) -> re.Match[str] | None:
    """The first of the pattern's themes in the line that is the campaign's, not an event's."""
    return _first(pattern, line, lambda m: not _event_theme(m))


def _national_theme(m: re.Match[str]) -> bool:
    """Whether the quoted words are a year's national theme."""
    return header.theme_words(m.group(1)) in rules.NATIONAL_THEMES


def _event_theme(m: re.Match[str]) -> bool:
    """Whether the words are the theme of an event of its own, not of the campaign: "以“安全
    乘梯，你我做起”为主题的宣传教育活动", "以实验室检测工作为主题的座谈会", the open day's
    "今年的主题是". A campaign's theme speaks of 质量; an event named after it as a 质量月 event
    carries the campaign's."""
    value = m.group(1) or (m.group(2) if m.re.groups > 1 else "") or ""
    if header.theme_words(value) in rules.NATIONAL_THEMES:
        return False  # the year's national theme, whatever event carries it
    rest = m.string[m.end() :]
    if rules.TALK_ON_THEME.match(rest):
        return True
    clause = re.split(r"[，。；;,！？]", rest, maxsplit=1)[0]
    if rest.startswith("的") and not rules.CAMPAIGN_WORDS.search(clause):
        # "…为主题的陕西省青年职业技能大赛": a contest, an open day, a week of its own.
        if "质" not in value or rules.OWN_EVENT.search(clause):
            return True
    # "全国检验检测机构开放日是全国质量月活动的重要内容，今年的主题是“…”": the sentence is
    # about the open day, named before the campaign.
    sentence = re.split(r"[。！？\n]", m.string[: m.start()])[-1]
    event = rules.OWN_EVENT.search(sentence)
    campaign = rules.CAMPAIGN_WORDS.search(sentence)
    return bool(event and (not campaign or event.start() < campaign.start()))


def _slogan_blocks(doc: Document) -> list[list[str]]:
    blocks = [att.lines for att in doc.attachments if rules.SLOGAN_TITLE.search(att.title)]
    blocks += [s.lines for s in doc.sections if rules.SLOGAN_TITLE.search(s.title)]
    return blocks


def slogans(doc: Document) -> list[str]:
    out: list[str] = []
    for block in _slogan_blocks(doc):
        skip_next = False
        for line in block:
            if skip_next:
                skip_next = False
                continue
            if re.match(r"^主\s*题\s*[：:]", line):
                # "主题：" alone announces the theme on the next line, which is not a slogan.
                skip_next = not re.sub(r"^主\s*题\s*[：:]", "", line).strip()
                continue
            if re.fullmatch(r"(?:宣传)?口\s*号\s*[：:]?", line):
                continue
            # Several slogans on one line are separated by "；" in some notices.
            for part in re.split(r"[；;]", line):
                phrase = clean_phrase(part)
                if 2 <= len(phrase) <= 40 and "。" not in phrase and phrase not in out:
                    out.append(phrase)
    return out


def co_organizers(doc: Document, issuer_list: list[str]) -> list[str]:
    for att in doc.attachments:
        if rules.CO_ORGANIZER_TITLE.search(att.title):
            return _split_names(" ".join(att.lines))
    for section in doc.sections:
        if rules.CO_ORGANIZER_TITLE.search(section.title):
            return _split_names(" ".join(section.lines))
    # A joint notice's issuers are the campaign's co-organizers (联合主办单位), also when its
    # title names only the lead ("市场监管总局等21个部门关于…").
    if len(issuer_list) > 1 or (
        issuer_list and any(_joint_title(compact(line)) for line in doc.main[:8])
    ):
        return list(issuer_list)
    return []


def _joint_title(line: str) -> bool:
    """A title line naming its lead and a count of departments, not a sentence citing one."""
    return bool(
        rules.TITLE_JOINT.match(line)
        and rules.TITLE.search(line)
        and not rules.CITED_SUPERIOR.match(line)
    )


def _split_names(text: str) -> list[str]:
    out: list[str] = []
    for name in re.split(r"[、，,；;\s]+", text):
        name = name.strip().rstrip(_TRAILING)
        if name and name not in out:
            out.append(name)
    return out


def attachments(doc: Document) -> list[ParsedAttachment]:
    included = {att.number: att for att in doc.attachments}
    listed = doc.attachment_list or [(att.number, att.title) for att in doc.attachments]
    out: list[ParsedAttachment] = []
    for number, title in listed:
        att: Attachment | None = included.get(number)
        if att is None and len(doc.attachments) == 1 == len(listed):
            att = doc.attachments[0]
        out.append(
            ParsedAttachment(
                number=number,
                title=title,
                included=att is not None,
                text="\n".join(att.lines) if att is not None else "",
            )
        )
    return out


def opening(doc: Document) -> list[str]:
    """The paragraphs between the 主送 line and the first heading: the basis and purpose
    ("根据……，现就有关事项通知如下："), and in a 印发 notice its own text and the plan's
    preamble. Contacts, the 附件 list, the 附注 and the plan's bare title are left out: they
    have fields of their own."""
    out: list[str] = []
    for line in doc.main[len(doc.header) :]:
        if rules.HEADING_1.match(line):
            break
        if is_terminator(line) or rules.HEADING_3.match(line):
            continue
        text = line.strip()
        if text and (text[-1] in "。：:；;" or len(text) > 40):
            out.append(text)
    return out


def sections(doc: Document) -> list[ParsedSection]:
    return [_parsed_section(s) for s in doc.sections]


def _parsed_section(section: Section) -> ParsedSection:
    return ParsedSection(
        number=section.number,
        title=section.title,
        items=[SectionItem(number=i.number, title=first_sentence(i.text)) for i in section.items],
        text="\n".join(section.lines),
    )


def first_sentence(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    head = re.split(r"(?<=[。！？])", first_line, maxsplit=1)[0]
    head = rules.ROLE_PAREN.sub("", head)
    return compact(head).rstrip(_TRAILING)
