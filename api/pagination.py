"""The one shape of every list operation: `{"count": …, "items": […]}` for a page of a
queryset the operation has already scoped to the user."""

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import Model, QuerySet

from api.schemas import PageQuery


def page(
    queryset: QuerySet,
    query: PageQuery,
    *,
    filters: Mapping[str, str],
    serialize: Callable[[Model], dict[str, Any]],
) -> dict[str, Any]:
    """The page `query` asks for (`offset`, `limit`) of `queryset`, narrowed by each query
    parameter in `filters` (parameter name → ORM lookup) the client gave; `count` is the size
    of the whole narrowed list, so that clients know how many pages follow.

    Scoping stays with the caller, on the line that builds `queryset`, where a reader checks
    who may see what; ordering too, since each list has its own."""
    lookups = {
        lookup: getattr(query, param)
        for param, lookup in filters.items()
        if getattr(query, param) is not None
    }
    if lookups:
        queryset = queryset.filter(**lookups)
    items = queryset[query.offset : query.offset + query.limit]
    return {"count": queryset.count(), "items": [serialize(item) for item in items]}
