"""登录记录: each user sees their own successful and failed logins with time and address,
from the user menu; a unit's admins see those of the unit's members, nobody else does."""

import pytest
from django.test import Client
from django.urls import reverse

from core.testing.world import PASSWORD, make_user

MSG_SUCCEEDED = "登录成功"
MSG_FAILED = "密码错误"


def _log_in(username: str, password: str, address: str) -> Client:
    client = Client(REMOTE_ADDR=address)
    client.post(reverse("login"), {"username": username, "password": password})
    return client


@pytest.fixture
def history(world):
    """changsha_editor mistypes once from 10.1.2.3, then logs in from 10.1.2.4."""
    editor = world.users["editor"]
    _log_in(editor.username, "wrong password", "10.1.2.3")
    client = _log_in(editor.username, PASSWORD, "10.1.2.4")
    return client


def test_a_user_sees_their_failed_and_successful_logins_with_time_and_address(world, history):
    page = history.get(reverse("orgs:my_units"))
    assert reverse("accounts:my_account").encode() in page.content  # in the user menu
    response = history.get(reverse("accounts:my_account"))
    assert response.status_code == 200
    logins = list(response.context["logins"])
    assert [(e["succeeded"], e["address"]) for e in logins] == [
        (True, "10.1.2.4"),
        (False, "10.1.2.3"),
    ]
    text = response.text
    assert "10.1.2.3" in text and "10.1.2.4" in text
    assert MSG_SUCCEEDED in text and MSG_FAILED in text


def test_a_user_sees_only_their_own_logins(world, history):
    viewer = _log_in("changsha_viewer", PASSWORD, "10.9.9.9")
    response = viewer.get(reverse("accounts:my_account"))
    addresses = {e["address"] for e in response.context["logins"]}
    assert addresses == {"10.9.9.9"}
    assert "10.1.2.3" not in response.text


def test_the_unit_admin_sees_the_members_logins_and_no_one_elses(world, history, client_for):
    outsider = make_user("zhuzhou_editor", world.unit("株洲市"), "editor")
    _log_in(outsider.username, PASSWORD, "10.7.7.7")
    url = reverse("accounts:unit_logins", args=[world.unit("长沙市").pk])
    response = client_for(world.users["admin"]).get(url)
    assert response.status_code == 200
    rows = {(e["username"], e["address"]) for e in response.context["logins"]}
    assert ("changsha_editor", "10.1.2.3") in rows and ("changsha_editor", "10.1.2.4") in rows
    assert "10.7.7.7" not in response.text
    # The link is on the unit's page.
    unit_page = client_for(world.users["admin"]).get(world.unit("长沙市").get_absolute_url())
    assert url.encode() in unit_page.content


def test_an_editor_is_refused_and_an_outsider_finds_nothing(world, history, client_for):
    url = reverse("accounts:unit_logins", args=[world.unit("长沙市").pk])
    assert client_for(world.users["editor"]).get(url).status_code == 403
    sibling_admin = make_user("zhuzhou_admin", world.unit("株洲市"), "admin")
    response = client_for(sibling_admin).get(url)
    assert response.status_code == 404
    assert b"10.1.2.3" not in response.content
    assert Client().get(reverse("accounts:my_account")).status_code == 302
