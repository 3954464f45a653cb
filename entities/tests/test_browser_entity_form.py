"""The entity form in Chromium, as the national admin sees it (every unit of the country in
the region list): saved unchanged it changes nothing; a region picked in the list is saved."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from core.testing.browser import log_in
from core.testing.world import build_world
from entities import services
from entities.credit_code import with_check
from entities.models import Field, MarketEntity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _state(entity: MarketEntity) -> tuple:
    entity = MarketEntity.objects.get(pk=entity.pk)
    return (entity.region_id, entity.updated_at, LogEntry.objects.get_for_object(entity).count())


def test_the_national_admin_saves_an_entity_unchanged_then_moves_it(page):
    world = build_world()
    entity = services.entity_create(
        actor=world.users["editor"],
        region=world.unit("芙蓉区"),
        name="长沙市机动车检测有限公司",
        credit_code=with_check("91430102MA0000001"),
        field=Field.VEHICLE,
        address="芙蓉中路 1 号",
    )
    before = _state(entity)
    log_in(page, "national_admin")
    edit = reverse("entities:edit", args=[entity.pk])

    page.goto(edit)
    region = page.get_by_label("所在地区")
    assert region.evaluate("s => s.options[s.selectedIndex].text") == str(world.unit("芙蓉区"))
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"**{reverse('entities:list')}")
    assert _state(entity) == before

    page.goto(edit)
    page.get_by_label("所在地区").select_option(label=str(world.unit("天心区")))
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"**{reverse('entities:list')}")
    assert MarketEntity.objects.get(pk=entity.pk).region == world.unit("天心区")
