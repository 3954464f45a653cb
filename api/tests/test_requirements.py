def test_requirement_list_shows_what_the_user_may_see(reporting, api_client):
    items = api_client(reporting.zhuzhou_editor).get("/api/requirements").json()["items"]
    assert [r["notice_title"] for r in items] == ["湖南省2023年“质量月”活动实施方案"]
    filtered = api_client(reporting.city_editor).get(
        "/api/requirements", {"notice_id": reporting.city_req.notice_id}
    )
    assert [r["id"] for r in filtered.json()["items"]] == [reporting.city_req.pk]


def test_requirement_detail_carries_the_statistics_form(reporting, api_client):
    response = api_client(reporting.furong_editor).get(f"/api/requirements/{reporting.city_req.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["due_date"] == reporting.city_req.due_date.isoformat()
    assert body["materials"] == ["工作总结", "统计表"]
    assert [(f["code"], f["kind"], f["required"]) for f in body["statistic_fields"]] == [
        ("activities", "integer", True),
        ("participants", "integer", False),
    ]


def test_a_sibling_city_cannot_read_the_requirement(reporting, api_client):
    response = api_client(reporting.zhuzhou_editor).get(
        f"/api/requirements/{reporting.city_req.pk}"
    )
    assert response.status_code == 404
