"""The parser's answer as typed values: the boundary between the pure parser and Django.

``ParsedNotice.to_json()`` is the ``parse_notice --json`` schema (the gold files and the
``NoticeImport.parsed`` column depend on it); ``ParsedNotice.from_json()`` reads it back,
including a clerk's edited copy, which may lack keys an older parser did not write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def _strs(value: Any) -> list[str]:
    return [str(v) for v in value or [] if v is not None]


def _year(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


@dataclass
class Window:
    """When an activity runs, in months: "9-10月" → 9..10; 全年 → 1..12 with all_year."""

    start_month: int
    end_month: int
    part: str | None = None
    all_year: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "start_month": self.start_month,
            "end_month": self.end_month,
            "part": self.part,
            "all_year": self.all_year,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Window | None:
        if not data:
            return None
        return cls(
            start_month=int(data["start_month"]),
            end_month=int(data["end_month"]),
            part=data.get("part"),
            all_year=bool(data.get("all_year")),
        )


@dataclass
class ParsedActivity:
    title: str
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    when: str | None = None
    window: Window | None = None
    # Where it was read: "section", "table", "attachment", "content", "paragraph".
    source: str = ""
    number: str | None = None
    # The item heading several units' activities share (Hunan 主要活动 (四)).
    parent: str | None = None
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "lead": list(self.lead),
            "support": list(self.support),
            "when": self.when,
            "window": self.window.to_json() if self.window else None,
            "source": self.source,
            "number": self.number,
            "parent": self.parent,
            "text": self.text,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ParsedActivity:
        return cls(
            title=data.get("title") or "",
            lead=_strs(data.get("lead")),
            support=_strs(data.get("support")),
            when=data.get("when") or None,
            window=Window.from_json(data.get("window")),
            source=data.get("source") or "",
            number=data.get("number"),
            parent=data.get("parent") or None,
            text=data.get("text") or "",
        )


@dataclass
class Contact:
    name: str | None
    phone: str | None = None
    email: str | None = None
    fax: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "phone": self.phone, "email": self.email}
        # The schema has carried "fax" only when the document gives one.
        if self.fax:
            out["fax"] = self.fax
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Contact:
        return cls(
            name=data.get("name"),
            phone=data.get("phone"),
            email=data.get("email"),
            fax=data.get("fax") or None,
        )


@dataclass
class Attachment:
    number: int | None
    title: str
    # False when the 附件 list names it but the copy did not carry its text.
    included: bool = True
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "included": self.included,
            "text": self.text,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Attachment:
        return cls(
            number=data.get("number"),
            title=data.get("title") or "",
            included=bool(data.get("included", True)),
            text=data.get("text") or "",
        )


@dataclass
class SectionItem:
    number: str
    title: str

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "title": self.title}


@dataclass
class ParsedSection:
    number: str
    title: str
    items: list[SectionItem] = field(default_factory=list)
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "items": [i.to_json() for i in self.items],
            "text": self.text,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ParsedSection:
        return cls(
            number=data.get("number") or "",
            title=data.get("title") or "",
            items=[
                SectionItem(number=i.get("number") or "", title=i.get("title") or "")
                for i in data.get("items") or []
            ],
            text=data.get("text") or "",
        )


@dataclass
class LocalityActivities:
    """Activities a city or prefecture reported, listed in an attachment ("长沙市：…；…")."""

    unit: str
    items: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"unit": self.unit, "items": list(self.items)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LocalityActivities:
        return cls(unit=data.get("unit") or "", items=_strs(data.get("items")))


@dataclass
class ParsedNotice:
    """What the parser read from one notice or plan; every field may be empty."""

    doc_number: str | None = None
    title: str | None = None
    # "notice" or "plan" (campaigns.Notice.Kind values).
    kind: str = "notice"
    issuers: list[str] = field(default_factory=list)
    # Other units a report names, most likely runner first, when its issuers are a reading.
    named_units: list[str] = field(default_factory=list)
    issue_date: str | None = None  # ISO date
    printed_date: str | None = None
    year: int | None = None
    # "national", "province", "city", "county" or None.
    level: str | None = None
    theme: str | None = None
    slogans: list[str] = field(default_factory=list)
    activities: list[ParsedActivity] = field(default_factory=list)
    localities_activities: list[LocalityActivities] = field(default_factory=list)
    report_deadline: str | None = None  # "MM-DD"
    report_materials: list[str] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    co_organizers: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)
    basis_titles: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    publication: str | None = None
    copied_to: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    opening: list[str] = field(default_factory=list)
    sections: list[ParsedSection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Field names read from weaker evidence (inferred, not stated): the clerk checks them first.
    uncertain: list[str] = field(default_factory=list)
    # The text as written when it was converted (traditional → simplified); None otherwise.
    original_text: str | None = None

    def to_json(self, *, with_original: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc_number": self.doc_number,
            "title": self.title,
            "kind": self.kind,
            "issuers": list(self.issuers),
            "named_units": list(self.named_units),
            "issue_date": self.issue_date,
            "printed_date": self.printed_date,
            "year": self.year,
            "level": self.level,
            "theme": self.theme,
            "slogans": list(self.slogans),
            "activities": [a.to_json() for a in self.activities],
            "localities_activities": [loc.to_json() for loc in self.localities_activities],
            "report_deadline": self.report_deadline,
            "report_materials": list(self.report_materials),
            "contacts": [c.to_json() for c in self.contacts],
            "co_organizers": list(self.co_organizers),
            "basis": list(self.basis),
            "basis_titles": list(self.basis_titles),
            "recipients": list(self.recipients),
            "publication": self.publication,
            "copied_to": self.copied_to,
            "attachments": [a.to_json() for a in self.attachments],
            "opening": list(self.opening),
            "sections": [s.to_json() for s in self.sections],
            "warnings": list(self.warnings),
            "uncertain": list(self.uncertain),
        }
        if with_original and self.original_text is not None:
            out["original_text"] = self.original_text
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any] | ParsedNotice) -> ParsedNotice:
        if isinstance(data, ParsedNotice):
            return data
        return cls(
            doc_number=data.get("doc_number") or None,
            title=data.get("title") or None,
            kind=data.get("kind") or "notice",
            issuers=_strs(data.get("issuers")),
            named_units=_strs(data.get("named_units")),
            issue_date=data.get("issue_date") or None,
            printed_date=data.get("printed_date") or None,
            year=_year(data.get("year")),
            level=data.get("level") or None,
            theme=data.get("theme") or None,
            slogans=_strs(data.get("slogans")),
            activities=[ParsedActivity.from_json(a) for a in data.get("activities") or []],
            localities_activities=[
                LocalityActivities.from_json(loc) for loc in data.get("localities_activities") or []
            ],
            report_deadline=data.get("report_deadline") or None,
            report_materials=_strs(data.get("report_materials")),
            contacts=[Contact.from_json(c) for c in data.get("contacts") or []],
            co_organizers=_strs(data.get("co_organizers")),
            basis=_strs(data.get("basis")),
            basis_titles=_strs(data.get("basis_titles")),
            recipients=_strs(data.get("recipients")),
            publication=data.get("publication") or None,
            copied_to=data.get("copied_to") or "",
            attachments=[Attachment.from_json(a) for a in data.get("attachments") or []],
            opening=_strs(data.get("opening")),
            sections=[ParsedSection.from_json(s) for s in data.get("sections") or []],
            warnings=_strs(data.get("warnings")),
            uncertain=_strs(data.get("uncertain")),
            original_text=data.get("original_text"),
        )
