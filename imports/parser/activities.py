"""Concrete activities with their lead and supporting units and their time windows.

Activities come from four places in the seeds: items under 主要活动 / 重点安排 headings, rows
of an activity schedule table, a co-organizer's paragraph in an attachment ("二、省工业和信息化厅
组织…"), and, only when nothing else exists, the items of the 活动内容 section.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import rules
from .content import first_sentence
from .numerals import to_int
from .result import LocalityActivities, ParsedActivity, Window
from .structure import Document, compact

Activity = ParsedActivity

_TRAILING = "。．.；;，,：:、"
_PARTS = {"上旬": "上旬", "中旬": "中旬", "下旬": "下旬", "初": "上旬", "上半月": "上旬"}
_PARTS |= {"底": "下旬", "末": "下旬", "下半月": "下旬"}


# --- roles -----------------------------------------------------------------------------------


_OPENING, _CLOSING = "（(【[《〔", "）)】]》〕"


def _split_outside_brackets(text: str) -> list[str]:
    """``rules.UNIT_SPLIT.split(text)`` that leaves a name's bracketed part whole:
    "各县（市、区）市场监管局" is one name, not "各县（市" and "区）市场监管局"."""
    out: list[str] = []
    start = depth = 0
    position = 0
    while position < len(text):
        if depth == 0:
            m = rules.UNIT_SPLIT.match(text, position)
            if m and m.end() > position:
                out.append(text[start:position])
                start = position = m.end()
                continue
        if text[position] in _OPENING:
            depth += 1
        elif text[position] in _CLOSING and depth:
            depth -= 1
        position += 1
    out.append(text[start:])
    return out


def split_units(text: str) -> list[str]:
    out: list[str] = []
    for unit in _split_outside_brackets(text):
        unit = rules.ROLE_UNIT_PREFIX.sub("", unit.strip(" 　" + _TRAILING))
        unit = rules.ROLE_UNIT_SUFFIX.sub("", unit).strip(" " + _TRAILING)
        if unit and unit not in out:
            out.append(unit)
    return out


def parse_roles(text: str) -> tuple[list[str], list[str]]:
    """ "质量局牵头，办公室、综合处等配合" -> (["质量局"], ["办公室", "综合处"])."""
    lead: list[str] = []
    support: list[str] = []
    labeled = list(rules.ROLE_LABELED.finditer(text))
    if labeled:
        for m in labeled:
            target = support if re.match(r"协办|配合|参与", m.group(1)) else lead
            target.extend(u for u in split_units(m.group(2)) if u not in target)
        return lead, support
    for m in rules.ROLE_CLAUSE.finditer(text):
        units = split_units(m.group(1))
        if not units:
            continue
        # A second 负责 after a 牵头 ("消保处牵头，相关处室按职责分工负责") is a supporting role.
        if m.group(2) in rules.LEAD_WORDS and not lead:
            lead.extend(units)
        else:
            support.extend(u for u in units if u not in support and u not in lead)
    return lead, support


# --- windows ----------------------------------------------------------------------------------


def parse_window(when: str | None) -> Window | None:
    """ "9-10 月" -> {start_month: 9, end_month: 10, part: None, all_year: False}."""
    if not when:
        return None
    text = when.strip()
    if rules.ALL_YEAR.search(text):
        return Window(start_month=1, end_month=12, part=None, all_year=True)
    m = rules.WINDOW_RANGE.match(text)
    if m:
        start, end = to_int(m.group(1)), to_int(m.group(2))
        part = _PARTS.get(m.group(3) or "")
    else:
        m = rules.WINDOW_SINGLE.match(text)
        if not m:
            return None
        start = end = to_int(m.group(1))
        part = _PARTS.get(m.group(2) or "")
    if not start or not end or not (1 <= start <= 12 and 1 <= end <= 12):
        return None
    return Window(start_month=start, end_month=end, part=part, all_year=False)


def _activity(
    title: str,
    *,
    lead: list[str] | None = None,
    support: list[str] | None = None,
    when: str | None = None,
    source: str,
    number: str | None = None,
    text: str = "",
    parent: str | None = None,
) -> Activity:
    return ParsedActivity(
        title=title,
        lead=lead or [],
        support=support or [],
        when=when,
        window=parse_window(when),
        source=source,
        number=number,
        parent=parent,
        text=text,
    )


# --- prose items ------------------------------------------------------------------------------


def _strip_punct(text: str) -> str:
    return text.strip().strip(_TRAILING).strip()


def _sub_title(segment: str) -> str:
    """The first clause of the segment's last sentence: the action a unit is named for."""
    sentences = [s for s in re.split(r"。", _strip_punct(segment)) if _strip_punct(s)]
    last = _strip_punct(sentences[-1]) if sentences else _strip_punct(segment)
    return _strip_punct(re.split(r"[，,]", last, maxsplit=1)[0])


