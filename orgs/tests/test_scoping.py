"""The permission matrix: for each role and each relation between the user's unit (长沙市) and
the unit an object belongs to, the expected answer — for the rule itself and for the list,
detail, edit, history and export views.
"""

import pytest
from django.db import connection
from django.urls import reverse

from orgs import scoping
from orgs.models import OrgUnit
from orgs.scoping import Action

RELATIONS = {
    "same": "长沙市",
    "ancestor": "湖南省",
    "descendant": "芙蓉区",
    "sibling": "株洲市",
    "unrelated": "福建省",
}
INSIDE = {"same", "descendant"}
ROLES = ["admin", "editor", "viewer"]
ALLOWED_ROLES = {
    Action.VIEW: {"admin", "editor", "viewer"},
    Action.EDIT: {"admin", "editor"},
    Action.MANAGE: {"admin"},
}

MATRIX = [
    (role, relation, action)
    for role in ROLES
    for relation in RELATIONS
    for action in (Action.VIEW, Action.EDIT, Action.MANAGE)
]


def expected(role: str, relation: str, action: str) -> bool:
    return relation in INSIDE and role in ALLOWED_ROLES[action]


@pytest.mark.parametrize(("role", "relation", "action"), MATRIX)
def test_role_reaches_exactly_its_own_subtree(world, role, relation, action):
    user = world.users[role]
    unit = world.unit(RELATIONS[relation])
    assert scoping.can(user, action, unit) is expected(role, relation, action)
    in_queryset = OrgUnit.objects.for_user(user, action).filter(pk=unit.pk).exists()
    assert in_queryset is expected(role, relation, action)


def _reached_by_sql(user, action: str, unit_pk: int | None = None) -> int:
    condition, params = scoping.grant_sql(user, action, "u.path")
    where = "u.id = %s AND " if unit_pk is not None else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM orgs_orgunit u WHERE {where}{condition}",
            ([unit_pk] if unit_pk is not None else []) + params,
        )
        return cursor.fetchone()[0]


@pytest.mark.parametrize(("role", "relation", "action"), MATRIX)
def test_the_rule_in_sql_answers_the_same_matrix(world, role, relation, action):
    unit = world.unit(RELATIONS[relation])
    reached = _reached_by_sql(world.users[role], action, unit.pk)
    assert reached == (1 if expected(role, relation, action) else 0)


def test_the_rule_in_sql_lets_a_superuser_everywhere_and_no_one_without_a_role(world):
    from django.contrib.auth.models import AnonymousUser

    assert _reached_by_sql(world.users["national_admin"], Action.EDIT) == OrgUnit.objects.count()
    assert _reached_by_sql(world.users["nobody"], Action.EDIT) == 0
    assert _reached_by_sql(AnonymousUser(), Action.EDIT) == 0


VIEWS = {
    Action.VIEW: ["orgs:unit_detail", "orgs:unit_export"],
    Action.EDIT: ["orgs:unit_edit"],
    Action.MANAGE: ["orgs:unit_history"],
}


@pytest.mark.parametrize(("role", "relation", "action"), MATRIX)
def test_views_answer_the_matrix_and_never_leak_data(world, client_for, role, relation, action):
    unit = world.unit(RELATIONS[relation])
    client = client_for(world.users[role])
    for view in VIEWS[action]:
        response = client.get(reverse(view, args=[unit.pk]))
        if expected(role, relation, action):
            assert response.status_code == 200, view
        elif relation in INSIDE:
            assert response.status_code == 403, view  # visible, but not this action
        else:
            assert response.status_code == 404, view  # outside the subtree: not even there
        if response.status_code != 200:
            assert unit.full_name.encode() not in response.content


@pytest.mark.parametrize("role", ROLES)
def test_unit_search_lists_only_units_in_the_users_subtree(world, client_for, role):
    response = client_for(world.users[role]).get(reverse("orgs:my_units"), {"q": "市"})
    names = {u.name for u in response.context["results"]}
    assert "长沙市" in names
    assert names.isdisjoint({"湖南省", "株洲市", "福建省"})


def test_post_to_edit_outside_subtree_changes_nothing(world, client_for):
    sibling = world.unit("株洲市")
    response = client_for(world.users["admin"]).post(
        reverse("orgs:unit_edit", args=[sibling.pk]), {"full_name": "被篡改", "aliases": ""}
    )
    assert response.status_code == 404
    sibling.refresh_from_db()
    assert sibling.full_name == "株洲市市场监督管理局"


def test_national_admin_sees_everything(world):
    user = world.users["national_admin"]
    assert OrgUnit.objects.for_user(user).count() == OrgUnit.objects.count()


def test_user_without_role_and_anonymous_see_nothing(world, client):
    from django.contrib.auth.models import AnonymousUser

    assert not OrgUnit.objects.for_user(world.users["nobody"]).exists()
    assert not OrgUnit.objects.for_user(AnonymousUser()).exists()
    response = client.get(reverse("orgs:unit_detail", args=[world.unit("长沙市").pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_export_lists_the_subtree(world, client_for):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client_for(world.users["viewer"]).get(
        reverse("orgs:unit_export", args=[world.unit("长沙市").pk])
    )
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("区划代码", "名称", "全称", "类别", "层级")
    assert [r[1] for r in rows[1:]] == ["长沙市", "芙蓉区", "芙蓉街道", "天心区"]
