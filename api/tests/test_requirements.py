def test_requirement_list_shows_what_the_user_may_see(tree, api_client):
    items = api_client(tree.users["zhuzhou"]).get("/api/requirements").json()["items"]
    assert [r["notice_title"] for r in items] == ["湖南省2023年“质量月”活动实施方案"]
    filtered = api_client(tree.users["changsha"]).get(
        "/api/requirements", {"notice_id": tree.city_req.notice_id}
    )
    assert [r["id"] for r in filtered.json()["items"]] == [tree.city_req.pk]


def test_requirement_detail_carries_the_statistics_form(tree, api_client):
    response = api_client(tree.users["furong"]).get(f"/api/requirements/{tree.city_req.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["due_date"] == tree.city_req.due_date.isoformat()
    assert body["materials"] == ["工作总结", "统计表"]
    assert [(f["code"], f["kind"], f["required"]) for f in body["statistic_fields"]] == [
        ("activities", "integer", True),
        ("participants", "integer", False),
    ]


def test_a_sibling_city_cannot_read_the_requirement(tree, api_client):
    response = api_client(tree.users["zhuzhou"]).get(f"/api/requirements/{tree.city_req.pk}")
    assert response.status_code == 404
