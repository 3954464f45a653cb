from django.test import Client
from django.urls import reverse

from api import services
from api.models import ApiToken


def test_anonymous_users_are_sent_to_log_in(world, client):
    response = client.get(reverse("api_tokens:list"))
    assert response.status_code == 302


def test_a_user_creates_a_token_and_sees_the_key_once(world, client_for):
    client = client_for(world.users["editor"])
    response = client.post(reverse("api_tokens:list"), {"name": "省局同步程序"})
    assert response.status_code == 200
    key = response.context["new_key"]
    assert key.encode() in response.content
    token = ApiToken.objects.get(user=world.users["editor"])
    assert token.name == "省局同步程序"
    # The key works, and it is never shown again.
    api = Client(headers={"Authorization": f"Bearer {key}"})
    assert api.get("/api/notices").status_code == 200
    assert key.encode() not in client.get(reverse("api_tokens:list")).content


def test_a_user_revokes_their_token(world, client_for):
    user = world.users["editor"]
    created = services.token_create(actor=user, user=user, name="同步程序")
    response = client_for(user).post(reverse("api_tokens:revoke", args=[created.token.pk]))
    assert response.status_code == 302
    created.token.refresh_from_db()
    assert created.token.is_revoked


def test_nobody_revokes_someone_elses_token(world, client_for):
    owner = world.users["editor"]
    created = services.token_create(actor=owner, user=owner, name="同步程序")
    response = client_for(world.users["viewer"]).post(
        reverse("api_tokens:revoke", args=[created.token.pk])
    )
    assert response.status_code == 404
    created.token.refresh_from_db()
    assert not created.token.is_revoked
