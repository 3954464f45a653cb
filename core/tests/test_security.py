import importlib

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.urls import reverse

from core.testing.world import PASSWORD, make_user


def test_production_settings_hash_passwords_with_argon2_and_secure_cookies(monkeypatch):
    monkeypatch.setenv("QM_SECRET_KEY", "x" * 50)
    monkeypatch.delenv("QM_DEBUG", raising=False)
    import qualitymonth.settings as settings_module

    prod = importlib.reload(settings_module)
    try:
        assert prod.DEBUG is False
        assert prod.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
        assert prod.SESSION_COOKIE_SECURE and prod.CSRF_COOKIE_SECURE
        assert prod.SESSION_COOKIE_HTTPONLY
        assert "django.middleware.csrf.CsrfViewMiddleware" in prod.MIDDLEWARE
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv("QM_SECRET_KEY", raising=False)
    monkeypatch.delenv("QM_DEBUG", raising=False)
    import qualitymonth.settings as settings_module

    try:
        with pytest.raises(ImproperlyConfigured, match="QM_SECRET_KEY"):
            importlib.reload(settings_module)
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_argon2_hasher_is_installed_and_works():
    assert make_password("secret").startswith("argon2$")


def test_repeated_wrong_passwords_lock_the_login(client, db, settings):
    user = make_user("clerk")
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "clerk", "password": "wrong"})
        assert response.status_code == 200
    response = client.post(url, {"username": "clerk", "password": "wrong"})
    assert response.status_code == 429
    # Now even the right password is refused, with a clear page.
    response = client.post(url, {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 429
    assert "登录已被暂时锁定" in response.content.decode()
    assert AccessAttempt.objects.filter(username="clerk").exists()
    assert "_auth_user_id" not in client.session
    assert user.is_active


def test_login_works_and_lands_on_my_units(client, db):
    make_user("clerk")
    response = client.post(reverse("login"), {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("orgs:my_units")


def test_forms_require_csrf_token(db):
    from django.test import Client

    make_user("clerk")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 403
