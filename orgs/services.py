"""Writes to the organization tree. Each takes the acting user and is audited."""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.audit import set_actor
from orgs import scoping
from orgs.divisions import Division, station_full_name
from orgs.models import Department, Membership, OrgUnit

User = get_user_model()

BUREAU_SUFFIX = "市场监督管理局"
NATIONAL_NAME = "全国"
NATIONAL_FULL_NAME = "国家市场监督管理总局"

MSG_KIND_UNDER_PARENT = gettext_noop(
    "“%(kind)s”单位不能建在“%(parent)s”之下，请改选类别或上级单位。"
)


def national_unit_get_or_create() -> OrgUnit:
    root = OrgUnit.objects.get_root_nodes().filter(kind=OrgUnit.Kind.NATIONAL).first()
    if root is None:
        root = OrgUnit.objects.add_root(
            create_kwargs={
                "name": NATIONAL_NAME,
                "full_name": NATIONAL_FULL_NAME,
                "kind": OrgUnit.Kind.NATIONAL,
                "aliases": "市场监管总局\n总局\n国家市场监管总局",
            }
        )
    return root


def _full_name(division: Division) -> str:
    if division.kind == "station":
        return station_full_name(division.name)
    return division.name + BUREAU_SUFFIX


def _bureau_aliases(division: Division) -> str:
    """Names a notice may use for the division's bureau: 湖南省市场监管局, 省市场监督管理局 …"""
    if division.kind == "station":
        return ""
    short = {"province": "省", "prefecture": "市", "county": ""}[division.kind]
    aliases = [f"{division.name}市场监管局"]
    if short:
        aliases.append(f"{short}市场监督管理局")
    return "\n".join(aliases)


