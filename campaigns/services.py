import datetime
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.attachments import notice_attachments_save
from campaigns.hooks import notice_issued_steps
from campaigns.localization import localize
from campaigns.models import (
    Campaign,
    Contact,
    Delivery,
    Notice,
    NoticeAttachment,
    NoticeCorrection,
    Slogan,
)
from core.audit import log_bulk_created, set_actor
from core.errors import ConflictError
from orgs import scoping
from orgs.models import OrgUnit
from orgs.services import national_unit_get_or_create

NATIONAL_CAMPAIGNS_FILE = Path(__file__).resolve().parent / "fixtures" / "national_campaigns.json"


@transaction.atomic
def national_campaigns_load(*, actor=None, path: Path = NATIONAL_CAMPAIGNS_FILE) -> list[Campaign]:
    """Create (or bring up to date) the national campaigns and slogan lists from `path`."""
    data = json.loads(path.read_text(encoding="utf-8"))
    nation = national_unit_get_or_create()
    campaigns = []
    with set_actor(actor):
        for item in data["campaigns"]:
            campaign, _ = Campaign.objects.update_or_create(
                year=item["year"],
                defaults={
                    "theme": item["theme"],
                    "starts_on": datetime.date.fromisoformat(item["starts_on"]),
                    "ends_on": datetime.date.fromisoformat(item["ends_on"]),
                },
            )
            for position, text in enumerate(item["slogans"], start=1):
                Slogan.objects.update_or_create(
                    campaign=campaign, unit=nation, text=text, defaults={"position": position}
                )
            campaigns.append(campaign)
    return campaigns


MSG_CAMPAIGN_EXISTS = gettext_lazy(
    "%(year)s年度的质量月活动已经开设，每年只能开设一次；请在年度列表中打开它。"
)


def can_open_campaign(user) -> bool:
    """Only the national admins (and platform staff) open a campaign year."""
    nation = OrgUnit.objects.filter(depth=1, kind=OrgUnit.Kind.NATIONAL).first()
    if nation is None:
        return user.is_superuser
    return scoping.can(user, scoping.Action.MANAGE, nation)


