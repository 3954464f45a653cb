"""The entity form in Chromium, as the national admin sees it (every unit of the country in
the region list): saved unchanged it changes nothing; a region picked in the list, or found
by typing part of its name, is saved."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from playwright.sync_api import expect

from core.testing.browser import log_in
from core.testing.world import build_world
from entities import services
from entities.credit_code import with_check
from entities.models import Field, MarketEntity
from orgs.divisions import read_divisions
from orgs.models import OrgUnit
from orgs.services import divisions_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _state(entity: MarketEntity) -> tuple:
    entity = MarketEntity.objects.get(pk=entity.pk)
    return (entity.region_id, entity.updated_at, LogEntry.objects.get_for_object(entity).count())


def _entity_in_furong(world) -> MarketEntity:
    return services.entity_create(
        actor=world.users["editor"],
        region=world.unit("芙蓉区"),
        name="长沙市机动车检测有限公司",
        credit_code=with_check("91430102MA0000001"),
        field=Field.VEHICLE,
        address="芙蓉中路 1 号",
    )


def _save(page) -> None:
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"**{reverse('entities:list')}")


def test_the_national_admin_saves_an_entity_unchanged_then_moves_it(page):
    world = build_world()
    entity = _entity_in_furong(world)
    before = _state(entity)
    log_in(page, "national_admin")
    edit = reverse("entities:edit", args=[entity.pk])

    page.goto(edit)
    region = page.get_by_label("所在地区")
    assert region.evaluate("s => s.options[s.selectedIndex].text") == str(world.unit("芙蓉区"))
    _save(page)
    assert _state(entity) == before

    page.goto(edit)
    page.get_by_label("所在地区").select_option(label=str(world.unit("天心区")))
    _save(page)
    assert MarketEntity.objects.get(pk=entity.pk).region == world.unit("天心区")


def test_the_national_admin_finds_a_region_by_typing_part_of_its_name(page):
    """Hunan's 149 divisions in the list: the box above it narrows them; a name that matches
    nothing changes nothing, and Enter in the box does not save the form."""
    world = build_world()
    divisions_load(d for d in read_divisions() if d.code.startswith("43"))
    entity = _entity_in_furong(world)
    before = _state(entity)
    log_in(page, "national_admin")
    edit = reverse("entities:edit", args=[entity.pk])
    page.goto(edit)
    region = page.get_by_label("所在地区")
    box = page.get_by_role("searchbox", name="输入名称筛选下面的选项")
    shown = "s => [...s.options].filter(o => !o.hidden).map(o => o.text)"

    box.fill("没有这个地方")
    expect(page.locator(".option-filter-status")).to_have_text("没有匹配的选项，已选的不变")
    assert region.evaluate(shown) == [str(world.unit("芙蓉区"))]  # the chosen one stays
    box.press("Enter")
    assert page.url.endswith(edit)
    _save(page)
    assert _state(entity) == before

    page.goto(edit)
    box.fill("浏阳")
    expect(page.locator(".option-filter-status")).to_have_text("1 项匹配")
    liuyang = str(OrgUnit.objects.get(name="浏阳市"))
    assert sorted(region.evaluate(shown)) == sorted([str(world.unit("芙蓉区")), liuyang])
    region.select_option(label=liuyang)
    _save(page)
    assert MarketEntity.objects.get(pk=entity.pk).region.name == "浏阳市"
