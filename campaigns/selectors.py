"""Reads of notices, the inbox and slogans, each scoped to the user (the cascade's reads:
`cascade.selectors`)."""

from django.db.models import Count, F

from campaigns.models import Campaign, Delivery, Notice, Slogan
from campaigns.services import slogan_source_list
from orgs import scoping
from orgs.models import Membership, OrgUnit


def notice_get_for_user(user, pk: int, action: str = scoping.Action.VIEW) -> Notice:
    """The notice, if `user` may see it: 404 outside what they may see (drafts of other units
    included), 403 where they may see it but not do `action`."""
    visible = Notice.objects.for_user(user).select_related("campaign", "unit")
    return scoping.get_for_user(visible, pk=pk, user=user, action=action)


def _own_and_above_paths(user) -> list[str] | None:
    """Paths of the user's own units and of every unit above them (None: superuser)."""
    if user.is_superuser:
        return None
    paths = set()
    for path in Membership.objects.filter(user=user).values_list("unit__path", flat=True):
        paths.update(
            path[:end] for end in range(scoping.PATH_STEP, len(path) + 1, scoping.PATH_STEP)
        )
    return sorted(paths)


def inbox_for_user(user):
    """收文箱: issued notices delivered to the user's units or to a unit above them (what was
    sent to the province reaches the city), unread first, newest first."""
    paths = _own_and_above_paths(user)
    deliveries = Delivery.objects.filter(notice__status=Notice.Status.ISSUED)
    if paths is not None:
        deliveries = deliveries.filter(recipient__path__in=paths)
    return deliveries.select_related("notice__unit", "notice__campaign", "recipient").order_by(
        F("read_at").asc(nulls_first=True), "-delivered_at", "-pk"
    )


def unread_count(user) -> int:
    return inbox_for_user(user).filter(read_at=None).count()


def notices_of_own_units(user, *, year: int | None = None, status: str = ""):
    """通知与方案: the notices and plans (drafts too) of the units in the user's subtrees."""
    qs = Notice.objects.filter(
        scoping.scope_q(user, scoping.Action.VIEW, path_field="unit__path")
    ).select_related("campaign", "unit")
    if year:
        qs = qs.filter(campaign__year=year)
    if status:
        qs = qs.filter(status=status)
    return qs


def editable_units(user):
    """The units the user may draft notices for: the units they hold an editing role on."""
    if user.is_superuser:
        return OrgUnit.objects.filter(depth=1)
    roles = list(scoping.ROLES_FOR_ACTION[scoping.Action.EDIT])
    return OrgUnit.objects.filter(memberships__user=user, memberships__role__in=roles).order_by(
        "path"
    )


def visible_basis(user, notice: Notice):
    return Notice.objects.for_user(user).filter(implementations=notice).select_related("unit")


def _membership_paths(user) -> set[str]:
    return set(Membership.objects.filter(user=user).values_list("unit__path", flat=True))


def deliveries_readable_by(user, notice: Notice) -> list[Delivery]:
    """This notice's copies addressed to the units the user belongs to: opening the notice
    marks them read. A city clerk reading its own plan does not mark the counties' copies,
    nor does a county clerk mark the copy its city received."""
    paths = _membership_paths(user)
    return [d for d in notice.deliveries.select_related("recipient") if d.recipient.path in paths]


def plan_units_for(user, notice: Notice) -> list[OrgUnit]:
    """The user's own units that received `notice` and where they may draft this level's plan
    (制定本级方案). Units below them are left to their own clerks."""
    if not notice.is_issued or notice.kind == Notice.Kind.CIRCULAR:
        # A 通报 reports on a round; there is nothing in it for this level to implement.
        return []
    paths = _membership_paths(user)
    recipients = OrgUnit.objects.filter(inbox__notice=notice, path__in=paths).order_by("path")
    return [u for u in recipients if scoping.can(user, scoping.Action.EDIT, u)]


def unit_slogans(campaign: Campaign, unit: OrgUnit) -> list[Slogan]:
    return list(Slogan.objects.filter(campaign=campaign, unit=unit).order_by("position"))


def screen_slogans(campaign: Campaign, unit: OrgUnit) -> list[Slogan]:
    """The LED screen rolls the unit's own list, else the nearest list above it (the
    province's, finally the national one)."""
    return unit_slogans(campaign, unit) or slogan_source_list(campaign, unit)


def campaign_years() -> list[int]:
    return list(Campaign.objects.order_by("-year").values_list("year", flat=True))


def year_selected(raw: str | None, *, content_years, years: list[int]) -> int | None:
    """The year a list or board shows: the one asked for, else the latest year that has
    content for the viewer (`content_years`), else the latest campaign. Opening a new year
    must not leave every unit looking at an empty list while its work is in the last one."""
    if raw and raw.isdigit() and int(raw) in years:
        return int(raw)
    content = [year for year in content_years if year is not None]
    if content:
        return max(content)
    return years[0] if years else None


def years_of(queryset, field: str = "campaign__year") -> list[int]:
    """The distinct campaign years of `queryset`'s rows (one small query)."""
    return sorted(set(queryset.order_by().values_list(field, flat=True).distinct()), reverse=True)


def campaigns_overview():
    """年度管理: every campaign with how many notices and plans it holds, newest first."""
    return Campaign.objects.annotate(notice_count=Count("notices")).order_by("-year")