def activities_from_item(number: str, text: str, source: str) -> list[Activity]:
    flat = text.replace("\n", "")
    title = first_sentence(text)
    parens = list(rules.ROLE_PAREN.finditer(flat))
    if len(parens) >= 2:
        # Several units each own one part of the item (Hunan 主要活动 (四)): one activity each.
        out: list[Activity] = []
        start = 0
        for i, m in enumerate(parens):
            segment = flat[start : m.start()]
            if i == 0 and "。" in segment:
                # The item's own heading sentence is the parent, not part of the first activity.
                head, _, rest = segment.partition("。")
                segment = rest if _strip_punct(rest) else head
            lead, support = parse_roles(m.group(1))
            out.append(
                _activity(
                    _sub_title(segment),
                    lead=lead,
                    support=support,
                    source=source,
                    number=number,
                    text=_strip_punct(segment),
                    parent=title,
                )
            )
            start = m.end()
        return out
    lead, support = parse_roles(parens[0].group(1)) if parens else parse_roles_labeled(flat)
    clean = compact(rules.ROLE_PAREN.sub("", flat))
    return [
        _activity(
            title,
            lead=lead,
            support=support,
            source=source,
            number=number,
            text=_strip_punct(clean),
        )
    ]


def parse_roles_labeled(text: str) -> tuple[list[str], list[str]]:
    """Only the explicit "牵头单位：…" form, or an item's last sentence that says who owns it
    ("由质量发展科负责，各县区局配合。"); bare 负责 in running prose is not an owner."""
    if rules.ROLE_LABELED.search(text):
        return parse_roles(text)
    stated = rules.ROLE_SENTENCE.search(text)
    if stated:
        return parse_roles(stated.group(1))
    return [], []


# --- tables -----------------------------------------------------------------------------------


def _column_key(cell: str) -> str | None:
    cell = re.sub(r"\s+", "", cell)
    for key, names in rules.TABLE_COLUMNS.items():
        if cell in names:
            return key
    for key, names in rules.TABLE_COLUMNS.items():
        if any(name in cell for name in names):
            return key
    return None


def _header_map(cells: list[str]) -> dict[str, int] | None:
    mapping: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = _column_key(cell)
        if key and key not in mapping:
            mapping[key] = i
    if len(mapping) >= 3 and ("title" in mapping or "content" in mapping):
        return mapping
    return None


def _cell_reader(header: dict[str, int], cells: list[str]) -> Callable[[str], str]:
    def cell(key: str) -> str:
        i = header.get(key)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    return cell


def table_activities(lines: list[str]) -> list[Activity]:
    out: list[Activity] = []
    header: dict[str, int] | None = None
    header_cells: list[str] = []
    for line in lines:
        if "\t" not in line:
            continue
        cells = [c.strip() for c in line.split("\t")]
        found = _header_map(cells)
        if found:
            # Long tables repeat their header on every page (Yong'an).
            header, header_cells = found, cells
            continue
        if header is None or cells == header_cells or not any(cells):
            continue

        cell = _cell_reader(header, cells)
        title = cell("title") or first_sentence(cell("content"))
        if not title:
            continue
        out.append(
            _activity(
                _strip_punct(title),
                lead=split_units(cell("lead")),
                support=split_units(cell("support")),
                when=cell("when") or None,
                source="table",
                number=cell("number") or None,
                text=cell("content"),
            )
        )
    return out


