"""Read a Quality Month notice or plan and return its structure as typed values.

Pure Python on purpose: no Django import, so the import flow, the management command, the
accuracy script and the tests all share one code path and it runs anywhere.

    >>> from imports.parser import parse_text
    >>> parse_text(text).doc_number
    '湘市监办发〔2023〕57号'
    >>> parse_text(text).to_json()  # the ``parse_notice --json`` schema
"""

from __future__ import annotations

import os
import re
from typing import Any

from . import activities as _activities
from . import content, digest, disclosure, header, places, ranker, reporting, rules, tables
from .errors import NoticeParseError
from .extract import extract_text
from .normalize import normalize as _normalize
from .result import (
    Attachment,
    Contact,
    LocalityActivities,
    ParsedActivity,
    ParsedNotice,
    ParsedSection,
    Window,
)
from .structure import is_org_line, segment

__all__ = [
    "Attachment",
    "Contact",
    "LocalityActivities",
    "NoticeParseError",
    "ParsedActivity",
    "ParsedNotice",
    "ParsedSection",
    "Window",
    "extract_text",
    "parse_file",
    "parse_text",
]

# At least this many independent signs that the text is an official notice or plan.
_MIN_NOTICE_SIGNALS = 2
# A last line shorter than this is a name or a heading, not a sentence cut off.
_MIN_CUT_LINE = 20


def parse_file(path: str | os.PathLike[str]) -> ParsedNotice:
    """Extract text from a TXT, DOCX or PDF file and parse it."""
    return parse_text(extract_text(path))


