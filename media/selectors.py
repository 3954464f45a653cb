"""Reads of the media library: the public's view (every item) and a unit's (its own and its
superiors')."""

from django.shortcuts import get_object_or_404

from campaigns.models import Campaign, Slogan
from media.models import MediaItem
from orgs import scoping
from orgs.models import OrgUnit


def public_items(*, campaign: Campaign | None = None, kind: str = ""):
    qs = MediaItem.objects.select_related("unit", "campaign")
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def public_item_get(pk: int) -> MediaItem:
    return get_object_or_404(public_items(), pk=pk)


def items_for_user(user, *, campaign: Campaign | None = None):
    qs = MediaItem.objects.for_user(user).select_related("unit", "campaign")
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return qs


def item_get_for_edit(user, pk: int) -> MediaItem:
    return scoping.get_for_user(
        MediaItem.objects.for_user(user).select_related("unit", "campaign"),
        pk=pk,
        user=user,
        action=scoping.Action.EDIT,
    )


def editable_item_ids(user, items) -> set[int]:
    """Of `items`, those `user` may change: a superior's poster is shown, not offered to edit."""
    return {item.pk for item in items if scoping.can(user, scoping.Action.EDIT, item.unit)}


def units_for_upload(user) -> list[OrgUnit]:
    """The units whose library `user` may add to: those their memberships let them edit."""
    units = [
        m.unit
        for m in user.memberships.select_related("unit")
        if scoping.can(user, scoping.Action.EDIT, m.unit)
    ]
    if not units and user.is_superuser:
        units = list(OrgUnit.objects.filter(depth=1))
    return units


def campaigns() -> list[Campaign]:
    return list(Campaign.objects.order_by("-year"))


def poster_slogans(campaign: Campaign, unit: OrgUnit) -> list[str]:
    """The unit's own slogans for the year (its slogans page), else the national ones."""
    own = Slogan.objects.filter(campaign=campaign, unit=unit).order_by("position")
    texts = list(own.values_list("text", flat=True))
    return texts or list(campaign.national_slogans().values_list("text", flat=True))
