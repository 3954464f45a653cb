"""Importing a notice (公文导入): upload or paste → parse → the clerk checks → one draft notice.

Nothing is stored until the parser has understood the input, and nothing but the import row
exists until the clerk confirms; confirming creates the draft notice with its activities,
slogans, contacts, attachments, report requirement and basis links in one transaction.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from activities.services import activity_create
from campaigns.forms import body_from_text
from campaigns.models import Notice, NoticeAttachment
from campaigns.services import (
    campaign_get_or_create,
    contact_add,
    default_recipients,
    notice_attachment_add,
    notice_create,
    slogan_suggestions,
    slogans_set,
)
from core.audit import set_actor
from imports.models import NoticeImport
from imports.parser import Contact as ParsedContact
from imports.parser import ParsedNotice, ParsedSection, parse_text
from imports.parser.errors import NoticeParseError
from imports.parser.extract import extract_bytes
from imports.selectors import ImportMatcher
from orgs import scoping
from orgs.matching import normalize_name
from orgs.models import OrgUnit
from orgs.services import department_get_or_create, unit_create
from reports.services.requirements import requirement_save

MSG_DUPLICATE_DOC_NUMBER = gettext_noop("本单位已有文号为“%(n)s”的文件。")


class ImportStateError(Exception):
    """The import was already confirmed or discarded."""


@dataclass(frozen=True)
class NewUnit:
    """A name the clerk chose to create as a unit on confirmation, with where it goes."""

    name: str
    parent: OrgUnit
    kind: str


def _too_large() -> NoticeParseError:
    limit = settings.QM_NOTICE_UPLOAD_MAX_BYTES
    return NoticeParseError(
        _("文件过大（超过 %(mb)s MB），请检查是否选错了文件。")
        % {"mb": round(limit / (1024 * 1024), 1)},
        code="too_large",
    )


def upload_read(upload) -> bytes:
    """The upload's bytes, refusing an oversized file by its declared size before reading and
    by what was actually read (a client may lie about the size)."""
    limit = settings.QM_NOTICE_UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise _too_large()
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_large()
    return data


@transaction.atomic
def notice_import_create(*, actor, unit: OrgUnit, upload=None, text: str = "") -> NoticeImport:
    """Read an uploaded file (TXT, DOCX, PDF) or pasted text and keep what the parser
    understood, for the clerk to check. Raises NoticeParseError (a Chinese message) for input
    that is not a readable notice; then nothing is stored.
    """
    scoping.require(actor, scoping.Action.EDIT, unit)
    if upload is not None:
        data = upload_read(upload)
        source = extract_bytes(data, upload.name or "")
    else:
        if len(text.encode("utf-8")) > settings.QM_NOTICE_UPLOAD_MAX_BYTES:
            raise _too_large()
        source, data = text, None
    # The converted text is what the clerk checks; the original stays in source_text.
    parsed = parse_text(source).to_json(with_original=False)
    notice_import = NoticeImport(
        unit=unit,
        uploader=actor,
        original_name=(upload.name or "")[:255] if upload is not None else "",
        source_text=source,
        parsed=parsed,
    )
    if data is not None:
        notice_import.file.save(upload.name or "notice", ContentFile(data), save=False)
    try:
        with set_actor(actor):
            notice_import.full_clean(exclude=["file"])
            notice_import.save()
    except Exception:
        # The row was not saved, so neither must the file be.
        if notice_import.file:
            notice_import.file.delete(save=False)
        raise
    return notice_import


@transaction.atomic
def notice_import_update(
    *, actor, notice_import: NoticeImport, data: ParsedNotice | dict
) -> NoticeImport:
    """Keep the clerk's corrections without creating anything yet."""
    notice_import = NoticeImport.objects.select_for_update().get(pk=notice_import.pk)
    scoping.require(actor, scoping.Action.EDIT, notice_import.unit)
    _require_pending(notice_import)
    notice_import.edited = ParsedNotice.from_json(data).to_json(with_original=False)
    notice_import.save(update_fields=["edited", "updated_at"])
    return notice_import


