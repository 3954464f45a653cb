from django.test import Client
from django.utils import timezone

from api import services
from api.api import MSG_UNAUTHORIZED
from api.models import ApiToken, hash_key


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
    import pytest
    from django.core.exceptions import PermissionDenied

    editor, viewer = world.users["editor"], world.users["viewer"]
    with pytest.raises(PermissionDenied):
        services.token_create(actor=viewer, user=editor, name="冒用")
    token = services.token_create(actor=editor, user=editor, name="同步程序").token
    with pytest.raises(PermissionDenied):
        services.token_revoke(actor=viewer, token=token)


def test_the_schema_and_docs_are_public_and_served_without_a_cdn(db):
    schema = Client().get("/api/openapi.json")
    assert schema.status_code == 200
    assert "/api/reports/{report_id}/submit" in schema.json()["paths"]
    docs = Client().get("/api/docs")
    assert docs.status_code == 200
    assert b"/static/ninja/swagger-ui" in docs.content and b"cdn" not in docs.content
