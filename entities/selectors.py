from django.db.models import Q
from django.shortcuts import get_object_or_404

from entities.models import MarketEntity
from orgs import scoping


def entities_for_user(user, *, q: str = "", field: str = "", unit=None):
    qs = MarketEntity.objects.for_user(user).select_related("region")
    if unit is not None:
        qs = qs.in_subtree(unit)
    if field:
        qs = qs.filter(field=field)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(credit_code__startswith=q.upper()))
    return qs.order_by("region__path", "name")


def entity_get_for_user(user, pk: int, action: str = scoping.Action.VIEW) -> MarketEntity:
    entity = get_object_or_404(MarketEntity.objects.for_user(user).select_related("region"), pk=pk)
    if action != scoping.Action.VIEW:
        scoping.require(user, action, entity.region)
    return entity