@transaction.atomic
def notice_import_discard(*, actor, notice_import: NoticeImport) -> NoticeImport:
    notice_import = NoticeImport.objects.select_for_update().get(pk=notice_import.pk)
    scoping.require(actor, scoping.Action.EDIT, notice_import.unit)
    _require_pending(notice_import)
    notice_import.status = NoticeImport.Status.DISCARDED
    notice_import.save(update_fields=["status", "updated_at"])
    if notice_import.file:
        stored = notice_import.file
        transaction.on_commit(lambda: stored.storage.delete(stored.name))
    return notice_import


def _require_pending(notice_import: NoticeImport) -> None:
    if notice_import.status == NoticeImport.Status.IMPORTED:
        raise ImportStateError(_("该公文已导入。"))
    if notice_import.status == NoticeImport.Status.DISCARDED:
        raise ImportStateError(_("该导入已放弃。"))


@transaction.atomic
def notice_import_confirm(
    *,
    actor,
    notice_import: NoticeImport,
    data: ParsedNotice | dict | None = None,
    new_departments: list[str] | tuple = (),
    new_units: list[NewUnit] | tuple = (),
) -> Notice:
    """Create the draft notice from the checked import. Idempotent: the import row is locked
    and its status checked, so a second click or a second tab returns the same notice (and
    creates no second department or unit).
    `new_departments` are names the clerk chose to create as departments (处室/科室) of the
    importing unit; `new_units` names to create as units where the clerk placed them (needs
    the admin role on each parent). No other unit or department is ever created.
    """
    # The row lock serializes concurrent confirms (PostgreSQL); SQLite transactions are
    # IMMEDIATE here, which serializes writers the same way.
    notice_import = (
        NoticeImport.objects.select_for_update().select_related("unit").get(pk=notice_import.pk)
    )
    unit = notice_import.unit
    scoping.require(actor, scoping.Action.EDIT, unit)
    if notice_import.status == NoticeImport.Status.IMPORTED and notice_import.notice_id:
        return notice_import.notice
    _require_pending(notice_import)
    if data is not None:
        notice_import.edited = ParsedNotice.from_json(data).to_json(with_original=False)
    data = ParsedNotice.from_json(notice_import.data)

    year = data.year
    if not year:
        raise ValidationError({"year": _("请填写年度。")})
    if not (data.title or "").strip():
        raise ValidationError({"title": _("请填写标题。")})
    doc_number = (data.doc_number or "").strip()
    if doc_number and Notice.objects.filter(unit=unit, doc_number=doc_number).exists():
        raise ValidationError({"doc_number": _(MSG_DUPLICATE_DOC_NUMBER) % {"n": doc_number}})
    for name in dict.fromkeys(n.strip() for n in new_departments if n.strip()):
        department_get_or_create(actor=actor, unit=unit, name=name)
    created_units = _units_create(actor, data, new_units)
    matcher = ImportMatcher(unit, extra_units=created_units)
    campaign = campaign_get_or_create(actor=actor, year=int(year), theme=data.theme or "")
    basis, basis_text = _basis(actor, data)
    co_organizers = [matcher.match(n).unit for n in data.co_organizers]
    notice = notice_create(
        actor=actor,
        campaign=campaign,
        unit=unit,
        title=(data.title or "").strip(),
        kind=data.kind or Notice.Kind.NOTICE,
        doc_number=doc_number,
        issuer_names=list(data.issuers),
        recipients_text="、".join(data.recipients),
        issue_date=_date(data.issue_date),
        publication=PUBLICATION.get(data.publication or "", Notice.Publication.PUBLIC),
        theme=data.theme or "",
        body=_body(data.sections, opening=data.opening),
        copied_to=data.copied_to.strip(),
        basis_text=basis_text,
        basis=basis,
        recipient_units=_recipient_units(unit, data, created_units),
        co_organizers=[u for u in co_organizers if u is not None],
        # The attachments are the ones the document lists (_attachments below).
        standard_attachments=False,
    )
    for position, item in enumerate(data.activities, start=1):
        activity_create(
            actor=actor,
            notice=notice,
            title=item.title.strip()[:300],
            content=item.text,
            section=(item.parent or "")[:100],
            window_text=(item.when or "").strip()[:50],
            position=position,
            leads=item.lead,
            supports=item.support,
            matcher=matcher,
        )
    _slogans(actor, campaign, unit, data.slogans)
    with set_actor(actor):
        _contacts(actor, notice, data.contacts)
        _attachments(actor, notice, data)
        _requirement(actor, notice, data, int(year))
        notice_import.status = NoticeImport.Status.IMPORTED
        notice_import.notice = notice
        notice_import.save(update_fields=["status", "notice", "edited", "updated_at"])
    return notice


