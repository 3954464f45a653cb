"""Writes of the media library: one service per change, each checking the actor's right on
the unit and recording the change (django-auditlog) in the same transaction."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from campaigns.models import Campaign
from core.audit import set_actor
from media.models import MediaItem
from media.uploads import check_media_file
from orgs import scoping
from orgs.models import OrgUnit

EDITABLE_FIELDS = ("kind", "title", "print_size", "licence")


def _attach(item: MediaItem, upload: UploadedFile) -> None:
    checked = check_media_file(upload)
    item.file_name = (upload.name or "")[:255]
    item.content_type = checked.content_type
    item.file_size = upload.size
    item.file.save(upload.name, upload, save=False)


@transaction.atomic
def media_item_create(
    *,
    actor,
    campaign: Campaign,
    unit: OrgUnit,
    upload: UploadedFile,
    kind: str,
    title: str,
    print_size: str = "",
    licence: str = "",
) -> MediaItem:
    """A new item of `unit`'s library. The file is checked (type by content, size) before
    anything is stored; a refused file raises ValidationError and leaves nothing behind."""
    scoping.require(actor, scoping.Action.EDIT, unit)
    item = MediaItem(
        campaign=campaign,
        unit=unit,
        kind=kind,
        title=title.strip(),
        print_size=print_size.strip(),
        uploaded_by=actor,
    )
    if licence.strip():
        item.licence = licence.strip()
    with set_actor(actor):
        _attach(item, upload)
        try:
            item.full_clean()
        except ValidationError:
            item.file.delete(save=False)
            raise
        item.save()
    return item


@transaction.atomic
def media_item_update(
    *, actor, item: MediaItem, upload: UploadedFile | None = None, **fields
) -> MediaItem:
    """Change an item's description, or replace its file. Saving the form unchanged writes
    nothing: no row, no history entry."""
    scoping.require(actor, scoping.Action.EDIT, item.unit)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown media fields: {sorted(unknown)}")
    changed = [name for name, value in fields.items() if getattr(item, name) != value]
    if not changed and upload is None:
        return item
    old_file = item.file.name if upload is not None else None
    with set_actor(actor):
        for name in changed:
            setattr(item, name, fields[name])
        if upload is not None:
            _attach(item, upload)
        item.full_clean()
        item.save()
    if old_file:
        storage = item.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return item


@transaction.atomic
def media_item_delete(*, actor, item: MediaItem) -> None:
    scoping.require(actor, scoping.Action.EDIT, item.unit)
    name, storage = item.file.name, item.file.storage
    with set_actor(actor):
        item.delete()
    transaction.on_commit(lambda: storage.delete(name))
