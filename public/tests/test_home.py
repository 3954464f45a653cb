import datetime

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities import tallies as activity_tallies
from activities.models import Activity
from campaigns.services import national_campaigns_load
from public import selectors as public_selectors


@pytest.fixture
def campaigns(db):
    return national_campaigns_load()


def test_home_shows_current_theme_and_slogans_in_chinese(client, campaigns):
    response = client.get(reverse("core:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in html
    assert "增强质量意识 推进高质量发展" in html
    assert "大力增强质量意识 加快建设质量强国" in html
    assert "弘扬工匠精神 推动品质革命" in html
    # Dates as a clerk writes them.
    assert "2023年9月1日" in html
    # Past years stay visible.
    assert "推动质量变革创新 促进质量强国建设" in html


def test_home_without_any_campaign_says_so(client, db):
    response = client.get(reverse("core:home"))
    assert "尚未设立本年度质量月活动" in response.content.decode()


def test_english_is_available(client, campaigns):
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Quality Month" in html
    # Content stays as issued.
    assert "增强质量意识 推进高质量发展" in html


def test_loading_campaigns_twice_keeps_one_list(campaigns):
    again = national_campaigns_load()
    assert [c.pk for c in again] == [c.pk for c in campaigns]
    assert campaigns[0].national_slogans().count() == 9


def test_health_and_readiness(client, db):
    assert client.get(reverse("core:healthz")).json() == {"status": "ok"}
    assert client.get(reverse("core:readyz")).json() == {"status": "ok"}


# --- The public home: what is happening, by region, category and date ---


@pytest.fixture
def activities(world, campaigns):
    from public.tests.factories import public_activity

    editor = world.users["editor"]
    return {
        "furong": public_activity(
            actor=editor, unit=world.unit("芙蓉区"), title="芙蓉区计量开放日"
        ),
        "tianxin": public_activity(
            actor=editor,
            unit=world.unit("天心区"),
            title="天心区质量知识竞赛",
            category="知识竞赛",
            window_text="9月下旬",
            capacity=None,
        ),
        "internal": public_activity(
            actor=editor,
            unit=world.unit("芙蓉区"),
            title="内部培训",
            is_public=False,
            capacity=None,
        ),
    }


def titles(response) -> set[str]:
    html = response.content.decode()
    return {t for t in ("芙蓉区计量开放日", "天心区质量知识竞赛", "内部培训") if t in html}


def test_home_lists_public_activities_only(client, activities):
    assert titles(client.get(reverse("core:home"))) == {"芙蓉区计量开放日", "天心区质量知识竞赛"}


def test_home_narrows_by_region_one_level_at_a_time(client, activities):
    html = client.get(reverse("core:home"), {"province": "430000"}).content.decode()
    assert 'id="f-city"' in html and "长沙市" in html and 'id="f-county"' not in html
    response = client.get(
        reverse("core:home"), {"province": "430000", "city": "430100", "county": "430102"}
    )
    assert titles(response) == {"芙蓉区计量开放日"}
    assert reverse("public:ical_region", args=["430102"]) in response.content.decode()


def test_a_stale_lower_region_is_ignored_after_the_province_changed(client, activities):
    response = client.get(reverse("core:home"), {"province": "350000", "city": "430100"})
    assert titles(response) == set()
    assert "正在查看：福建省" in response.content.decode()


def test_home_filters_by_category_and_date(client, activities):
    from activities.models import ActivityCategory

    contest = ActivityCategory.objects.get(name="知识竞赛")
    assert titles(client.get(reverse("core:home"), {"category": contest.pk})) == {
        "天心区质量知识竞赛"
    }
    # The open day is set for 16 September; the contest runs 21–30 September.
    assert titles(client.get(reverse("core:home"), {"date": "2023-09-16"})) == {"芙蓉区计量开放日"}
    assert titles(client.get(reverse("core:home"), {"date": "2023-09-25"})) == {
        "天心区质量知识竞赛"
    }


def test_home_month_calendar_links_days_with_activities(client, activities):
    html = client.get(reverse("core:home"), {"month": "2023-09"}).content.decode()
    assert "2023年9月" in html
    assert "date=2023-09-16" in html and "2023年9月16日，1项活动" in html
    assert "date=2023-09-15" not in html


def test_home_filter_ignores_garbage(client, activities):
    response = client.get(reverse("core:home"), {"date": "<script>", "month": "2023-13"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


# --- The list in pages, at any number of activities ---


def more_public_activities(notice, n: int, *, on: datetime.date, first: int = 1) -> None:
    """n public activities of an issued plan on one day, titled 质量开放日第01场 …"""
    rows = Activity.objects.bulk_create(
        Activity(
            notice=notice,
            position=100 + i,
            title=f"质量开放日第{i:02d}场",
            starts_on=on,
            is_public=True,
        )
        for i in range(first, first + n)
    )
    # bulk_create sends no save signal: counted as every bulk writer counts its rows.
    activity_tallies.activities_added(row.pk for row in rows)


def home_queries(client, **params) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("core:home"), params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


class Loaded:
    """How many Activity rows became Python objects meanwhile."""

    def __enter__(self):
        self.count = 0
        post_init.connect(self._seen, sender=Activity)
        return self

    def __exit__(self, *exc):
        post_init.disconnect(self._seen, sender=Activity)

    def _seen(self, **kwargs):
        self.count += 1


def test_home_costs_the_same_queries_with_three_public_activities_and_with_sixty(
    client, activities
):
    notice = activities["furong"].notice
    more_public_activities(notice, 1, on=datetime.date(2023, 9, 20))
    small, _html = home_queries(client, month="2023-09")
    more_public_activities(notice, 57, on=datetime.date(2023, 9, 20), first=2)
    with Loaded() as loaded:
        large, html = home_queries(client, month="2023-09")
    assert large == small
    # The calendar is counted in the database: only the page's rows (and the one that says
    # whether another page follows) are loaded.
    assert loaded.count <= public_selectors.HOME_PAGE_SIZE + 1
    # The calendar counts all of them; the page lists twenty: the open day and nineteen more.
    assert "2023年9月20日，58项活动" in html
    assert html.count("质量开放日第") == public_selectors.HOME_PAGE_SIZE - 1


def test_home_lists_twenty_activities_a_page_with_a_link_to_the_next(client, activities):
    # Ordered by start: the open day (from 1 September), forty on 20 September, the contest
    # (from 21 September).
    more_public_activities(activities["furong"].notice, 40, on=datetime.date(2023, 9, 20))
    _count, first = home_queries(client, month="2023-09")
    assert "芙蓉区计量开放日" in first and "质量开放日第19场" in first
    assert "质量开放日第20场" not in first and "天心区质量知识竞赛" not in first
    assert "month=2023-09&amp;page=2#activities" in first  # the filters stay on the next page
    assert 'rel="prev"' not in first

    _count, second = home_queries(client, month="2023-09", page="2")
    assert "质量开放日第20场" in second and "质量开放日第39场" in second
    assert "芙蓉区计量开放日" not in second
    assert "month=2023-09&amp;page=1#activities" in second and "page=3" in second
    # Picking a day or another month starts again at the first page.
    assert "page=2&amp;date=" not in second and "date=2023-09-20#activities" in second

    _count, last = home_queries(client, month="2023-09", page="3")
    assert "质量开放日第40场" in last and "天心区质量知识竞赛" in last
    assert 'rel="next"' not in last


def test_home_page_number_garbage_shows_the_first_page(client, activities):
    for garbage in ("0", "-1", "abc", "99999999999"):
        _count, html = home_queries(client, page=garbage)
        assert "芙蓉区计量开放日" in html, garbage
    _count, html = home_queries(client, page="7")  # past the end: an empty page, no error
    assert "暂无符合条件的公众活动" in html and 'rel="prev"' in html
