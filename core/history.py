"""Audit entries as people read them (修改记录): field names as the forms label them, units
and users by name rather than id, choices by their label, yes/no, dates in local time.

auditlog stores each change as strings of the raw values (`"unit": ["None", "4"]`), and a
created row lists its reverse relations too (`activity_roles: None → …`). `history_rows`
turns a page of entries into rows for a template, with one query per related model for the
names of every foreign key on the page (auditlog's own `changes_display_dict` costs a query
per value and leaves the rest raw).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.audit import STATISTIC_PREFIX

# Said by every entry already (its time, its object), or bookkeeping.
_SKIPPED = {"id", "created_at", "updated_at", "version"}
_NONE = "None"
_LONGEST = 200
MSG_EMPTY = "—"
MSG_YES = gettext_noop("是")
MSG_NO = gettext_noop("否")
MSG_ADDED = gettext_noop("添加：%(items)s")
MSG_REMOVED = gettext_noop("移除：%(items)s")
MSG_DELETED_OBJECT = gettext_noop("（已删除，编号 %(pk)s）")


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryRow:
    entry: object  # auditlog LogEntry
    kind: str  # the changed object's kind, as the admin names the model
    changes: list[Change] = field(default_factory=list)


def _field(model, name: str) -> models.Field | None:
    """The concrete or many-to-many field `name` of `model`; None for reverse relations,
    fields since removed, and bookkeeping."""
    if model is None or name in _SKIPPED:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if found.auto_created and not found.concrete:
        return None  # a reverse relation: auditlog lists them on creation, always empty
    return found


def _related_names(entries: list, models_of: dict) -> dict:
    """{(related model, pk string): name} for every foreign-key value on the page."""
    wanted: dict = defaultdict(set)
    for entry in entries:
        model = models_of[entry.pk]
        for name, values in (entry.changes_dict or {}).items():
            found = _field(model, name)
            if found is None or not found.many_to_one and not found.one_to_one:
                continue
            if not isinstance(values, list | tuple):
                continue
            for value in values:
                if value not in (None, _NONE, ""):
                    wanted[found.related_model].add(str(value))
    names = {}
    for related, pks in wanted.items():
        pk_field = related._meta.pk
        valid = []
        for pk in pks:
            try:
                valid.append(pk_field.to_python(pk))
            except Exception:  # noqa: BLE001 — an old entry may hold anything
                continue
        for obj in related._base_manager.filter(pk__in=valid):
            names[(related, str(obj.pk))] = str(obj)
    return names


def _display(found: models.Field, value, names: dict) -> str:
    if value in (None, _NONE, ""):
        return MSG_EMPTY
    text = str(value)
    if found.many_to_one or found.one_to_one:
        name = names.get((found.related_model, text))
        return name if name is not None else _(MSG_DELETED_OBJECT) % {"pk": text}
    if found.flatchoices:
        labels = {str(key): label for key, label in found.flatchoices}
        if text in labels:
            return str(labels[text])
    if isinstance(found, models.BooleanField):
        return _(MSG_YES) if text == "True" else _(MSG_NO) if text == "False" else text
    if isinstance(found, models.DateTimeField):
        moment = parse_datetime(text)
        if moment is not None:
            if timezone.is_naive(moment):
                # auditlog writes str() of the stored value: UTC when USE_TZ is on.
                moment = moment.replace(tzinfo=datetime.UTC)
            return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    elif isinstance(found, models.DateField):
        day = parse_date(text[:10])
        if day is not None:
            return formats.date_format(day, "DATE_FORMAT")
    return Truncator(text).chars(_LONGEST)


def _changes(model, changes: dict, names: dict, created: bool) -> list[Change]:
    rows = []
    for name, values in (changes or {}).items():
        if name.startswith(STATISTIC_PREFIX) and isinstance(values, list | tuple):
            # A statistic the autosave recorded in its report's entry (core.audit).
            old, new = (str(v) if v not in (None, _NONE, "") else MSG_EMPTY for v in values)
            if not created or new != MSG_EMPTY:
                rows.append(Change(name[len(STATISTIC_PREFIX) :], "" if created else old, new))
            continue
        found = _field(model, name)
        if found is None:
            continue
        label = str(found.verbose_name)
        if isinstance(values, dict) and values.get("type") == "m2m":
            items = "、".join(str(item) for item in values.get("objects", []))
            message = MSG_ADDED if values.get("operation") == "add" else MSG_REMOVED
            rows.append(Change(label, "", _(message) % {"items": items}))
            continue
        if not isinstance(values, list | tuple) or len(values) != 2:
            continue
        old, new = (_display(found, value, names) for value in values)
        if created:
            # A new row: its values, without "— →" before each, and none of the empty ones.
            if new != MSG_EMPTY:
                rows.append(Change(label, "", new))
        elif old != new:
            rows.append(Change(label, old, new))
    return rows


def history_rows(entries: Iterable) -> list[HistoryRow]:
    """Rows of a history page for `entries` (a page of auditlog LogEntry, with their
    content types selected)."""
    entries = list(entries)
    models_of = {entry.pk: entry.content_type.model_class() for entry in entries}
    names = _related_names(entries, models_of)
    rows = []
    for entry in entries:
        model = models_of[entry.pk]
        kind = str(model._meta.verbose_name) if model is not None else entry.content_type.model
        created = entry.action == entry.Action.CREATE
        rows.append(HistoryRow(entry, kind, _changes(model, entry.changes_dict, names, created)))
    return rows
