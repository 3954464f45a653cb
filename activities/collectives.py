"""Collective names (集合称谓) in a lead or support cell: "各监管所", "各市州市场监督管理局",
"各县（市、区）市场监管局", "各省级市场监管部门". Each denotes every unit of one level under the
issuing unit, so each of those units finds the activity in 我的任务, although no single unit
bears the name. "相关处室", "有关单位" name only some, unknown, bodies and denote nothing.
"""

import re

from django.db.models import QuerySet

from orgs.matching import normalize_name
from orgs.models import OrgUnit

Kind = OrgUnit.Kind

# What follows 各, in the order tried: the station pattern before the prefecture one, since
# "市场监管所" starts with 市. Spellings from the seeds and the notices they cite.
_LEVELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(市场)?(监管|监督管理)?所|^基层(市场)?(监管|监督管理)?所"), Kind.STATION),
    (re.compile(r"^省(级|、|（|\(|市场|质量|$)|^省区市"), Kind.PROVINCE),
    (
        re.compile(r"^(地|设区的?)?市(州|（州）|\(州\)|、州|级|局|市场|质量|$)|^地市|^州市"),
        Kind.PREFECTURE,
    ),
    (re.compile(r"^县(（|\(|市|区|级|局|$)|^区县"), Kind.COUNTY),
)
_SOME = ("相关", "有关", "其他", "其它", "成员")


def collective_kind(name: str) -> str | None:
    """The level a 各… name denotes, or None when the name is not such a collective."""
    key = normalize_name(name)
    if not key.startswith("各") or key[1:3] in _SOME:
        return None
    rest = key[1:]
    for pattern, kind in _LEVELS:
        if pattern.search(rest):
            return kind
    return None


def _territory(unit: OrgUnit) -> OrgUnit | None:
    """The unit whose territory a body speaks for: an office (质量强省办) or a co-organizing
    department speaks for the province it sits in."""
    if unit.kind in OrgUnit.TERRITORIAL_KINDS:
        return unit
    for ancestor in reversed(list(OrgUnit.objects.filter(path__in=unit.ancestor_paths()))):
        if ancestor.kind in OrgUnit.TERRITORIAL_KINDS:
            return ancestor
    return None


def collective_units(name: str, unit: OrgUnit) -> QuerySet[OrgUnit] | None:
    """The active units `name` denotes when `unit` writes it (every unit of that level in its
    territory), or None when the name is not a collective or no such level lies below it."""
    kind = collective_kind(name)
    base = _territory(unit) if kind else None
    if base is None:
        return None
    levels = OrgUnit.TERRITORIAL_KINDS
    if levels.index(kind) <= levels.index(base.kind):
        return None
    return OrgUnit.objects.filter(
        path__startswith=base.path, depth__gt=base.depth, kind=kind, is_active=True
    )
