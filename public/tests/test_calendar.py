"""The home page's month calendar: how many public activities fall on each day, counted in
the database (public.selectors.month_counts), right at the edges of the month."""

import datetime

import pytest
from django.utils import timezone

from activities.models import Activity
from public import selectors
from public.models import PublicEvent
from public.tests.factories import add_activity, campaign_2023, public_activity

pytestmark = pytest.mark.django_db

D = datetime.date


def local(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))  # Asia/Shanghai


@pytest.fixture
def plan(world):
    """An issued plan of 芙蓉区 with one open day (a set time) and nothing else on it."""
    return public_activity(
        actor=world.users["editor"], unit=world.unit("芙蓉区"), starts_at=local(2023, 9, 16, 9, 30)
    ).notice


def counts(year: int, month: int) -> dict[datetime.date, int]:
    return selectors.month_counts(
        selectors.public_activities(campaign=campaign_2023()), year, month
    )


def test_an_activity_across_the_month_start_counts_on_its_days_in_each_month(plan):
    add_activity(plan, "跨月宣传", D(2023, 8, 30), D(2023, 9, 2))
    assert counts(2023, 8) == {D(2023, 8, 30): 1, D(2023, 8, 31): 1}
    assert counts(2023, 9) == {D(2023, 9, 1): 1, D(2023, 9, 2): 1, D(2023, 9, 16): 1}


def test_an_activity_longer_than_the_month_counts_on_every_day_of_it(plan):
    add_activity(plan, "全季度宣传", D(2023, 8, 1), D(2023, 10, 31))
    september = counts(2023, 9)
    assert len(september) == 30 and september[D(2023, 9, 1)] == 1
    assert september[D(2023, 9, 16)] == 2 and september[D(2023, 9, 30)] == 1


def test_a_one_day_activity_on_the_last_day_stays_in_its_month(plan):
    add_activity(plan, "月末开放日", D(2023, 9, 30))  # no end date: one day
    add_activity(plan, "上月最后一天", D(2023, 8, 31))
    assert counts(2023, 9) == {D(2023, 9, 16): 1, D(2023, 9, 30): 1}
    assert counts(2023, 10) == {}


def test_an_open_day_counts_on_its_local_date_not_on_the_utc_one(world, plan):
    editor, furong = world.users["editor"], world.unit("芙蓉区")
    # 30 September 23:30 in Beijing is still 30 September, 15:30 UTC.
    public_activity(
        actor=editor, unit=furong, title="夜间开放", starts_at=local(2023, 9, 30, 23, 30)
    )
    # 1 October 00:30 in Beijing is 30 September in UTC, and belongs to October.
    public_activity(
        actor=editor, unit=furong, title="国庆开放", starts_at=local(2023, 10, 1, 0, 30)
    )
    september = counts(2023, 9)
    assert september[D(2023, 9, 30)] == 1 and D(2023, 10, 1) not in september
    assert counts(2023, 10) == {D(2023, 10, 1): 1}


def test_an_open_day_over_several_days_counts_on_each_and_its_set_time_wins(world, plan):
    # The activity's window says all of September; the set time says 29 Sep – 2 Oct.
    show = public_activity(
        actor=world.users["editor"],
        unit=world.unit("芙蓉区"),
        title="质量展",
        starts_at=local(2023, 9, 29, 9, 0),
    )
    PublicEvent.objects.filter(activity=show).update(ends_at=local(2023, 10, 2, 17, 0))
    assert counts(2023, 9) == {D(2023, 9, 16): 1, D(2023, 9, 29): 1, D(2023, 9, 30): 1}
    assert counts(2023, 10) == {D(2023, 10, 1): 1, D(2023, 10, 2): 1}


def test_cancelled_and_internal_activities_are_not_counted(plan):
    add_activity(plan, "已取消", D(2023, 9, 5), status=Activity.Status.CANCELLED)
    add_activity(plan, "内部培训", D(2023, 9, 5), is_public=False)
    assert counts(2023, 9) == {D(2023, 9, 16): 1}


def test_the_calendar_weeks_start_on_monday_and_mark_the_days_of_the_month(plan):
    counts = selectors.month_counts(selectors.public_activities(campaign=campaign_2023()), 2023, 9)
    weeks = selectors.month_weeks(counts, 2023, 9)
    assert weeks[0][0].date == D(2023, 8, 28) and not weeks[0][0].in_month
    day = next(d for week in weeks for d in week if d.date == D(2023, 9, 16))
    assert day.in_month and day.count == 1
