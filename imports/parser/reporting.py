"""What must be reported up, by when, and whom to call."""

from __future__ import annotations

import re

from . import rules
from .numerals import to_int
from .result import Contact
from .structure import Document

_MATERIAL = re.compile("|".join(re.escape(m) for m in rules.MATERIALS))
_SENTENCE = re.compile(r"[^。！？!?\n]+")


def _sentences(lines: list[str]) -> list[str]:
    return [s.strip() for line in lines for s in _SENTENCE.findall(line) if s.strip()]


def deadline(doc: Document) -> tuple[str | None, str | None]:
    """Return ("MM-DD", the sentence it was found in)."""
    for sentence in _sentences(doc.main):
        m = rules.DEADLINE.search(sentence)
        if not m or not rules.REPORT_VERB.search(sentence):
            continue
        month, day = to_int(m.group(1)), to_int(m.group(2))
        if month and day and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{month:02d}-{day:02d}", sentence
    for sentence in _sentences(doc.main):
        m = rules.DEADLINE_LABELED.search(sentence)
        if not m:
            continue
        month, day = to_int(m.group(1)), to_int(m.group(2))
        if month and day and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{month:02d}-{day:02d}", sentence
    return None, None


def materials(doc: Document, deadline_sentence: str | None) -> list[str]:
    candidates = [rules.CITED_DOCUMENT.sub("", deadline_sentence)] if deadline_sentence else []
    for sentence in _sentences(doc.main):
        sentence = rules.CITED_DOCUMENT.sub("", sentence)
        if rules.REPORT_VERB.search(sentence):
            candidates.append(sentence)
    for sentence in candidates:
        hits = [(m.start(), m.group(0)) for m in _MATERIAL.finditer(sentence)]
        hits += [(m.start(), m.group(0)) for m in rules.SUMMARY_NOUN.finditer(sentence)]
        found: list[str] = []
        for _, word in sorted(hits):
            if word not in found:
                found.append(word)
        if found:
            return found
    return []


def _contact_block(lines: list[str], start: int) -> list[str]:
    block = [lines[start]]
    for line in lines[start + 1 : start + 4]:
        if rules.CONTACT_LABEL.match(line):
            break
        if (
            rules.PHONE_LABEL.search(line)
            or rules.EMAIL.search(line)
            or rules.FAX_LABEL.search(line)
        ):
            block.append(line)
        else:
            break
    return block


def _names(line: str) -> list[str]:
    m = rules.CONTACT_LABEL.search(line)
    if not m:
        return []
    rest = line[m.end() :]
    stop = rules.CONTACT_STOP.search(rest)
    # A comma may separate two names ("张三、李四") or end the name ("张三，电话…").
    head = (
        rest[: stop.start()] if stop and not re.match(r"[，,；;]", rest[stop.start() :]) else rest
    )
    tokens = re.split(r"[\s、，,；;]+", head)
    names: list[str] = []
    for tok in tokens:
        tok = re.sub(r"(?:电话|手机|联系电话).*$", "", tok)
        if rules.CONTACT_NAME.match(tok) and tok not in names:
            names.append(tok)
        elif tok and not rules.CONTACT_NAME.match(tok) and names:
            break
    return names


def contacts(doc: Document) -> list[Contact]:
    out: list[Contact] = []
    lines = doc.main
    for i, line in enumerate(lines):
        if not rules.CONTACT_LABEL.match(line):
            continue
        block = _contact_block(lines, i)
        text = "\n".join(block)
        names = _names(line)
        phones = [re.sub(r"\s", "", p) for p in rules.PHONE.findall(text)]
        emails = rules.EMAIL.findall(text)
        fax = None
        for bl in block:
            if rules.FAX_LABEL.search(bl):
                found = rules.PHONE.findall(bl)
                fax = found[0] if found else None
        paired = len(names) > 1 and len(phones) == len(names)
        for k, name in enumerate(names or [None]):
            out.append(
                Contact(
                    name=name,
                    phone=phones[k] if paired else (phones[0] if phones else None),
                    email=emails[k]
                    if len(emails) == len(names) > 1
                    else (emails[0] if emails else None),
                    fax=fax,
                )
            )
    return out