# --- co-organizers' items ----------------------------------------------------------------------


def paragraph_activities(lines: list[str]) -> list[Activity]:
    """Activities a paragraph enumerates ("一是…（质量科牵头）；二是…", "1、…；2、…"), each
    with the unit named in parentheses at its end."""
    out: list[Activity] = []
    for line in lines:
        marks = list(rules.INLINE_ITEM.finditer(line))
        for i, m in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(line)
            number = m.group(1) or m.group(2) or m.group(3)
            text = line[m.end() : end].strip()
            if text:
                out.extend(activities_from_item(number, text, "paragraph"))
    return out


def _unit_at_start(text: str, known: list[str]) -> str | None:
    for name in sorted(known, key=len, reverse=True):
        if text.startswith(name):
            return name
    m = rules.ORG_AT_START.match(text)
    return m.group(1) if m else None


def co_organizer_activities(lines: list[str], known: list[str]) -> list[Activity]:
    out: list[Activity] = []
    for line in lines:
        m = rules.HEADING_1.match(line) or rules.HEADING_3.match(line)
        if not m:
            continue
        number, text = m.group(1), m.group(2).strip()
        unit = _unit_at_start(text, known)
        title = first_sentence(text)
        support: list[str] = []
        joint = rules.JOINT_WITH.search(title)
        if unit and joint and joint.start() == len(unit):
            support = split_units(joint.group(1))
        out.append(
            _activity(
                title,
                lead=[unit] if unit else [],
                support=support,
                source="attachment",
                number=number,
                text=_strip_punct(text),
            )
        )
    return out


_LOCALITY = re.compile(r"^([^：:，,。；;]{2,14})[：:](.+)$")


def localities(doc: Document) -> list[LocalityActivities]:
    """Activities reported by the cities and prefectures: "1. 长沙市：…；…；…"."""
    out: list[LocalityActivities] = []
    for att in doc.attachments:
        if not rules.ACTIVITY_ATTACHMENT_TITLE.search(att.title):
            continue
        for line in att.lines:
            m = rules.HEADING_3.match(line) or rules.HEADING_1.match(line)
            loc = _LOCALITY.match(m.group(2).strip()) if m else None
            if not loc:
                continue
            items = [_strip_punct(p) for p in re.split(r"[；;]", loc.group(2))]
            out.append(LocalityActivities(unit=loc.group(1).strip(), items=[p for p in items if p]))
    return out


def _is_locality_attachment(lines: list[str]) -> bool:
    numbered = [ln for ln in lines if rules.HEADING_3.match(ln) or rules.HEADING_1.match(ln)]
    if not numbered:
        return False
    hits = 0
    for ln in numbered:
        m = rules.HEADING_3.match(ln) or rules.HEADING_1.match(ln)
        if m and _LOCALITY.match(m.group(2).strip()):
            hits += 1
    return hits * 2 > len(numbered)


