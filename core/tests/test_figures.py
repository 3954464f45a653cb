"""Figures over many activities (dashboard counts, the public calendar) are reused for
QM_FIGURES_CACHE_SECONDS (core/figures.py): computed once, shown to everyone in their own
language, kept apart per unit and per filter, and fresh again once the time is up."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from activities.models import Activity
from public import selectors as public_selectors
from public.tests.factories import add_activity, campaign_2023, public_activity
from reports import selectors


@pytest.fixture
def figures_cached(settings):
    settings.QM_FIGURES_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def plan(world):
    """An issued 2023 plan of 芙蓉区 with one public open day on 16 September."""
    return public_activity(actor=world.users["editor"], unit=world.unit("芙蓉区")).notice


def _total(counts) -> int:
    return sum(n for _, n in counts.by_status)


def test_dashboard_counts_are_computed_once_then_reused_until_the_time_is_up(
    figures_cached, plan, world, django_assert_num_queries
):
    changsha = world.unit("长沙市")
    assert _total(selectors.activity_counts(changsha, months=False)) == 1
    add_activity(plan, "质量讲堂", datetime.date(2023, 9, 16))
    # Within the minute: the categories (labels) only, not the count over the activities.
    with django_assert_num_queries(1):
        assert _total(selectors.activity_counts(changsha, months=False)) == 1
    cache.clear()  # the minute is up
    assert _total(selectors.activity_counts(changsha, months=False)) == 2


def test_without_the_setting_every_view_counts_again(settings, plan, world):
    settings.QM_FIGURES_CACHE_SECONDS = 0
    changsha = world.unit("长沙市")
    assert _total(selectors.activity_counts(changsha)) == 1
    add_activity(plan, "质量讲堂", datetime.date(2023, 9, 16))
    assert _total(selectors.activity_counts(changsha)) == 2


def test_cached_counts_are_kept_per_unit_and_shown_in_the_readers_language(
    figures_cached, plan, world
):
    with translation.override("zh-hans"):
        changsha = selectors.activity_counts(world.unit("长沙市"))
        zhuzhou = selectors.activity_counts(world.unit("株洲市"))
    assert _total(changsha) == 1 and _total(zhuzhou) == 0
    with translation.override("en"):
        english = selectors.activity_counts(world.unit("长沙市"))
        planned = str(Activity.Status.PLANNED.label)
    assert english.by_status == [(planned, 1)] and planned != "计划中"
    assert changsha.by_status == [("计划中", 1)]


def test_the_public_calendar_is_reused_per_filter_and_fresh_after_the_minute(
    figures_cached, plan, world
):
    campaign = campaign_2023()

    def on_the_16th(region):
        weeks = public_selectors.home_calendar(
            campaign=campaign, region=region, category_id=None, year=2023, month=9
        )
        return next(d.count for week in weeks for d in week if d.date == datetime.date(2023, 9, 16))

    assert on_the_16th(None) == 1
    add_activity(plan, "质量讲堂", datetime.date(2023, 9, 16))
    assert on_the_16th(None) == 1  # the same minute, the same calendar
    assert on_the_16th(world.unit("长沙市")) == 2  # another filter is counted now
    cache.clear()
    assert on_the_16th(None) == 2


def test_the_home_page_counts_its_calendar_once_a_minute(figures_cached, plan, client):
    with CaptureQueriesContext(connection) as first:
        assert client.get("/", {"month": "2023-09"}).status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert client.get("/", {"month": "2023-09"}).status_code == 200
    assert len(second) == len(first) - 1