def _names_in(data: ParsedNotice) -> set[str]:
    """The names a new unit can be linked from: recipients, activity leads and supports."""
    names = list(data.recipients)
    for item in data.activities:
        names += item.lead + item.support
    return {normalize_name(n) for n in names}


def _units_create(actor, data: ParsedNotice, new_units: list[NewUnit] | tuple) -> list[OrgUnit]:
    """Create the units the clerk asked for, or reuse the parent's child of that name (a
    previous import created it). A name no longer in the notice (the clerk edited it away in
    the same submit) creates nothing, so that no unit is left linked to nothing."""
    present = _names_in(data)
    wanted: dict[str, NewUnit] = {}
    for new in new_units:
        name = normalize_name(new.name)
        if name and name in present:
            wanted.setdefault(name, new)
    # Every parent is checked before anything is written: the error names the unit to fix.
    for name, new in wanted.items():
        if not scoping.can(actor, scoping.Action.MANAGE, new.parent):
            raise ValidationError(
                _("不能新建单位“%(name)s”：只能建在您担任管理员的单位之下，请重新选择上级单位。")
                % {"name": name}
            )
    created = []
    for name, new in wanted.items():
        existing = (
            OrgUnit.objects.get_children(new.parent).filter(name=name, is_active=True).first()
        )
        created.append(
            existing or unit_create(actor=actor, parent=new.parent, name=name, kind=new.kind)
        )
    return created


def _recipient_units(unit: OrgUnit, data: ParsedNotice, new_units: list[OrgUnit]) -> list[OrgUnit]:
    """The units one level down, and a new unit named as a recipient (主送) when it was placed
    directly under the importing unit: the notice form delivers only one level down."""
    recipients = default_recipients(unit)
    named = {normalize_name(n) for n in data.recipients}
    for new in new_units:
        if (
            new.name in named
            and new.path[: -OrgUnit.steplen] == unit.path
            and new not in recipients
        ):
            recipients.append(new)
    return recipients


PUBLICATION = {
    "主动公开": Notice.Publication.PUBLIC,
    "公开发布": Notice.Publication.PUBLIC,
    "依申请公开": Notice.Publication.ON_REQUEST,
    "不予公开": Notice.Publication.NOT_PUBLIC,
}


def _date(value) -> datetime.date | None:
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def _basis(actor, data: ParsedNotice) -> tuple[list[Notice], list[str]]:
    """Cited doc numbers matched to notices the user can see; the others kept as text."""
    numbers = [n.strip() for n in data.basis if n.strip()]
    found = {}
    for notice in Notice.objects.for_user(actor).filter(doc_number__in=numbers).order_by("pk"):
        found.setdefault(notice.doc_number, notice)
    unmatched = [n for n in numbers if n not in found]
    if not numbers:
        # A superior notice cited by title only (湖北 2020) is kept by its title.
        unmatched = [f"《{t}》" for t in data.basis_titles]
    return list(found.values()), unmatched


def _body(sections: list[ParsedSection], *, opening: list[str] = ()) -> list[dict]:
    """Body blocks exactly as the notice form reads them back (campaigns.forms.body_from_text):
    the opening paragraphs ("根据……，现就有关事项通知如下："), then each section with its level 1
    heading's number and 、 ("一、"), which the parser leaves off, and its lines, "（一）…" ones
    as level 2 headings. So a draft opened on the form and saved unchanged stays the same."""
    lines = [line.strip() for line in opening if line.strip()]
    for section in sections:
        number = section.number.rstrip("、")
        lines.append(f"{number}、{section.title}" if number else section.title)
        lines += [line.strip() for line in section.text.splitlines()]
    return body_from_text("\n".join(lines))


