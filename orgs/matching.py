"""Matching names as a notice writes them ("质量局", "省公安厅", "永安市市场监督管理局") to the
units and departments the platform knows. Never creates anything: an unmatched name comes
back unmatched, for a clerk to confirm.
"""

from dataclasses import dataclass

from django.db.models import Q

from orgs.models import Department, OrgUnit
from orgs.scoping import PATH_STEP


@dataclass(frozen=True)
class Match:
    name: str
    unit: OrgUnit | None = None
    department: Department | None = None
    how: str = ""  # "name", "alias", "group", or "" when unmatched

    @property
    def matched(self) -> bool:
        return self.unit is not None or self.department is not None or self.how == "group"


# Collective references name no single body ("各监管所", "相关处室", "有关单位"): they are
# understood as written, not matched to a unit, and never count as unknown names.
GROUP_PREFIXES = ("各", "相关", "有关", "其他", "其它")


def normalize_name(name: str) -> str:
    return "".join(name.split()).strip("，,、。；;：:（）()")


def _names(obj) -> tuple[set[str], set[str]]:
    exact = {normalize_name(n) for n in (obj.name, getattr(obj, "full_name", "")) if n}
    aliases = {normalize_name(a) for a in obj.aliases.splitlines() if a.strip()}
    return exact, aliases


class NameMatcher:
    """Matches names in the context of one unit: its own departments first, then the units
    around it (itself, two levels below, the chain above, and co-organizing bodies and offices
    placed beside it or beside its ancestors), finally any non-station unit in the country
    whose full name is exactly the name.
    """

    def __init__(self, unit: OrgUnit, extra_units: list[OrgUnit] | None = None) -> None:
        self.unit = unit
        self.departments = list(Department.objects.filter(unit=unit, is_active=True))
        above = unit.ancestor_paths()
        beside = "^(" + "|".join([*above, unit.path]) + ")" + "." * PATH_STEP + "$"
        non_territorial = [k for k in OrgUnit.Kind.values if k not in OrgUnit.TERRITORIAL_KINDS]
        self.units = list(
            OrgUnit.objects.filter(
                Q(path__startswith=unit.path, depth__lte=unit.depth + 2)
                | Q(path__in=above)
                | Q(kind__in=non_territorial, path__regex=beside)
            )
        ) + list(extra_units or [])

    def match(self, name: str) -> Match:
        key = normalize_name(name)
        if not key:
            return Match(name)
        if key.startswith(GROUP_PREFIXES):
            return Match(name, how="group")
        for how in ("name", "alias"):
            for department in self.departments:
                exact, aliases = _names(department)
                if key in (exact if how == "name" else aliases):
                    return Match(name, department=department, how=how)
            found = [u for u in self.units if key in _names(u)[0 if how == "name" else 1]]
            if how == "alias" and len(found) > 1:
                # A name relative to its place ("省市场监督管理局") is every province's alias: read
                # at the national level it is the importing unit's own or one of its chain's,
                # else nobody in particular — the clerk says which.
                chain = [self.unit.path, *reversed(self.unit.ancestor_paths())]
                found = sorted(
                    (u for u in found if u.path in chain), key=lambda u: chain.index(u.path)
                )[:1]
                if not found:
                    return Match(name)
            if found:
                return Match(name, unit=found[0], how=how)
        candidates = list(
            OrgUnit.objects.filter(full_name=key).exclude(kind=OrgUnit.Kind.STATION)[:2]
        )
        if len(candidates) == 1:
            return Match(name, unit=candidates[0], how="name")
        return Match(name)
