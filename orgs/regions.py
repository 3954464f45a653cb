"""The visitor's province → city → county choice, read from the org tree: the public pages
narrow activities and documents with it, an enterprise asking for assistance finds its
county's 市场监管所 with it. Plain GET selects, one level per step, so it works without
script."""

from dataclasses import dataclass

from orgs.models import OrgUnit

REGION_KINDS = (OrgUnit.Kind.PROVINCE, OrgUnit.Kind.PREFECTURE, OrgUnit.Kind.COUNTY)


def region_get(code: str | None) -> OrgUnit | None:
    if not code:
        return None
    return OrgUnit.objects.filter(code=code, kind__in=REGION_KINDS, is_active=True).first()


def region_from_codes(*codes: str | None) -> OrgUnit | None:
    """The deepest chosen level that lies inside the one above it: after the visitor picks
    another province, the city still in the form from before is ignored."""
    region = None
    for code in codes:
        unit = region_get(code)
        if unit is None or (region is not None and not unit.path.startswith(region.path)):
            break
        region = unit
    return region


@dataclass
class RegionLevel:
    name: str  # form field: province, city, county
    label: str
    choices: list[OrgUnit]
    selected: OrgUnit | None


def region_levels(region: OrgUnit | None, labels: tuple[str, str, str]) -> list[RegionLevel]:
    """The province → city → county selects: provinces always, then the children of each
    selected level, so the visitor narrows down one level per step."""
    chain = []
    if region is not None:
        chain = list(
            OrgUnit.objects.filter(path__in=[*region.ancestor_paths(), region.path])
            .filter(kind__in=REGION_KINDS)
            .order_by("depth")
        )
    provinces = list(OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE, is_active=True))
    levels = [RegionLevel("province", labels[0], provinces, chain[0] if chain else None)]
    for index, name in enumerate(("city", "county"), start=1):
        if len(chain) < index:
            break
        children = list(
            OrgUnit.objects.get_children(chain[index - 1]).filter(
                kind__in=REGION_KINDS[index:], is_active=True
            )
        )
        if not children:
            break
        selected = chain[index] if len(chain) > index else None
        levels.append(RegionLevel(name, labels[index], children, selected))
    return levels
