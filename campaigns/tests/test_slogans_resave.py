"""Saving a unit's slogan list again keeps the lines it keeps: the rows stay, and the unit's
history records only what really changed (it used to record every line deleted and created
again on each save of the slogan page)."""

import pytest
from auditlog.models import LogEntry

from campaigns import services
from campaigns.models import Slogan
from core.testing.world import make_user
from orgs.scoping import Role


def _last_log() -> int:
    return LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.mark.django_db
def test_saving_the_same_slogans_again_changes_nothing_and_records_nothing(world):
    campaign = services.national_campaigns_load()[0]
    hunan = world.unit("湖南省")
    admin = make_user("hunan_admin", hunan, Role.ADMIN)
    lines = [(local, source) for source, local in services.slogan_suggestions(campaign, hunan)]
    services.slogans_set(actor=admin, campaign=campaign, unit=hunan, lines=lines)
    before = list(Slogan.objects.filter(unit=hunan).order_by("position").values())
    last = _last_log()

    services.slogans_set(actor=admin, campaign=campaign, unit=hunan, lines=lines)

    assert list(Slogan.objects.filter(unit=hunan).order_by("position").values()) == before
    assert not LogEntry.objects.filter(pk__gt=last).exists()


@pytest.mark.django_db
def test_reordering_dropping_and_adding_lines_touches_only_those_lines(world):
    campaign = services.national_campaigns_load()[0]
    hunan = world.unit("湖南省")
    admin = make_user("hunan_admin", hunan, Role.ADMIN)
    lines = [(local, source) for source, local in services.slogan_suggestions(campaign, hunan)]
    assert len(lines) >= 3
    first, second, third = services.slogans_set(
        actor=admin, campaign=campaign, unit=hunan, lines=lines
    )[:3]

    # Swap the first two (their texts stay unique throughout), drop the third, add one.
    services.slogans_set(
        actor=admin,
        campaign=campaign,
        unit=hunan,
        lines=[lines[1], lines[0], *lines[3:], ("湖南质量 你我共建", None)],
    )

    saved = list(Slogan.objects.filter(unit=hunan).order_by("position"))
    assert [s.text for s in saved] == [
        second.text,
        first.text,
        *(text for text, _s in lines[3:]),
        "湖南质量 你我共建",
    ]
    assert [s.pk for s in saved[:2]] == [second.pk, first.pk]
    assert not Slogan.objects.filter(pk=third.pk).exists()
    assert saved[-1].derived_from is None