def activities(doc: Document, known_orgs: list[str]) -> tuple[list[Activity], bool]:
    """Return (activities, certain).

    A schedule table (活动计划安排表) is the plan's own list of activities: when there is one,
    its rows are the activities, and the 重点活动安排 prose items, which announce the same
    work in other words (Yong'an: six items, twelve rows), are body text, not more activities.
    """
    tabled = table_activities(doc.main)
    for att in doc.attachments:
        tabled.extend(table_activities(att.lines))
    if tabled:
        return tabled, True
    out: list[Activity] = []
    for section in doc.sections:
        if rules.ACTIVITY_SECTION.search(section.title) and "要求" not in section.title:
            for item in section.items:
                out.extend(activities_from_item(item.number, item.text, "section"))
            if not section.items:
                out.extend(paragraph_activities(section.lines))
    for att in doc.attachments:
        if rules.ACTIVITY_ATTACHMENT_TITLE.search(att.title) and not _is_locality_attachment(
            att.lines
        ):
            out.extend(co_organizer_activities(att.lines, known_orgs))
    if out:
        return out, True
    # No explicit activity list: the content items ("五大质量活动") are the best we have.
    for section in doc.sections:
        if rules.CONTENT_SECTION.search(section.title):
            for item in section.items:
                out.extend(activities_from_item(item.number, item.text, "content"))
    return out, False


# --- a report's own list ------------------------------------------------------------------------

_LINE_ITEM = re.compile(
    r"^\s*(?:(\d{1,2})\s*[.、．](?!\d)|[（(]([一二三四五六七八九十]{1,3})[）)]"
    r"|([一二三四五六七八九十]{1,3})(?:是|、))"
    r"\s*(\S.*)$"
)


def report_activities(lines: list[str], known: list[str]) -> list[Activity]:
    """The activities a report lists as the campaign's own: numbered lines "1.…" "2.…" in
    order (page junk between them is skipped), or "一是…二是…" after "N个方面"/"如下" in a
    paragraph. A list announced as requirements (提出五点要求：一是…) is no activity list."""
    found = _numbered_lines(lines, known)
    if found:
        return found
    out: list[Activity] = []
    for line in lines:
        intro = rules.REPORT_ACTIVITY_INTRO.search(line)
        if not intro:
            continue
        rest = line[intro.end() :]
        marks = list(rules.INLINE_ITEM.finditer(rest))
        if len(marks) < 2 or marks[0].start() > 2:
            continue
        for i, m in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(rest)
            item = rest[m.end() : end]
            if first_sentence(item):
                # "（一）质量宣传进社区（市场监管局牵头）": the item's units in its parentheses.
                number = m.group(1) or m.group(2) or m.group(3)
                out.extend(activities_from_item(number, item, "report"))
        if out:
            return out
    return out


def _announces_activities(line: str) -> bool:
    """Whether the line before a numbered list announces the campaign's activities: "主要活动
    如下：", "从四个方面开展", or any last sentence naming its 活动 or 方案 ("将在全州开展系列活动：",
    "制定质量月活动实施方案。") — unless its last clause announces requirements or a speech's
    points ("提出五点要求："); "根据…的要求" earlier in the sentence is only its basis."""
    last = re.split(r"[。；;]", line.rstrip("：:。，, "))[-1]
    clause = re.split(r"[，,]", last)[-1]
    if rules.REQUIREMENTS_INTRO.search(clause):
        return False
    return bool(rules.ACTIVITY_LIST_INTRO.search(last) or re.search(r"活动|方案", last))


def _numbered_lines(lines: list[str], known: list[str]) -> list[Activity]:
    out: list[Activity] = []
    expected = 1
    before = ""
    for line in lines:
        m = _LINE_ITEM.match(line)
        number = to_int(m.group(1) or m.group(2) or m.group(3)) if m else None
        if m is None or number != expected:
            if not out:
                before = line
            continue
        # The list must be announced as the campaign's activities ("主要活动如下：", "从四个
        # 方面开展"); a speech's points or requirements (提出五点要求：) are not.
        if expected == 1 and not _announces_activities(before):
            return []
        text = m.group(4)
        unit = _unit_at_start(text, known)
        title = first_sentence(text)
        joint = rules.JOINT_WITH.search(title)
        support = (
            split_units(joint.group(1)) if unit and joint and joint.start() == len(unit) else []
        )
        out.append(
            _activity(
                title,
                lead=[unit] if unit else [],
                support=support,
                source="report",
                number=str(number),
                text=_strip_punct(text),
            )
        )
        expected += 1
    return out if len(out) >= 2 else []
