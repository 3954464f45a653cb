"""Rollups over a small tree, checked by hand.

湖南省 expects 长沙市 and 株洲市; 长沙市 expects 芙蓉区 and 天心区. 长沙市 (12 场, 3000 人次) and
芙蓉区 (5 场, 800 人次) report on time; both due dates pass; 天心区 reports late (2 场); 株洲市
never reports.

    湖南省: expected 4, received 3, on time 2, late 1, overdue 1 → 75% / 50%
      长沙市 branch: expected 3, received 3, on time 2, overdue 0
      株洲市 branch: expected 1, received 0, on time 0, overdue 1
    city requirement at 长沙市: 芙蓉区 5 场 800 人次, 天心区 2 场 → total 7 场, 800 人次
"""

import datetime

import pytest
from django.utils import timezone

from reports.models import ReportRequirement
from reports.tests import factories


@pytest.fixture
def history(reporting):
    factories.fill_and_submit(
        actor=reporting.city_editor,
        expected=factories.expected(reporting.province_req, reporting.unit("长沙市")),
        activities=12,
        participants=3000,
    )
    factories.fill_and_submit(
        actor=reporting.furong_editor,
        expected=factories.expected(reporting.city_req, reporting.unit("芙蓉区")),
        activities=5,
        participants=800,
    )
    factories.due_date_set(
        *ReportRequirement.objects.all(), due=timezone.localdate() - datetime.timedelta(days=1)
    )
    factories.fill_and_submit(
        actor=reporting.tianxin_editor,
        expected=factories.expected(reporting.city_req, reporting.unit("天心区")),
        activities=2,
    )
    return reporting


def _counts(row):
    keys = ("expected", "received", "on_time", "late", "overdue")
    return tuple(row[k] for k in keys)


def test_completeness_and_timeliness_of_the_province_checked_by_hand(history, api_client):
    url = f"/api/units/{history.unit('湖南省').pk}/rollup"
    body = api_client(history.hunan_editor).get(url).json()
    assert _counts(body["total"]) == (4, 3, 2, 1, 1)
    assert body["total"]["completeness"] == 0.75
    assert body["total"]["timeliness"] == 0.5
    assert {c["label"]: _counts(c) for c in body["children"]} == {
        "长沙市": (3, 3, 2, 1, 0),
        "株洲市": (1, 0, 0, 0, 1),
    }
    assert {c["label"]: (c["expected"], c["received"]) for c in body["levels"]} == {
        "地市级": (2, 1),
        "县级": (2, 2),
    }
    assert body["statistics"] is None


def test_statistics_are_summed_per_child_and_in_total(history, api_client):
    client = api_client(history.city_editor)
    url = f"/api/units/{history.unit('长沙市').pk}/rollup"
    body = client.get(url, {"requirement_id": history.city_req.pk}).json()
    rows = {r["label"]: r["values"] for r in body["statistics"]["rows"]}
    assert rows == {
        "芙蓉区": {"activities": 5.0, "participants": 800.0},
        "天心区": {"activities": 2.0, "participants": None},
    }
    assert body["statistics"]["total"] == {"activities": 7.0, "participants": 800.0}
    assert body["statistics"]["received"] == 2
    assert {c["label"]: c["late"] for c in body["children"]} == {"芙蓉区": 0, "天心区": 1}


def test_a_unit_outside_the_users_subtree_is_404(history, api_client):
    changsha = api_client(history.city_editor)
    assert changsha.get(f"/api/units/{history.unit('湖南省').pk}/rollup").status_code == 404
    zhuzhou = api_client(history.zhuzhou_editor)
    assert zhuzhou.get(f"/api/units/{history.unit('长沙市').pk}/rollup").status_code == 404
    # A requirement the user cannot see is not found either, even on the user's own unit.
    own = f"/api/units/{history.unit('株洲市').pk}/rollup"
    assert zhuzhou.get(own, {"requirement_id": history.city_req.pk}).status_code == 404
