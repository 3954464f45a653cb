from django.db.models import Count, Q

from orgs import scoping
from orgs.models import Department, Membership, OrgUnit


def unit_get_for_user(user, pk: int, action: str = scoping.Action.VIEW) -> OrgUnit:
    """The unit, if `user` may see it; 404 outside the user's subtrees (so that guessing ids
    reveals nothing), 403 where the user may see it but not do `action`.
    """
    return scoping.get_for_user(
        OrgUnit.objects.for_user(user), pk=pk, user=user, action=action, unit_of=lambda u: u
    )


def top_unit_for(user) -> OrgUnit | None:
    """The highest unit the user holds a role on, where their pages of a subtree start."""
    return OrgUnit.objects.for_user(user).order_by("depth", "path").first()


def unit_children(unit: OrgUnit):
    return OrgUnit.objects.get_children(unit).annotate(department_count=Count("departments"))


def unit_in_view(user, unit: OrgUnit) -> OrgUnit | None:
    """Where `user`'s pages of `unit`'s subtree start: the unit itself when the user may see
    it, else the highest unit they may see inside it (a province admin's part of a national
    requirement is their province), else None."""
    if scoping.can(user, scoping.Action.VIEW, unit):
        return unit
    return OrgUnit.objects.for_user(user).subtree_of(unit).order_by("depth", "path").first()


def unit_ancestors(unit: OrgUnit) -> list[OrgUnit]:
    """The path from the nation down to the unit's parent, in one query."""
    return list(OrgUnit.objects.filter(path__in=unit.ancestor_paths()).order_by("depth"))


def user_memberships(user):
    return Membership.objects.filter(user=user).select_related("unit").order_by("unit__path")


def unit_members(unit: OrgUnit):
    return Membership.objects.filter(unit=unit).select_related("user").order_by("user__username")


def unit_departments(unit: OrgUnit):
    return Department.objects.filter(unit=unit).order_by("name")


def units_search(user, query: str, limit: int = 50):
    return (
        OrgUnit.objects.for_user(user)
        .filter(Q(name__icontains=query) | Q(full_name__icontains=query))
        .order_by("path")[:limit]
    )