@transaction.atomic
def divisions_load(
    divisions: Iterable[Division],
    *,
    actor=None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Create or rename the territorial units for `divisions` (parents listed first).

    Idempotent: a code already present is renamed if its name changed, never moved or
    deleted. New children are inserted in bulk: their materialized paths are computed here,
    following treebeard's own path scheme, so loading 3,000 units takes a few statements per
    parent instead of several per unit. One transaction: a failure changes nothing.
    """
    divisions = list(divisions)
    with set_actor(actor):
        root = national_unit_get_or_create()
        existing = {u.code: u for u in OrgUnit.objects.exclude(code=None)}
        counts = {"created": 0, "renamed": 0, "unchanged": 0}
        by_parent: dict[str | None, list[Division]] = defaultdict(list)
        for division in divisions:
            by_parent[division.parent_code].append(division)

        done = 0
        total = len(divisions)
        # Walk level by level so that every parent exists before its children are placed.
        batch_codes = {division.code for division in divisions}
        pending_parents: list[str | None] = sorted(
            {code for code in by_parent if code not in batch_codes}, key=lambda c: c or ""
        )
        missing = [code for code in pending_parents if code is not None and code not in existing]
        if missing:
            raise ValueError(f"上级区划不存在：{', '.join(missing[:5])}")
        while pending_parents:
            next_parents: list[str | None] = []
            for parent_code in pending_parents:
                parent = root if parent_code is None else existing[parent_code]
                new_units = []
                for division in by_parent.get(parent_code, []):
                    full_name = _full_name(division)
                    unit = existing.get(division.code)
                    if unit is None:
                        new_units.append(
                            OrgUnit(
                                name=division.name,
                                full_name=full_name,
                                kind=division.kind,
                                code=division.code,
                                aliases=_bureau_aliases(division),
                            )
                        )
                    elif unit.name != division.name:
                        unit.name, unit.full_name = division.name, full_name
                        unit.save(update_fields=["name", "full_name", "updated_at"])
                        counts["renamed"] += 1
                    else:
                        counts["unchanged"] += 1
                    next_parents.append(division.code)
                if new_units:
                    for unit in _bulk_add_children(parent, new_units):
                        existing[unit.code] = unit
                    counts["created"] += len(new_units)
                done += len(by_parent.get(parent_code, []))
                if progress:
                    progress(done, total)
            pending_parents = [code for code in next_parents if code in by_parent]
    return counts


def _bulk_add_children(parent: OrgUnit, children: list[OrgUnit]) -> list[OrgUnit]:
    last = OrgUnit.objects.get_last_child(parent)
    start = OrgUnit._str2int(last.path[-OrgUnit.steplen :]) + 1 if last else 1
    for offset, child in enumerate(children):
        child.depth = parent.depth + 1
        child.path = OrgUnit._get_path(parent.path, child.depth, start + offset)
        child.numchild = 0
        # Field checks only: Django validates CheckConstraints with one query per row, and
        # the database enforces them on insert anyway.
        child.clean_fields(exclude=["path"])
    created = OrgUnit.objects.bulk_create(children)
    OrgUnit.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(children))
    parent.refresh_from_db(fields=["numchild"])
    return created


@transaction.atomic
def membership_set(*, actor, user, unit: OrgUnit, role: str) -> Membership:
    """Give `user` `role` on `unit` (replacing a previous role there). Needs MANAGE on unit."""
    scoping.require(actor, scoping.Action.MANAGE, unit)
    with set_actor(actor):
        membership, created = Membership.objects.get_or_create(
            user=user, unit=unit, defaults={"role": role}
        )
        if not created and membership.role != role:
            membership.role = role
            membership.full_clean()
            membership.save()
    scoping.forget(user)
    return membership


@transaction.atomic
def membership_remove(*, actor, membership: Membership) -> None:
    scoping.require(actor, scoping.Action.MANAGE, membership.unit)
    with set_actor(actor):
        membership.delete()
    scoping.forget(membership.user)


@transaction.atomic
def unit_update(*, actor, unit: OrgUnit, full_name: str, aliases: str) -> OrgUnit:
    """Edit a unit's full name and aliases (the division name and code come from the dataset)."""
    scoping.require(actor, scoping.Action.EDIT, unit)
    with set_actor(actor):
        unit.full_name = full_name.strip()
        unit.aliases = "\n".join(line.strip() for line in aliases.splitlines() if line.strip())
        unit.full_clean()
        unit.save(update_fields=["full_name", "aliases", "updated_at"])
    return unit


@transaction.atomic
def department_get_or_create(*, actor, unit: OrgUnit, name: str) -> Department:
    """The department (处室) `name` of `unit`, created when the unit has none of that name:
    a clerk confirming an imported notice adds the departments it names. Needs EDIT on
    `unit`, as the import does."""
    scoping.require(actor, scoping.Action.EDIT, unit)
    name = name.strip()[:100]
    with set_actor(actor):
        department = Department.objects.filter(unit=unit, name=name).first()
        if department is None:
            department = Department(unit=unit, name=name)
            department.full_clean(exclude=["unit"], validate_unique=False)
            department.save()
    return department


# The kind a new unit gets by default under a parent of each territorial kind: one level down.
KIND_BELOW = {
    OrgUnit.Kind.NATIONAL: OrgUnit.Kind.PROVINCE,
    OrgUnit.Kind.PROVINCE: OrgUnit.Kind.PREFECTURE,
    OrgUnit.Kind.PREFECTURE: OrgUnit.Kind.COUNTY,
    OrgUnit.Kind.COUNTY: OrgUnit.Kind.STATION,
}


def kind_below(parent: OrgUnit) -> str:
    """The kind a new unit under `parent` most likely has (non-territorial parents: 其他)."""
    return KIND_BELOW.get(parent.kind, OrgUnit.Kind.OTHER)


@transaction.atomic
def unit_create(
    *, actor, parent: OrgUnit, name: str, kind: str, full_name: str = "", aliases: str = ""
) -> OrgUnit:
    """A new unit under `parent` that the division dataset does not hold (高新区分局, a
    development zone's bureau, a provincial drug administration). Needs MANAGE on the parent.

    A territorial unit sits below a territorial parent of a higher level, so that the reporting
    hierarchy (province → prefecture → county → station) stays the tree's order.
    """
    scoping.require(actor, scoping.Action.MANAGE, parent)
    if kind == OrgUnit.Kind.NATIONAL or (
        kind in OrgUnit.TERRITORIAL_KINDS
        and (
            parent.kind not in OrgUnit.TERRITORIAL_KINDS
            or OrgUnit.TERRITORIAL_KINDS.index(kind) <= OrgUnit.TERRITORIAL_KINDS.index(parent.kind)
        )
    ):
        raise ValidationError(
            {
                "kind": _(MSG_KIND_UNDER_PARENT)
                % {"kind": OrgUnit.Kind(kind).label, "parent": parent.display_name}
            }
        )
    unit = OrgUnit(
        name=name.strip(),
        full_name=full_name.strip(),
        kind=kind,
        aliases="\n".join(line.strip() for line in aliases.splitlines() if line.strip()),
    )
    # treebeard computes the tree fields on insert.
    unit.full_clean(exclude=["path", "depth", "numchild"])
    with set_actor(actor):
        return OrgUnit.objects.add_child(parent, instance=unit)
