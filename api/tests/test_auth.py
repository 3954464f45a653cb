import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api import services
from api.api import MSG_TOKEN_EXPIRED, MSG_UNAUTHORIZED
from api.models import ApiToken, hash_key
from api.services import MSG_BAD_LIFETIME


def test_a_request_without_a_token_is_refused_with_401(world):
    response = Client().get("/api/notices")
    assert response.status_code == 401
    assert response.json()["detail"] == MSG_UNAUTHORIZED


def test_a_session_login_does_not_open_the_api(world, client_for):
    # Cookies are the web's; programs must use a token (no CSRF hole through the API).
    response = client_for(world.users["admin"]).get("/api/notices")
    assert response.status_code == 401


def test_an_unknown_or_malformed_token_is_refused(world):
    for header in ("Bearer qm_not-a-real-key", "Bearer ", "Token abc", "Basic dXNlcjpwYXNz"):
        assert Client(headers={"Authorization": header}).get("/api/notices").status_code == 401


def test_a_revoked_token_is_refused(world):
    user = world.users["editor"]
    created = services.token_create(actor=user, user=user, name="同步程序")
    client = Client(headers={"Authorization": f"Bearer {created.key}"})
    assert client.get("/api/notices").status_code == 200
    services.token_revoke(actor=user, token=created.token)
    assert client.get("/api/notices").status_code == 401


def test_the_token_of_a_deactivated_user_is_refused(world):
    user = world.users["editor"]
    key = services.token_create(actor=user, user=user, name="同步程序").key
    user.is_active = False
    user.save()
    assert Client(headers={"Authorization": f"Bearer {key}"}).get("/api/notices").status_code == 401


def test_only_a_hash_of_the_key_is_stored_and_use_is_recorded(world):
    user = world.users["editor"]
    created = services.token_create(actor=user, user=user, name="同步程序")
    row = ApiToken.objects.get(pk=created.token.pk)
    assert created.key not in (row.key_hash, row.prefix, row.name)
    assert row.key_hash == hash_key(created.key)
    assert row.last_used_at is None
    Client(headers={"Authorization": f"Bearer {created.key}"}).get("/api/notices")
    row.refresh_from_db()
    assert row.last_used_at is not None and row.last_used_at <= timezone.now()


def test_nobody_creates_or_revokes_tokens_for_someone_else(world):
    from django.core.exceptions import PermissionDenied

    editor, viewer = world.users["editor"], world.users["viewer"]
    with pytest.raises(PermissionDenied):
        services.token_create(actor=viewer, user=editor, name="冒用")
    token = services.token_create(actor=editor, user=editor, name="同步程序").token
    with pytest.raises(PermissionDenied):
        services.token_revoke(actor=viewer, token=token)


def test_the_schema_and_docs_are_for_signed_in_users_and_served_without_a_cdn(world, client_for):
    # Anonymous visitors are sent to log in and see nothing of the API's surface.
    for url in ("/api/openapi.json", "/api/docs"):
        response = Client().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
        assert b"/api/reports" not in response.content
    client = client_for(world.users["viewer"])
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    assert "/api/reports/{report_id}/submit" in schema.json()["paths"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert b"/static/ninja/swagger-ui" in docs.content and b"cdn" not in docs.content


def test_a_token_lasts_the_configured_days_by_default_and_the_user_may_choose_fewer(
    world, settings
):
    settings.QM_API_TOKEN_DAYS = 30
    user = world.users["editor"]
    before = timezone.now()
    default = services.token_create(actor=user, user=user, name="默认").token
    assert before + datetime.timedelta(days=30) <= default.expires_at
    assert default.expires_at <= timezone.now() + datetime.timedelta(days=30)
    short = services.token_create(actor=user, user=user, name="短期", days=7).token
    assert short.expires_at <= timezone.now() + datetime.timedelta(days=7)
    for days in (0, 31):
        with pytest.raises(ValidationError) as error:
            services.token_create(actor=user, user=user, name="太长", days=days)
        assert error.value.message_dict["days"] == [MSG_BAD_LIFETIME % {"max": 30}]
    assert ApiToken.objects.filter(user=user).count() == 2


def test_an_expired_token_is_refused_with_401_and_says_it_expired(world):
    user = world.users["editor"]
    created = services.token_create(actor=user, user=user, name="同步程序", days=1)
    client = Client(headers={"Authorization": f"Bearer {created.key}"})
    assert client.get("/api/notices").status_code == 200
    # A day and a moment later.
    ApiToken.objects.filter(pk=created.token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get("/api/notices")
    assert response.status_code == 401
    assert response.json()["detail"] == MSG_TOKEN_EXPIRED
    # An unknown key still gets the general answer, which reveals nothing.
    unknown = Client(headers={"Authorization": "Bearer qm_unknown"}).get("/api/notices")
    assert unknown.json()["detail"] == MSG_UNAUTHORIZED


def test_last_use_is_written_at_most_once_a_minute_per_token(world):
    user = world.users["editor"]
    created = services.token_create(actor=user, user=user, name="同步程序")
    client = Client(headers={"Authorization": f"Bearer {created.key}"})
    client.get("/api/notices")
    first = ApiToken.objects.get(pk=created.token.pk).last_used_at
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/notices").status_code == 200
    assert not [q for q in queries if q["sql"].startswith("UPDATE")], queries.captured_queries
    assert ApiToken.objects.get(pk=created.token.pk).last_used_at == first
    # Used again more than a minute later: the time moves on.
    earlier = first - datetime.timedelta(minutes=2)
    ApiToken.objects.filter(pk=created.token.pk).update(last_used_at=earlier)
    client.get("/api/notices")
    assert ApiToken.objects.get(pk=created.token.pk).last_used_at > earlier + datetime.timedelta(
        minutes=1
    )
