"""Supervision figures over a small tree, checked by hand.

湖南省 expects 长沙市 and 株洲市 (province requirement); 长沙市 expects 芙蓉区 and 天心区
(city requirement). 长沙市 reports on time, 芙蓉区 late, 天心区 is returned, 株洲市 never
reports; then both due dates pass.

    湖南省 subtree: expected 4, received 2 (长沙市, 芙蓉区), on time 1, overdue 2 (天心区, 株洲市)
      长沙市 branch: expected 3, received 2, on time 1, overdue 1
      株洲市 branch: expected 1, received 0, on time 0, overdue 1
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from activities.models import ActivityCategory
from activities.services import activity_create
from campaigns.services import notice_create
from reports import selectors, services
from reports.models import Colour
from reports.tests import factories


@pytest.fixture
def history(reporting):
    r = reporting
    today = timezone.localdate()
    factories.fill_and_submit(
        actor=r.city_editor,
        expected=factories.expected(r.province_req, r.unit("长沙市")),
        activities=12,
        participants=3000,
    )
    tianxin = factories.fill_and_submit(
        actor=r.tianxin_editor,
        expected=factories.expected(r.city_req, r.unit("天心区")),
        activities=2,
    )
    services.report_return(actor=r.city_editor, report=tianxin, reason="请补充图片")
    factories.due_date_set(r.city_req, due=today - datetime.timedelta(days=1))
    r.city_req.refresh_from_db()
    factories.fill_and_submit(
        actor=r.furong_editor,
        expected=factories.expected(r.city_req, r.unit("芙蓉区")),
        activities=5,
        participants=800,
    )
    factories.due_date_set(r.province_req, due=today - datetime.timedelta(days=1))
    r.province_req.refresh_from_db()
    return r


def test_completeness_of_a_small_tree_checked_by_hand(history, django_assert_num_queries):
    with django_assert_num_queries(1):
        total = selectors.completeness(history.unit("湖南省"))
    assert (total.expected, total.received, total.on_time, total.overdue) == (4, 2, 1, 2)
    assert total.completeness == 0.5 and total.timeliness == 0.25 and total.late == 1
    assert total.completeness_pct == "50.0%"


def test_completeness_per_child_is_one_aggregate_query(history, django_assert_num_queries):
    with django_assert_num_queries(2):
        rows = selectors.completeness_by_child(history.unit("湖南省"))
    figures = {r.label: (r.expected, r.received, r.on_time, r.overdue) for r in rows}
    assert figures == {"长沙市": (3, 2, 1, 1), "株洲市": (1, 0, 0, 1)}


def test_drilling_into_a_child_shows_its_own_row_and_its_children(history):
    rows = selectors.completeness_by_child(history.unit("长沙市"))
    figures = {r.label: (r.expected, r.received, r.on_time) for r in rows}
    # 长沙市 is expected itself (by the province): its own row, then its districts.
    assert figures == {"长沙市": (1, 1, 1), "芙蓉区": (1, 1, 0), "天心区": (1, 0, 0)}


def test_completeness_per_level(history, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = selectors.completeness_by_level(history.unit("湖南省"))
    assert [(r.key, r.expected, r.received) for r in rows] == [
        ("prefecture", 2, 1),
        ("county", 2, 1),
    ]


def test_one_requirement_only(history):
    total = selectors.completeness(history.unit("湖南省"), requirement=history.city_req)
    assert (total.expected, total.received) == (2, 1)


def test_a_removed_unit_leaves_the_rates_at_most_one_hundred_percent(history):
    services.expected_remove(
        actor=history.hunan_editor,
        expected=factories.expected(history.province_req, history.unit("株洲市")),
        reason="机构撤并",
    )
    total = selectors.completeness(history.unit("湖南省"), requirement=history.province_req)
    assert (total.expected, total.received, total.completeness) == (1, 1, 1.0)


def test_overdue_units_and_colour_counts(history, django_assert_num_queries):
    overdue = selectors.overdue_units(history.unit("湖南省"))
    assert sorted(e.unit.name for e in overdue) == ["天心区", "株洲市"]
    with django_assert_num_queries(1):
        counts = selectors.colour_counts(history.unit("湖南省"))
    assert counts == {"done": 2, "none": 0, "blue": 0, "yellow": 0, "red": 2}
    assert selectors.colour_counts(history.unit("株洲市"))[Colour.RED] == 1


def test_a_sibling_subtree_sees_nothing_of_the_other(history):
    total = selectors.completeness(history.unit("株洲市"))
    assert (total.expected, total.received) == (1, 0)


def test_statistics_are_summed_per_child_with_a_total(history, django_assert_num_queries):
    with django_assert_num_queries(3):
        rollup = selectors.statistics_rollup(history.unit("长沙市"), requirement=history.city_req)
    assert [f.code for f in rollup.fields] == ["activities", "participants"]
    # 天心区 was returned: its figures do not count until it is received again.
    assert [(r.label, r.values) for r in rollup.rows] == [("芙蓉区", [Decimal(5), Decimal(800)])]
    assert rollup.total == [Decimal(5), Decimal(800)]


def test_statistics_roll_up_from_a_deeper_level_into_the_child(history):
    rollup = selectors.statistics_rollup(history.unit("湖南省"), requirement=history.city_req)
    assert [(r.label, r.values) for r in rollup.rows] == [("长沙市", [Decimal(5), Decimal(800)])]


def test_activity_counts_by_category_status_and_month(history, django_assert_num_queries):
    notice = notice_create(
        actor=history.furong_editor,
        campaign=factories.campaign(),
        unit=history.unit("芙蓉区"),
        title="芙蓉区方案",
    )
    activity_create(
        actor=history.furong_editor, notice=notice, title="质量开放日", window_text="9月"
    )
    activity_create(actor=history.furong_editor, notice=notice, title="全年宣传", window_text="")
    # The categories, then the subtree's activity tallies (categories, statuses and months).
    with django_assert_num_queries(2):
        counts = selectors.activity_counts(history.unit("湖南省"))
    assert counts.by_category == [("未分类", 2)]
    assert counts.by_status == [("计划中", 2)]
    months = dict(counts.by_month)
    assert months[None] == 1
    assert sum(months.values()) == 2


def test_activity_counts_sort_categories_by_number_and_months_by_date(history):
    contest, open_day = (
        ActivityCategory.objects.get_or_create(name=n)[0] for n in ("知识竞赛", "开放日")
    )
    notice = notice_create(
        actor=history.furong_editor,
        campaign=factories.campaign(),
        unit=history.unit("芙蓉区"),
        title="芙蓉区方案",
    )
    for title, window, category, status in (
        ("知识竞赛初赛", "9月下旬", contest, "done"),
        ("知识竞赛决赛", "10月", contest, "planned"),
        ("计量开放日", "8月", open_day, "done"),
        ("质量宣传", "9月", None, "ongoing"),
    ):
        activity_create(
            actor=history.furong_editor,
            notice=notice,
            title=title,
            window_text=window,
            category=category,
            status=status,
        )
    counts = selectors.activity_counts(history.unit("湖南省"))
    assert counts.by_category == [("知识竞赛", 2), ("开放日", 1), ("未分类", 1)]
    assert counts.by_status == [("已完成", 2), ("进行中", 1), ("计划中", 1)]
    # Months as the first day of each, in calendar order.
    assert counts.by_month == [
        (datetime.date(2023, 8, 1), 1),
        (datetime.date(2023, 9, 1), 2),
        (datetime.date(2023, 10, 1), 1),
    ]
    # The dashboard draws no months and does not pay for them.
    without_months = selectors.activity_counts(history.unit("湖南省"), months=False)
    assert without_months.by_category == counts.by_category and without_months.by_month == []
    # Outside the subtree nothing counts.
    elsewhere = selectors.activity_counts(history.unit("株洲市"))
    assert (elsewhere.by_category, elsewhere.by_status, elsewhere.by_month) == ([], [], [])
