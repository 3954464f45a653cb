"""Password spraying: one password tried on many user names from one address is stopped
after the address's own limit, with a Chinese page saying why."""

from django.urls import reverse

from core.testing.world import PASSWORD, make_user

SPRAYED = 40
ADDRESS_LOCKED = "来自此地址的所有账号登录已暂停"


def test_one_password_on_many_user_names_locks_the_address(client, db, settings):
    clerk = make_user("clerk")
    names = [f"clerk{i:02d}" for i in range(SPRAYED)]
    for name in names[:10]:
        make_user(name)
    url = reverse("login")
    statuses = [
        client.post(url, {"username": name, "password": "Zhiliang@2023"}).status_code
        for name in names
    ]
    limit = settings.QM_LOGIN_ADDRESS_FAILURE_LIMIT
    assert limit < SPRAYED
    # Each name failed once only: the per-user lock-out never fired.
    assert statuses == [200] * (limit - 1) + [429] * (SPRAYED - limit + 1)

    # From that address even the right password of an untouched account is refused now,
    # with a page that says the address is locked.
    response = client.post(url, {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 429
    assert ADDRESS_LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session

    # Another address logs in as usual.
    response = client.post(url, {"username": "clerk", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(clerk.pk)


def test_an_office_below_the_address_limit_is_not_locked(client, db, settings):
    settings.QM_LOGIN_ADDRESS_FAILURE_LIMIT = 8
    for i in range(6):
        make_user(f"clerk{i}")
    url = reverse("login")
    # Six clerks behind one address mistype once each, then log in.
    for i in range(6):
        assert client.post(url, {"username": f"clerk{i}", "password": "typo"}).status_code == 200
    for i in range(6):
        client.logout()
        response = client.post(url, {"username": f"clerk{i}", "password": PASSWORD})
        assert response.status_code == 302, i
