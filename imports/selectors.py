from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from campaigns.models import Notice
from imports.models import NoticeImport
from imports.parser import ParsedNotice, places
from imports.parser.digest import is_headline
from orgs import scoping
from orgs.matching import Match, NameMatcher, normalize_name
from orgs.models import Membership, OrgUnit


class ImportMatcher(NameMatcher):
    """NameMatcher that also reads a name written with the unit's own name in front
    ("湖南省市场监督管理局办公室" is the 办公室 of 湖南省), and a province's body by the
    province's short name as reports write it ("湖南市场监督管理局" is 湖南省市场监督管理局)."""

    def match(self, name: str) -> Match:
        found = super().match(name)
        if found.matched:
            return found
        for form in places.province_forms(normalize_name(name)):
            other = super().match(form)
            if other.matched:
                return Match(name, unit=other.unit, department=other.department, how=other.how)
        key = "".join(name.split())
        prefixes = [self.unit.full_name, self.unit.name, *self.unit.alias_list()]
        for prefix in sorted({p for p in prefixes if p}, key=len, reverse=True):
            if key.startswith(prefix) and len(key) > len(prefix):
                rest = super().match(key[len(prefix) :])
                if rest.matched:
                    return Match(name, unit=rest.unit, department=rest.department, how=rest.how)
        return found


def import_get_for_user(user, pk: int, action: str = scoping.Action.VIEW) -> NoticeImport:
    """404 outside the user's subtrees, 403 inside them without the right to `action`."""
    notice_import = (
        NoticeImport.objects.for_user(user).select_related("unit", "notice").filter(pk=pk).first()
    )
    if notice_import is None:
        raise Http404
    if action != scoping.Action.VIEW and not scoping.can(user, action, notice_import.unit):
        raise PermissionDenied
    return notice_import


def units_for_import(user) -> list[OrgUnit]:
    """The units a user can import for, as offered on the start page: those the user holds an
    editing role on, and the offices (办公室) placed directly under them."""
    if user.is_superuser:
        roots = list(OrgUnit.objects.get_root_nodes())
    else:
        roots = [
            m.unit
            for m in Membership.objects.filter(
                user=user, role__in=scoping.ROLES_FOR_ACTION[scoping.Action.EDIT]
            ).select_related("unit")
        ]
    units = []
    for root in roots:
        units.append(root)
        units.extend(
            OrgUnit.objects.get_children(root).filter(kind=OrgUnit.Kind.OFFICE, is_active=True)
        )
    return units


def new_unit_parents(user, unit: OrgUnit) -> list[OrgUnit]:
    """Where a clerk may place a unit created from an import for `unit`: the units above it,
    itself and those one level below, where the user holds the admin role (stations take no
    units below them)."""
    return list(
        OrgUnit.objects.for_user(user, scoping.Action.MANAGE)
        .filter(
            Q(path__in=unit.ancestor_paths())
            | Q(path__startswith=unit.path, depth__lte=unit.depth + 1)
        )
        .filter(is_active=True)
        .exclude(kind=OrgUnit.Kind.STATION)
    )


def imports_for_user(user, limit: int = 50):
    return NoticeImport.objects.for_user(user).select_related("unit", "uploader", "notice")[:limit]


def import_matches(user, notice_import: NoticeImport, data: ParsedNotice | None = None) -> dict:
    """For the preview: each issuer, co-organizer, lead and supporting name with its match,
    and each cited doc number with the visible notice it refers to (or None)."""
    data = data if data is not None else ParsedNotice.from_json(notice_import.data)
    matcher = ImportMatcher(notice_import.unit)
    cache: dict[str, Match] = {}

    def match(name: str) -> Match:
        if name not in cache:
            cache[name] = matcher.match(name)
        return cache[name]

    activities = [
        {
            "leads": [match(n) for n in item.lead],
            "supports": [match(n) for n in item.support],
        }
        for item in data.activities
    ]
    recipients = [match(n) for n in data.recipients]
    named = recipients + [m for row in activities for m in row["leads"] + row["supports"]]
    return {
        "issuers": [match(n) for n in data.issuers],
        "recipients": recipients,
        "co_organizers": [match(n) for n in data.co_organizers],
        "activities": activities,
        # What the clerk may create on confirmation (a department or a unit), once each.
        "unmatched": list(dict.fromkeys(m.name for m in named if not m.matched)),
        "basis": basis_matches(user, data.basis),
    }


def basis_matches(user, numbers: list[str]) -> list[tuple[str, Notice | None]]:
    found = {
        n.doc_number: n
        for n in Notice.objects.for_user(user).filter(doc_number__in=numbers).order_by("-pk")
    }
    return [(number, found.get(number)) for number in numbers]


# A headline is among a page's first lines.
_HEADLINE_LINES = 5


def title_suggestions(notice_import: NoticeImport, data: ParsedNotice) -> list[str]:
    """Titles the clerk can take with one press when the parser read none: a news report or a
    digest has no title of its own, but its headline (as the parser's digest reads one) names
    what the draft is about. Offered, not filled in: the preview saved unchanged keeps what was
    read. A labelled line (来源：…质量技术监督局) is no headline."""
    if data.title:
        return []
    lines = [line.strip() for line in notice_import.source_text.splitlines() if line.strip()]
    return [
        line
        for line in lines[:_HEADLINE_LINES]
        if "质量" in line and "：" not in line and not line.endswith("。") and is_headline(line)
    ][:1]
