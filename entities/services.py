"""Writes to the directory of market entities: by hand and by importing the clerk's 名录."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.audit import set_actor
from entities import credit_code
from entities.directory_file import read_rows
from entities.models import Field, MarketEntity
from orgs import scoping
from orgs.models import OrgUnit

EDITABLE = ("name", "credit_code", "license_no", "address", "region", "field", "status")

MSG_REGION_UNKNOWN = gettext_noop("找不到地区“%(value)s”，请填写本辖区内的单位名称或区划代码。")
MSG_REGION_AMBIGUOUS = gettext_noop("地区“%(value)s”有多个同名单位，请改填区划代码。")
MSG_REGION_OUTSIDE = gettext_noop("地区“%(value)s”不在您可编辑的范围内。")
MSG_FIELD_UNKNOWN = gettext_noop("领域“%(value)s”不在可选范围内（%(choices)s）。")
MSG_STATUS_UNKNOWN = gettext_noop("状态“%(value)s”不在可选范围内（%(choices)s）。")
MSG_REQUIRED = gettext_noop("必填，不能为空。")
MSG_DUPLICATE_IN_FILE = gettext_noop("统一社会信用代码与第 %(row)s 行重复。")
MSG_EXISTS_OUTSIDE = gettext_noop("该统一社会信用代码已登记在您管辖范围以外的“%(name)s”名下。")
MSG_CODE_TAKEN = gettext_noop("统一社会信用代码已登记为“%(name)s”。")

COLUMN_LABELS = {
    "name": gettext_noop("名称"),
    "credit_code": gettext_noop("统一社会信用代码"),
    "license_no": gettext_noop("资质认定证书编号"),
    "address": gettext_noop("地址"),
    "region": gettext_noop("所在地区"),
    "field": gettext_noop("领域"),
    "status": gettext_noop("状态"),
}


def _check_code_free(code: str, instance: MarketEntity | None) -> None:
    other = MarketEntity.objects.filter(credit_code=code).exclude(
        pk=instance.pk if instance else None
    )
    if other.exists():
        raise ValidationError({"credit_code": _(MSG_CODE_TAKEN) % {"name": other.first().name}})


@transaction.atomic
def entity_create(*, actor, region: OrgUnit, **fields) -> MarketEntity:
    scoping.require(actor, scoping.Action.EDIT, region)
    fields["credit_code"] = credit_code.normalise(fields.get("credit_code", ""))
    _check_code_free(fields["credit_code"], None)
    with set_actor(actor):
        entity = MarketEntity(region=region, **fields)
        entity.full_clean()
        entity.save()
    return entity


@transaction.atomic
def entity_update(*, actor, entity: MarketEntity, **fields) -> MarketEntity:
    """Edit an entity; saving it unchanged writes nothing (no history entry)."""
    entity = MarketEntity.objects.select_for_update().get(pk=entity.pk)
    scoping.require(actor, scoping.Action.EDIT, entity.region)
    if "region" in fields:
        scoping.require(actor, scoping.Action.EDIT, fields["region"])
    if "credit_code" in fields:
        fields["credit_code"] = credit_code.normalise(fields["credit_code"])
        _check_code_free(fields["credit_code"], entity)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown entity fields: {sorted(unknown)}")
    changed = {k: v for k, v in fields.items() if getattr(entity, k) != v}
    if not changed:
        return entity
    with set_actor(actor):
        for name, value in changed.items():
            setattr(entity, name, value)
        entity.full_clean()
        entity.save()
    return entity


# --- Import -----------------------------------------------------------------------------


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class DirectoryImport:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _choice(value: str, choices) -> str | None:
    for key, label in choices:
        if value in (key, str(label)):
            return key
    return None


class _Regions:
    """Resolves a region cell (a division code, or a unit's name or full name) to a unit the
    actor may edit; names are looked up in the actor's editable subtrees only."""

    def __init__(self, actor) -> None:
        self.actor = actor
        self.cache: dict[str, OrgUnit | str] = {}

    def resolve(self, value: str) -> OrgUnit | str:
        if value not in self.cache:
            self.cache[value] = self._resolve(value)
        return self.cache[value]

    def _resolve(self, value: str) -> OrgUnit | str:
        if value.isdigit():
            unit = OrgUnit.objects.filter(code=value).first()
        else:
            units = list(
                OrgUnit.objects.for_user(self.actor, scoping.Action.EDIT).filter(name=value)[:2]
            ) or list(
                OrgUnit.objects.for_user(self.actor, scoping.Action.EDIT).filter(full_name=value)[
                    :2
                ]
            )
            if len(units) > 1:
                return _(MSG_REGION_AMBIGUOUS) % {"value": value}
            unit = units[0] if units else None
        if unit is None:
            return _(MSG_REGION_UNKNOWN) % {"value": value}
        if not scoping.can(self.actor, scoping.Action.EDIT, unit):
            return _(MSG_REGION_OUTSIDE) % {"value": value}
        return unit


def directory_import(*, actor, data: bytes, filename: str) -> DirectoryImport:
    """Import a 名录 (XLSX or CSV): each row creates an entity, or updates the one with its
    统一社会信用代码. All or nothing: when any row is wrong the result lists every error (row
    as Excel numbers it, column, message) and nothing is written. Raises DirectoryFileError
    when the file as a whole cannot be read."""
    result = DirectoryImport()
    regions = _Regions(actor)
    seen: dict[str, int] = {}
    planned: list[tuple[int, dict]] = []
    field_names = "、".join(str(label) for _k, label in Field.choices)
    status_names = "、".join(str(label) for _k, label in MarketEntity.Status.choices)
    for row in read_rows(data, filename):
        errors_before = len(result.errors)

        def error(column: str, message: str, number: int = row.number) -> None:
            result.errors.append(RowError(number, _(COLUMN_LABELS[column]), message))

        cells = row.cells
        values: dict = {
            "name": cells.get("name", ""),
            "credit_code": credit_code.normalise(cells.get("credit_code", "")),
            "license_no": cells.get("license_no", ""),
            "address": cells.get("address", ""),
        }
        for key in ("name", "credit_code", "region", "field"):
            if not cells.get(key):
                error(key, _(MSG_REQUIRED))
        if values["credit_code"]:
            if values["credit_code"] in seen:
                error(
                    "credit_code", _(MSG_DUPLICATE_IN_FILE) % {"row": seen[values["credit_code"]]}
                )
            seen.setdefault(values["credit_code"], row.number)
        if cells.get("region"):
            region = regions.resolve(cells["region"])
            if isinstance(region, str):
                error("region", region)
            else:
                values["region"] = region
        if cells.get("field"):
            values["field"] = _choice(cells["field"], Field.choices)
            if values["field"] is None:
                error(
                    "field",
                    _(MSG_FIELD_UNKNOWN) % {"value": cells["field"], "choices": field_names},
                )
        status = cells.get("status", "")
        values["status"] = (
            _choice(status, MarketEntity.Status.choices)
            if status
            else MarketEntity.Status.OPERATING
        )
        if values["status"] is None:
            error("status", _(MSG_STATUS_UNKNOWN) % {"value": status, "choices": status_names})
        if len(result.errors) == errors_before:
            _validate_row(values, row.number, actor, result)
        if len(result.errors) == errors_before:
            planned.append((row.number, values))
    if result.ok:
        _write(actor, planned, result)
    return result


def _validate_row(values: dict, number: int, actor, result: DirectoryImport) -> None:
    existing = MarketEntity.objects.filter(credit_code=values["credit_code"]).first()
    if existing and not scoping.can(actor, scoping.Action.EDIT, existing.region):
        result.errors.append(
            RowError(
                number,
                _(COLUMN_LABELS["credit_code"]),
                _(MSG_EXISTS_OUTSIDE) % {"name": existing.name},
            )
        )
        return
    candidate = existing or MarketEntity()
    for name, value in values.items():
        setattr(candidate, name, value)
    try:
        candidate.full_clean(validate_unique=False)
    except ValidationError as invalid:
        for name, messages in invalid.message_dict.items():
            column = _(COLUMN_LABELS.get(name, "name"))
            result.errors.extend(RowError(number, column, m) for m in messages)
    finally:
        if existing:
            existing.refresh_from_db()


@transaction.atomic
def _write(actor, planned: list[tuple[int, dict]], result: DirectoryImport) -> None:
    for _number, values in planned:
        existing = MarketEntity.objects.filter(credit_code=values["credit_code"]).first()
        if existing is None:
            entity_create(actor=actor, **values)
            result.created += 1
        else:
            before = existing.updated_at
            entity = entity_update(actor=actor, entity=existing, **values)
            if entity.updated_at != before:
                result.updated += 1
            else:
                result.unchanged += 1


@transaction.atomic
def entity_get_or_create_for_applicant(
    *, name: str, code: str, region: OrgUnit, address: str = ""
) -> MarketEntity:
    """The directory's entity for an enterprise that applies on the public side (a quality
    award, an assistance request): matched by its 统一社会信用代码, else entered in `region`
    (the unit it applies to) as 其他. No signed-in actor: the entry is the system's, and an
    existing entry's name is left as the directory has it (the clerks keep the directory)."""
    normalised = credit_code.normalise(code)
    existing = MarketEntity.objects.filter(credit_code=normalised).first()
    if existing is not None:
        return existing
    with set_actor(None):
        entity = MarketEntity(
            name=name.strip(),
            credit_code=normalised,
            region=region,
            address=address.strip(),
            field=Field.OTHER,
        )
        entity.full_clean()
        entity.save()
    return entity