@transaction.atomic
def campaign_open(
    *,
    actor,
    year: int,
    theme: str,
    slogans: list[str] | tuple = (),
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> Campaign:
    """开设新年度: the national admin opens the year's campaign with its theme and the national
    slogan list, before (or without) importing the national notice. One campaign per year."""
    scoping.require(actor, scoping.Action.MANAGE, national_unit_get_or_create())
    if Campaign.objects.filter(year=year).exists():
        raise ValidationError({"year": str(MSG_CAMPAIGN_EXISTS) % {"year": year}})
    texts = [text.strip() for text in slogans if text.strip()]
    if len(set(texts)) != len(texts):
        raise ValidationError({"slogans": _("口号有重复。")})
    nation = national_unit_get_or_create()
    with set_actor(actor):
        campaign = Campaign(
            year=year,
            theme=theme.strip(),
            # The month every seed notice sets, unless the national admin says otherwise.
            starts_on=starts_on or datetime.date(year, 9, 1),
            ends_on=ends_on or datetime.date(year, 9, 30),
        )
        campaign.full_clean(validate_unique=False)
        try:
            # A second admin opening the same year at the same moment meets the unique year.
            with transaction.atomic():
                campaign.save()
        except IntegrityError:
            raise ValidationError({"year": str(MSG_CAMPAIGN_EXISTS) % {"year": year}}) from None
        for position, text in enumerate(texts, start=1):
            slogan = Slogan(campaign=campaign, unit=nation, text=text, position=position)
            slogan.full_clean(exclude=["campaign", "unit"], validate_unique=False)
            slogan.save()
    return campaign


# --- Notices and plans -----------------------------------------------------------------

NOTICE_EDITABLE_FIELDS = {
    "kind",
    "doc_number",
    "title",
    "issuer_names",
    "recipients_text",
    "issue_date",
    "publication",
    "theme",
    "body",
    "basis_text",
    "printing_line",
    "copied_to",
}


class NoticeStateError(Exception):
    """The action does not fit the notice's state (e.g. editing an issued notice)."""


def _check_version(obj, version: int | None) -> None:
    if version is not None and obj.version != version:
        raise ConflictError(obj.version)


def _lock(model, pk: int):
    # select_for_update serializes concurrent saves on PostgreSQL; SQLite serializes
    # writers by itself (transactions start IMMEDIATE).
    return model.objects.select_for_update().get(pk=pk)


@transaction.atomic
def notice_create(
    *,
    actor,
    campaign: Campaign,
    unit: OrgUnit,
    title: str,
    basis: list[Notice] | tuple = (),
    recipient_units: list[OrgUnit] | tuple = (),
    co_organizers: list[OrgUnit] | tuple = (),
    standard_attachments: bool = True,
    **fields,
) -> Notice:
    """A new draft notice or plan of `unit`. A plan starts with the two attachments Yong'an's
    has, the slogans and the schedule, printed from the unit's slogans and the plan's
    activities; an import passes `standard_attachments=False` and brings its own list
    (`notice_attachment_add`)."""
    scoping.require(actor, scoping.Action.EDIT, unit)
    unknown = set(fields) - NOTICE_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown notice fields: {sorted(unknown)}")
    with set_actor(actor):
        notice = Notice(campaign=campaign, unit=unit, title=title, **fields)
        notice.full_clean()
        notice.save()
        notice.basis.set(basis)
        notice.recipient_units.set(recipient_units)
        notice.co_organizers.set(co_organizers)
        if standard_attachments and notice.kind == Notice.Kind.PLAN:
            for position, (title_text, kind) in enumerate(
                (
                    (_("%(year)s年“质量月”活动口号"), NoticeAttachment.Kind.SLOGANS),
                    (_("%(year)s年“质量月”活动计划安排表"), NoticeAttachment.Kind.SCHEDULE),
                ),
                start=1,
            ):
                NoticeAttachment.objects.create(
                    notice=notice,
                    position=position,
                    title=title_text % {"year": campaign.year},
                    kind=kind,
                )
    return notice


@transaction.atomic
def notice_attachment_add(
    *, actor, notice: Notice, position: int, title: str, kind: str, body: str = ""
) -> NoticeAttachment:
    """An attachment of a draft given as text (an imported notice's 附件: the slogans, the
    co-organizers, a schedule as its lines); files come through the form
    (`campaigns.attachments`)."""
    scoping.require(actor, scoping.Action.EDIT, notice.unit)
    if notice.is_issued:
        raise NoticeStateError(_("已印发的文件不能直接修改，请使用“更正”。"))
    with set_actor(actor):
        attachment = NoticeAttachment(
            notice=notice, position=position, title=title[:300], kind=kind, body=body
        )
        attachment.full_clean(exclude=["notice"], validate_unique=False)
        attachment.save()
    return attachment


@transaction.atomic
def contact_add(*, actor, notice: Notice, name: str, phone: str = "", email: str = "") -> Contact:
    """A contact (联系人) printed on the notice for questions about it."""
    scoping.require(actor, scoping.Action.EDIT, notice.unit)
    with set_actor(actor):
        contact = Contact(notice=notice, name=name, phone=phone, email=email)
        contact.full_clean(exclude=["notice"])
        contact.save()
    return contact


@transaction.atomic
def notice_update(*, actor, notice: Notice, version: int | None, **fields) -> Notice:
    """Edit a draft. `version` is the version the user started from (None skips the check)."""
    notice = _lock(Notice, notice.pk)
    scoping.require(actor, scoping.Action.EDIT, notice.unit)
    if notice.is_issued:
        raise NoticeStateError(_("已印发的文件不能直接修改，请使用“更正”。"))
    _check_version(notice, version)
    basis = fields.pop("basis", None)
    recipient_units = fields.pop("recipient_units", None)
    unknown = set(fields) - NOTICE_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown notice fields: {sorted(unknown)}")
    with set_actor(actor):
        for name, value in fields.items():
            setattr(notice, name, value)
        notice.version += 1
        notice.full_clean()
        notice.save()
        if basis is not None:
            notice.basis.set(basis)
        if recipient_units is not None:
            notice.recipient_units.set(recipient_units)
    return notice


@transaction.atomic
def notice_issue(*, actor, notice: Notice, version: int | None = None) -> Notice:
    """Issue (印发) a draft: it becomes immutable and lands in each recipient's inbox."""
    notice = _lock(Notice, notice.pk)
    scoping.require(actor, scoping.Action.EDIT, notice.unit)
    if notice.is_issued:
        raise NoticeStateError(_("该文件已印发。"))
    _check_version(notice, version)
    recipients = list(notice.recipient_units.all())
    if not recipients:
        raise NoticeStateError(_("请先选择接收单位。"))
    with set_actor(actor):
        notice.status = Notice.Status.ISSUED
        notice.issue_date = notice.issue_date or timezone.localdate()
        notice.issued_at = timezone.now()
        notice.issued_by = actor
        notice.version += 1
        notice.full_clean()
        notice.save()
        Delivery.objects.bulk_create(
            [Delivery(notice=notice, recipient=unit) for unit in recipients],
            ignore_conflicts=True,
        )
        # bulk_create sends no signal (and, ignoring conflicts, returns no ids).
        log_bulk_created(
            Delivery.objects.filter(notice=notice).select_related("notice", "recipient")
        )
    # What the apps above add to an issue (the cascade fills the expected set), in this
    # transaction: see `campaigns.hooks`.
    for step in notice_issued_steps():
        step(actor=actor, notice=notice)
    return notice


@transaction.atomic
def notice_correct(
    *, actor, notice: Notice, reason: str, version: int | None = None, **fields
) -> Notice:
    """Correct (更正) an issued notice: the change is kept with who made it and why."""
    notice = _lock(Notice, notice.pk)
    scoping.require(actor, scoping.Action.EDIT, notice.unit)
    if not notice.is_issued:
        raise NoticeStateError(_("草稿可直接修改，无需更正。"))
    if not reason.strip():
        raise ValidationError({"reason": _("请填写更正理由。")})
    _check_version(notice, version)
    unknown = set(fields) - NOTICE_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown notice fields: {sorted(unknown)}")
    changes = {}
    for name, value in fields.items():
        before = getattr(notice, name)
        if before != value:
            changes[name] = [_jsonable(before), _jsonable(value)]
            setattr(notice, name, value)
    if not changes:
        return notice
    with set_actor(actor):
        notice.version += 1
        notice.full_clean()
        notice.save()
        NoticeCorrection.objects.create(
            notice=notice, actor=actor, reason=reason.strip(), changes=changes
        )
    return notice


def _jsonable(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def delivery_mark_read(*, user, delivery: Delivery) -> Delivery:
    """The first reader of a unit's copy marks it read (已阅)."""
    if delivery.read_at is None and scoping.can(user, scoping.Action.VIEW, delivery.recipient):
        Delivery.objects.filter(pk=delivery.pk, read_at=None).update(read_at=timezone.now())
        delivery.refresh_from_db(fields=["read_at"])
    return delivery


# --- The cascade: from a received notice to this level's plan ---------------------------


def slogan_source_list(campaign: Campaign, unit: OrgUnit) -> list[Slogan]:
    """The nearest list above `unit` (its province's, else the national one)."""
    above = OrgUnit.objects.filter(path__in=unit.ancestor_paths()).order_by("-depth")
    for ancestor in above:
        slogans = list(campaign.slogans.filter(unit=ancestor).order_by("position"))
        if slogans:
            return slogans
    return []


def slogan_suggestions(campaign: Campaign, unit: OrgUnit) -> list[tuple[Slogan, str]]:
    """(superior slogan, suggested local wording) for each line of the nearest list above."""
    return [(s, localize(s.text, unit)) for s in slogan_source_list(campaign, unit)]


@transaction.atomic
def slogans_set(
    *, actor, campaign: Campaign, unit: OrgUnit, lines: list[tuple[str, Slogan | None]]
) -> list[Slogan]:
    """Replace `unit`'s slogan list for `campaign` by `lines` (text, source slogan or None)."""
    scoping.require(actor, scoping.Action.EDIT, unit)
    texts = [text.strip() for text, _source in lines]
    if any(not t for t in texts):
        raise ValidationError(_("口号不能为空。"))
    if len(set(texts)) != len(texts):
        raise ValidationError(_("口号有重复。"))
    with set_actor(actor):
        # A line kept is its row kept: saving the page unchanged writes nothing, and the
        # unit's history shows only the lines that really changed.
        existing = {s.text: s for s in Slogan.objects.filter(campaign=campaign, unit=unit)}
        Slogan.objects.filter(pk__in=[s.pk for t, s in existing.items() if t not in texts]).delete()
        slogans = []
        for i, (text, (_t, source)) in enumerate(zip(texts, lines, strict=True), start=1):
            slogan = existing.get(text) or Slogan(campaign=campaign, unit=unit, text=text)
            if slogan.pk and (slogan.position, slogan.derived_from_id) == (i, source and source.pk):
                slogans.append(slogan)
                continue
            slogan.position, slogan.derived_from = i, source
            slogan.full_clean(exclude=["campaign", "unit"], validate_unique=False)
            slogan.save()
            slogans.append(slogan)
    return slogans


def default_recipients(unit: OrgUnit) -> list[OrgUnit]:
    """The active units one level down (cities of a province, stations of a county)."""
    return list(
        OrgUnit.objects.get_children(unit).filter(
            is_active=True, kind__in=OrgUnit.TERRITORIAL_KINDS
        )
    )


RECIPIENTS_TEXT = {
    OrgUnit.Kind.NATIONAL: "各省、自治区、直辖市和新疆生产建设兵团市场监管局（厅、委）",
    OrgUnit.Kind.PROVINCE: "各市州市场监督管理局，局机关各处室、直属单位",
    OrgUnit.Kind.PREFECTURE: "各县（市、区）市场监督管理局，局机关各科室、直属单位",
    OrgUnit.Kind.COUNTY: "各市场监管所、综合执法大队，各相关科室",
}


# --- Drafts edited through the form: the notice with its contacts and report requirement --


@transaction.atomic
def notice_draft_save(
    *,
    actor,
    notice: Notice | None = None,
    campaign: Campaign | None = None,
    unit: OrgUnit | None = None,
    version: int | None = None,
    contacts: list[dict] | None = None,
    attachment_edits: list | None = None,
    attachment_uploads: list | tuple = (),
    **fields,
) -> Notice:
    """Create (notice=None, with campaign and unit) or update a draft together with its
    contacts (联系人, replaced as a whole) and attachments (附件: retitled, removed, uploaded
    files appended; `campaigns.attachments`), so one form submission is saved all or nothing.
    The notice form also saves the report requirement: `cascade.services.notice_draft_save`.
    """
    if notice is None:
        notice = notice_create(actor=actor, campaign=campaign, unit=unit, **fields)
    else:
        notice = notice_update(actor=actor, notice=notice, version=version, **fields)
    with set_actor(actor):
        if contacts is not None:
            notice.contacts.all().delete()
            for item in contacts:
                contact_add(actor=actor, notice=notice, **item)
    if attachment_edits is not None or attachment_uploads:
        # Last, so that no later step can roll back rows whose files are already stored.
        notice_attachments_save(
            actor=actor,
            notice=notice,
            edits=list(attachment_edits or []),
            uploads=list(attachment_uploads),
        )
    return notice


@transaction.atomic
def campaign_get_or_create(*, actor, year: int, theme: str = "") -> Campaign:
    """The campaign of `year`; a missing one is created with `theme` for 9-01 to 9-30 (the
    month every seed notice sets)."""
    campaign = Campaign.objects.filter(year=year).first()
    if campaign is not None:
        return campaign
    with set_actor(actor):
        campaign = Campaign(
            year=year,
            theme=theme or _("%(year)s年全国“质量月”") % {"year": year},
            starts_on=datetime.date(year, 9, 1),
            ends_on=datetime.date(year, 9, 30),
        )
        campaign.full_clean()
        campaign.save()
    return campaign