def parse_text(text: str) -> ParsedNotice:
    if not text or not text.strip():
        raise NoticeParseError("文件内容为空，没有可识别的文字。", code="empty")
    meta, kept = disclosure.read(text.splitlines())
    norm = _normalize("\n".join(tables.unflatten(kept)))
    if not norm.lines:
        raise NoticeParseError("文件内容为空，没有可识别的文字。", code="empty")
    doc = segment(norm.lines)
    warnings = list(norm.warnings)
    uncertain: list[str] = []

    number = meta.get("doc_number") or header.doc_number(doc)
    title = meta.get("title") or header.title(doc) or header.cited_title(norm.text)
    issuers, issuers_certain = header.issuers(doc, title)
    if not issuers and meta.get("issuer"):
        # The disclosure page's 发布机构, for a document without a signature or red head.
        # A joint document's bodies, by spaces or by 、 ("湖北省市场监督管理局、湖北省发展…").
        issuers = [n for n in re.split(r"[\s、，,；;]+", meta["issuer"]) if rules.ORG_NAME.match(n)]
        issuers_certain = bool(issuers)
    recipients = header.recipients(doc)
    issue_date = disclosure.iso_date(meta.get("issue_date")) or header.iso_date(doc.signature_date)
    level, level_certain = header.level(issuers, recipients, doc)
    if level is None:
        # Digests and news reports name the organising body in their running text.
        level, level_certain = header.level_from_text(norm.text), False
    theme, theme_certain = content.theme(doc)
    theme = content.as_written(theme, norm.original_text or text)
    slogans = content.slogans(doc)
    co_organizers = content.co_organizers(doc, issuers)
    if not issuers and not doc.signature_orgs:
        # No red head and no signature: a digest says who runs the campaign in a sentence.
        if ranker.enabled():
            # Scored by the learned ranker (issue #18): the hand rules did not generalise.
            bodies = ranker.pick(norm.text)
        else:
            listed = digest.listed_organisers(norm.lines)
            bodies = (listed, listed if len(listed) > 1 else []) if listed else None
            bodies = bodies or digest.campaign_bodies(norm.text)
        if bodies and bodies[0]:
            issuers, co_organizers = (digest.fullest(names, norm.text) for names in bodies)
            if co_organizers and digest.levels_differ(co_organizers, norm.text):
                # Bodies of two levels hold one event together (a province's bureau and a city's
                # government at the city's launch); a campaign's co-organisers are of one level.
                issuers, co_organizers = digest.event_host(co_organizers, norm.text), []
            if not co_organizers:
                issuers = digest.own_area(issuers, norm.text)
            issuers_certain = False
            level = header.level_of_bodies(issuers, norm.text) or level
            level_certain = False

    # A report's issuer is a reading, not a signature: the other units it names are offered.
    named_units = [] if issuers_certain else ranker.suggestions(norm.text, issuers)
    if level is None:
        # No issuer and no area of its own: the level of the bodies at work in the report.
        level = digest.level_of_subjects(norm.text)
    activities, activities_certain = _activities.activities(doc, co_organizers or issuers)
    if level == "national" and all(a.source == "content" for a in activities):
        # A national notice's 活动内容 are directions for every region, not activities of its own
        # (its activities are the co-organisers' list).
        activities = []
    due, due_sentence = reporting.deadline(doc)

    if not _check_is_notice(norm.text, number, title, doc, recipients):
        if not activities and level != "national":
            # A report lists the campaign's activities as it can ("1.…" lines, "一是…").
            activities = _activities.report_activities(norm.lines, co_organizers or issuers)
        warnings.append(
            "未找到文号、标题、落款等公文要素：这可能是通知的摘要、转载或新闻报道，"
            "只识别了其中写明的内容，请逐项核对。"
        )
    year, year_inferred = header.year(title, number, issue_date, norm.text), False
    year_counted = False
    if year is not None and year == header.year_of_ordinal(norm.text):
        if (
            header.year(title, number, issue_date, rules.ORDINAL_CAMPAIGN.sub("", norm.text))
            is None
        ):
            # Counted from "第N个质量月" (1977 + N), not written: a reader checks the count.
            year_counted = True
            themed, why = header.infer_year(norm.text)
            if themed is not None and themed != year and why == header.THEME_OF_THE_YEAR:
                # Writers miscount the campaigns; the year's national theme is copied verbatim.
                year, year_counted, year_inferred = themed, False, True
                warnings.append(f"文中未写明年度，已根据{why}推断为{year}年，请核对。")
            else:
                warnings.append(f"文中未写明年度，已根据“第N个质量月”推算为{year}年，请核对。")
    if year is None:
        year, why = header.infer_year(norm.text)
        if year is not None:
            year_inferred = True
            warnings.append(f"文中未写明年度，已根据{why}推断为{year}年，请核对。")

    if issue_date is None and year is not None and not year_inferred:
        issue_date = reported_issue_date(norm.text, year)
        if issue_date:
            # Read from a report's sentence, not from the document's signature.
            uncertain.append("issue_date")
    for field, certain, value in (
        ("issuers", issuers_certain, issuers),
        ("level", level_certain, level),
        ("theme", theme_certain, theme),
        ("activities", activities_certain, activities),
        ("year", not (year_inferred or year_counted), year),
    ):
        if value and not certain:
            uncertain.append(field)
    if number is None:
        warnings.append("未找到发文字号。")
    if issue_date is None:
        warnings.append("未找到成文日期（落款日期）。")
    last = norm.lines[-1]
    if (
        rules.CUT_OFF.search(last)
        and len(last) > _MIN_CUT_LINE
        and "\t" not in last
        and not is_org_line(last)
    ):
        warnings.append("文本在句中中断，可能只是原文的一部分；已识别其中写明的内容。")
    attachments = content.attachments(doc)
    for att in attachments:
        if not att.included:
            warnings.append(f"附件{att.number or ''}“{att.title}”未包含在文件中。")

    return ParsedNotice(
        doc_number=number,
        title=title,
        kind=header.kind(title, norm.text),
        issuers=issuers,
        named_units=named_units,
        issue_date=issue_date,
        printed_date=header.iso_date(doc.printed_date),
        year=year,
        level=level,
        theme=theme,
        slogans=slogans,
        activities=activities,
        localities_activities=_activities.localities(doc),
        report_deadline=due,
        report_materials=reporting.materials(doc, due_sentence),
        contacts=reporting.contacts(doc),
        co_organizers=co_organizers,
        basis=header.basis(doc, number),
        basis_titles=header.basis_titles(doc),
        recipients=recipients,
        publication=header.publication(doc),
        copied_to=header.copied_to(doc),
        attachments=attachments,
        opening=content.opening(doc),
        sections=content.sections(doc),
        warnings=warnings,
        uncertain=uncertain,
        # The input as written, before the table rows and junk were taken out.
        original_text=text if norm.original_text is not None else None,
    )


