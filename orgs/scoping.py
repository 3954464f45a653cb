"""Who may do what, where: the one place the platform decides visibility.

A role held on a unit applies to that unit and its whole subtree. Every queryset's
`for_user(user, action)` and every detail view goes through `scope_q` / `can`, so the rule is
written once — and once more as SQL (`grant_sql`) for the hand-written autosave statement,
held to the same permission matrix by the tests. Units are compared by materialized path: an
object belongs to the subtree of a unit when its unit's path starts with that unit's path.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    ADMIN = "admin", _("管理员")
    EDITOR = "editor", pgettext_lazy("role", "编辑")
    VIEWER = "viewer", pgettext_lazy("role", "查看")


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    MANAGE = "manage"  # members, history, settings of the unit


ROLES_FOR_ACTION: dict[str, frozenset[str]] = {
    Action.VIEW: frozenset({Role.ADMIN, Role.EDITOR, Role.VIEWER}),
    Action.EDIT: frozenset({Role.ADMIN, Role.EDITOR}),
    Action.MANAGE: frozenset({Role.ADMIN}),
}

_CACHE_ATTR = "_qm_scope_paths"

# Characters per tree level in OrgUnit.path (treebeard's steplen).
PATH_STEP = 4


def scope_paths(user, action: str) -> list[str] | None:
    """Path prefixes of the subtrees where `user` may do `action`.

    None means everywhere (a superuser); [] means nowhere (anonymous, or no such role).
    Nested grants are folded into their ancestor so the SQL stays short. Cached on the user
    object, which lives for one request.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        rows = user.memberships.values_list("unit__path", "role")
        for act, roles in ROLES_FOR_ACTION.items():
            cache[act] = _fold([path for path, role in rows if role in roles])
        setattr(user, _CACHE_ATTR, cache)
    return cache[action]


def _fold(paths: list[str]) -> list[str]:
    folded: list[str] = []
    for path in sorted(paths):
        if not folded or not path.startswith(folded[-1]):
            folded.append(path)
    return folded


def forget(user) -> None:
    """Drop the cached grants, after the user's memberships changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def scope_q(user, action: str, path_field: str, include_ancestors: bool = False) -> Q:
    """A filter keeping rows whose unit path (`path_field`) lies in the user's subtrees.

    With `include_ancestors`, rows belonging to a unit above one of the user's units match
    too: what was sent to the province reaches its counties.
    """
    paths = scope_paths(user, action)
    if paths is None:
        return Q()
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= Q(**{f"{path_field}__startswith": path})
    if include_ancestors:
        above = {path[:end] for path in paths for end in range(PATH_STEP, len(path), PATH_STEP)}
        if above:
            q |= Q(**{f"{path_field}__in": sorted(above)})
    return q


def grant_sql(user, action: str, path_sql: str) -> tuple[str, list]:
    """The same rule as `can`, as an SQL condition (and its parameters) on the unit path
    `path_sql`, for a hand-written query that checks the right in the statement that reads
    the row (the report autosave, `reports.services.autosave._lock_draft`). Portable
    SQL: SQLite and PostgreSQL both concatenate with `||`; paths are treebeard's steps of
    [0-9A-Z], so no LIKE wildcard can be in one."""
    if user is None or not user.is_authenticated or not user.is_active:
        return "1 = 0", []
    if user.is_superuser:
        return "1 = 1", []
    roles = sorted(ROLES_FOR_ACTION[action])
    return (
        "EXISTS (SELECT 1 FROM orgs_membership grant_m"
        " JOIN orgs_orgunit grant_u ON grant_u.id = grant_m.unit_id"
        f" WHERE grant_m.user_id = %s AND grant_m.role IN ({', '.join(['%s'] * len(roles))})"
        f" AND {path_sql} LIKE grant_u.path || '%%')",
        [user.pk, *roles],
    )


def get_for_user(queryset, *, pk, user, action: str, unit_of=lambda obj: obj.unit):
    """The row `pk` of `queryset` (already limited to what `user` may see): 404 when it is not
    there, so that guessing ids reveals nothing; 403 when the user may see it but not do
    `action` on its unit (`unit_of(row)`)."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    if action != Action.VIEW:
        require(user, action, unit_of(obj))
    return obj


def require(user, action: str, unit) -> None:
    """Raise PermissionDenied unless `user` may do `action` on `unit` (for services)."""
    if not can(user, action, unit):
        raise PermissionDenied


def can(user, action: str, unit) -> bool:
    """May `user` do `action` on something that belongs to `unit`?"""
    paths = scope_paths(user, action)
    if paths is None:
        return True
    return any(unit.path.startswith(path) for path in paths)