def _slogans(actor, campaign, unit: OrgUnit, texts: list[str]) -> None:
    texts = list(dict.fromkeys(t.strip() for t in texts if t.strip()))
    if not texts:
        return
    sources = {}
    for source, suggested in slogan_suggestions(campaign, unit):
        sources.setdefault(source.text, source)
        sources.setdefault(suggested, source)
    slogans_set(
        actor=actor,
        campaign=campaign,
        unit=unit,
        lines=[(text[:200], sources.get(text)) for text in texts],
    )


def _contacts(actor, notice: Notice, contacts: list[ParsedContact]) -> None:
    for item in contacts:
        name = (item.name or "").strip()
        if not name:
            continue
        phone = (item.phone or "").strip()
        fax = (item.fax or "").strip()
        if fax and fax != phone:
            phone = _("%(phone)s（传真 %(fax)s）") % {"phone": phone, "fax": fax}
        try:
            contact_add(
                actor=actor,
                notice=notice,
                name=name[:50],
                phone=phone[:100],
                email=item.email or "",
            )
        except ValidationError as exc:
            raise ValidationError(
                _("联系人“%(name)s”的信息有误：%(error)s")
                % {"name": name, "error": "；".join(exc.messages)}
            ) from exc


ATTACHMENT_KINDS = [
    ("口号", NoticeAttachment.Kind.SLOGANS),
    ("名单", NoticeAttachment.Kind.CO_ORGANIZERS),
    ("开展的主要活动", NoticeAttachment.Kind.CO_ORGANIZER_ACTIVITIES),
    ("安排表", NoticeAttachment.Kind.SCHEDULE),
]


def _attachment_kind(title: str) -> str:
    if "各地" in title or "市州" in title:
        return NoticeAttachment.Kind.LOCALITY_ACTIVITIES
    for word, kind in ATTACHMENT_KINDS:
        if word in title:
            return kind
    return NoticeAttachment.Kind.OTHER


def _attachments(actor, notice: Notice, data: ParsedNotice) -> None:
    """One attachment per entry of the 附件 list, with the text the file carried. The slogan
    list and the schedule are kept as their lines too, but the exports print them from the
    unit's slogans and the notice's activities, which the clerk edits afterwards."""
    bodies = {
        NoticeAttachment.Kind.SLOGANS: "\n".join(data.slogans),
        NoticeAttachment.Kind.CO_ORGANIZERS: "\n".join(data.co_organizers),
        NoticeAttachment.Kind.LOCALITY_ACTIVITIES: "\n".join(
            f"{item.unit}：{'；'.join(item.items)}" for item in data.localities_activities
        ),
    }
    for position, item in enumerate(data.attachments, start=1):
        title = item.title.strip()
        if not title:
            continue
        kind = _attachment_kind(title)
        # An attachment the imported copy left out has no text: it is listed, not printed.
        body = ""
        if item.included:
            body = bodies.get(kind) or item.text.strip()
        notice_attachment_add(
            actor=actor,
            notice=notice,
            position=item.number or position,
            title=title,
            kind=kind,
            body=body,
        )


def _requirement(actor, notice: Notice, data: ParsedNotice, year: int) -> None:
    deadline = (data.report_deadline or "").strip()
    materials = [m for m in data.report_materials if m.strip()]
    if not deadline and not materials:
        return
    due = None
    if deadline:
        try:
            month, day = (int(part) for part in deadline.split("-"))
            due = datetime.date(year, month, day)
        except ValueError as exc:
            raise ValidationError(
                {"report_deadline": _("报送截止日期应写成 月-日，如 10-16。")}
            ) from exc
    # The materials as the document names them (活动总结, 书面总结…): the clerk checked them.
    requirement_save(
        actor=actor,
        notice=notice,
        due_date=due,
        materials=materials,
        materials_as_written=True,
        levels=None,
    )