def _check_is_notice(
    text: str,
    number: str | None,
    title: str | None,
    doc: Any,
    recipients: list[str],
) -> bool:
    """Whether the text looks like the official document itself. A digest or news report
    about a campaign is kept (False); text not about a campaign at all is refused."""
    # The parts of an official document; 质量月 and a theme are what any page about the
    # campaign holds (a Q&A page lists themes), so they do not make it a document.
    signals = [
        number is not None,
        title is not None,
        len(doc.sections) >= 2,
        bool(recipients),
        doc.signature_date is not None,
    ]
    # A disclosure page's table may hold the only title naming the campaign: its rows are out
    # of the text.
    if mentions_a_campaign(text) or (title and mentions_a_campaign(title)):
        # A plan for 质量强市 or a study outline has every part of a document and may name 质量月
        # among its tasks; only a document whose title or a sentence names one campaign is ours.
        names_one = bool(title and mentions_a_campaign(title)) or particular_campaign(text)
        if sum(signals) >= _MIN_NOTICE_SIGNALS:
            if names_one:
                return True
            raise NoticeParseError(
                "无法识别为“质量月”活动通知或方案：这份文件有文号、标题等公文要素，但标题和正文都"
                "没有写明哪一次“质量月”活动，只在其他工作中提到了“质量月”。",
                code="not_a_notice",
            )
        if about_a_campaign(text):
            return False
    # Nothing about a 质量月 campaign: a recipe, or a notice of another campaign (质量强县).
    raise NoticeParseError(
        "无法识别为“质量月”活动通知或方案：未找到文号、标题、分级标题、主送机关、落款日期等公文要素。",
        code="not_a_notice",
    )


def reported_issue_date(text: str, year: int) -> str | None:
    """The date a report gives for the notice it reports, in the campaign's year."""
    m = rules.REPORTED_ISSUE_DATE.search(text)
    if not m:
        return None
    month, day = int(m.group(1)), int(m.group(2))
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def mentions_a_campaign(text: str) -> bool:
    """质量月 by name, or a year's national theme (an open day held under it)."""
    text = rules.CAMPAIGN_IN_NAME.sub("", text)
    flat = re.sub(rf"[^{rules.CJK}]", "", text)
    return bool(rules.CAMPAIGN_WORDS.search(text) or any(t in flat for t in rules.NATIONAL_THEMES))


def about_a_campaign(text: str) -> bool:
    """Whether a text that is not the document itself still reports on a campaign: it names
    质量月 and a body that runs it, outside the encyclopedia's definition it may quote. A page
    that quotes the definition must also name one particular campaign: a history of 质量月
    names the bodies that host it but no campaign of a year."""
    # A machine-written summary runs its points together, each ended by a reference mark
    # ("…联合开展[1] - 全国“质量月”活动自1978年持续开展…[1]").
    every = re.split(r"[。！？!?\n]|\[\d+\]", text)
    sentences = [s for s in every if not rules.GENERIC_SENTENCE.search(s)]
    quotes_definition = len(sentences) < len(every)
    rest = "。".join(sentences)
    names_itself = _names_its_own_campaign(rest)
    # A body named only in the title of a notice the text follows (按照《市场监管总局等关于…》
    # 部署，公司…) is not at work in it: a company's own 质量月 cites its superiors so.
    # …nor is a company's own leading group (公司成立质量月活动领导小组).
    uncited = rules.COMPANY_GROUP.sub("", rules.IN_BOOK_QUOTES.sub("", rest))
    return bool(
        mentions_a_campaign(rest)
        and (rules.REPORT_BODY.search(uncited) or names_itself)
        and (not quotes_definition or particular_campaign(rest))
        and not _named_only_in_passing(text)
    )


