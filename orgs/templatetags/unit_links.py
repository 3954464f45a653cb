"""Links to a unit's pages only where the viewer may open them.

Pages show units the viewer may not open: the ancestors in a breadcrumb (全国 › 湖南省 on a
province admin's page), the issuer of a superior's notice. A link to them would answer 404;
these tags let a template link only what opens, or the viewer's own part of it.
"""

from django import template

from orgs import scoping
from orgs.models import OrgUnit
from orgs.selectors import unit_in_view

register = template.Library()


@register.filter
def viewable_by(unit: OrgUnit, user) -> bool:
    """`{% if a|viewable_by:user %}`: may the user open the unit's pages?"""
    return scoping.can(user, scoping.Action.VIEW, unit)


@register.simple_tag
def unit_in_view_of(user, unit: OrgUnit) -> OrgUnit | None:
    """`{% unit_in_view_of user notice.unit as scope %}`: the unit itself when the user may
    open it, else the highest unit of its subtree they may open, else None."""
    return unit_in_view(user, unit)