def _names_its_own_campaign(text: str) -> bool:
    """Whether a place runs its own campaign in the text: 全市, "陇南市宕昌县开展…质量月",
    "2021年福州市“质量月”", "聊城市质量月启动仪式", or the place's whole system at work
    ("萍乡市各级市场监管部门…开展…“质量月”")."""
    return bool(
        any(p.search(text) for p, _ in rules.SELF_LEVEL)
        or rules.PLACE_SUBJECT.search(text)
        or rules.CAMPAIGN_AREA.search(text)
        or _place_campaign(text)
        or _place_system_at_work(text)
    )


def _place_system_at_work(text: str) -> bool:
    """Whether a sentence naming 质量月 gives it to a known place's whole system."""
    for sentence in re.split(r"[。！？!?\n]", text):
        if not rules.CAMPAIGN_WORDS.search(sentence):
            continue
        for m in rules.COLLECTIVE_SUBJECT.finditer(sentence):
            if m.group("place") and places.is_place(m.group("place")):
                return True
    return False


def _place_campaign(text: str) -> bool:
    """Whether the text names a place's own 质量月 ("聊城市质量月启动仪式"): the words before
    质量月 end in a place China's divisions know."""
    for m in rules.PLACE_CAMPAIGN.finditer(text):
        words = m.group(1)
        if any(places.is_place(words[k:]) for k in range(len(words) - 2)):
            return True
    return False


def _named_only_in_passing(text: str) -> bool:
    """Whether 质量月 first comes in the last third of a page, after three paragraphs that do
    not name it: a report on other work (a province's 质量强省 review) that lists it among its
    items. A page about a campaign names it in its headline or its first paragraphs."""
    text = rules.CAMPAIGN_IN_NAME.sub("", text)
    # A copy may run on into other articles after its editor's line: they are not the page's.
    text = rules.ARTICLE_END.split(text, maxsplit=1)[0]
    m = rules.CAMPAIGN_WORDS.search(text)
    if m is None or m.start() <= len(text) * 2 / 3:
        return False
    # "据了解，此次…活动是2024年宜昌市“质量月”主要活动之一": the page's own event is one of the
    # campaign's, said at the end.
    sentence = re.split(r"[。！？!?\n]", text[: m.start()])[-1]
    if rules.THIS_EVENT.search(sentence):
        return False
    # "据悉，“质量进校园”是桂林市市场监管局“质量月”系列活动的一环": the same, said so.
    whole = sentence + re.split(r"[。！？!?\n]", text[m.start() :])[0]
    if rules.PART_OF_CAMPAIGN.search(whole):
        return False
    before = text[: m.start()].split("\n")[:-1]
    return sum(len(line) >= _PARAGRAPH for line in before) >= 3


# A line this long is a paragraph of running text, not a headline or a site's menu.
_PARAGRAPH = 40


def particular_campaign(text: str) -> bool:
    """Whether one sentence outside the definition names 质量月 (or a year's theme) together
    with what makes it one campaign: its year, its number, 今年, or its theme."""
    for sentence in re.split(r"[。！？!?\n]", text):
        if rules.GENERIC_SENTENCE.search(sentence) or not mentions_a_campaign(sentence):
            continue
        flat = re.sub(rf"[^{rules.CJK}]", "", sentence)
        if rules.EDITION.search(sentence) or any(t in flat for t in rules.NATIONAL_THEMES):
            return True
    return False
