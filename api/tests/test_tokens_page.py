import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime

from api import services
from api.models import ApiToken

MSG_NEVER_USED = "未使用"


def test_anonymous_users_are_sent_to_log_in(world, client):
    response = client.get(reverse("api_tokens:list"))
    assert response.status_code == 302


def test_a_user_creates_a_token_and_sees_the_key_once(world, client_for):
    client = client_for(world.users["editor"])
    response = client.post(reverse("api_tokens:list"), {"name": "省局同步程序", "days": 90})
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


def test_the_page_lists_created_expiry_and_last_use_and_the_user_picks_a_shorter_life(
    world, client_for, settings
):
    settings.QM_API_TOKEN_DAYS = 90
    user = world.users["editor"]
    client = client_for(user)
    page = client.get(reverse("api_tokens:list"))
    assert page.context["form"]["days"].value() == 90
    client.post(reverse("api_tokens:list"), {"name": "临时脚本", "days": 7})
    token = ApiToken.objects.get(user=user, name="临时脚本")
    lifetime = token.expires_at - token.created_at
    assert abs(lifetime - datetime.timedelta(days=7)) < datetime.timedelta(seconds=5)
    used = services.token_create(actor=user, user=user, name="同步程序")
    Client(headers={"Authorization": f"Bearer {used.key}"}).get("/api/notices")
    used.token.refresh_from_db()
    page = client.get(reverse("api_tokens:list")).text
    for moment in (token.created_at, token.expires_at, used.token.last_used_at):
        assert date_format(localtime(moment), "DATETIME_FORMAT") in page
    assert page.count(MSG_NEVER_USED) == 1


def test_a_lifetime_beyond_the_limit_is_refused_in_chinese_and_the_name_is_kept(
    world, client_for, settings
):
    settings.QM_API_TOKEN_DAYS = 90
    response = client_for(world.users["editor"]).post(
        reverse("api_tokens:list"), {"name": "省局同步程序", "days": 365}
    )
    assert response.status_code == 200
    assert "90" in " ".join(response.context["form"].errors["days"])
    assert 'value="省局同步程序"' in response.text
    assert not ApiToken.objects.exists()


def test_an_expired_token_is_shown_as_expired_without_a_revoke_button(world, client_for):
    user = world.users["editor"]
    created = services.token_create(actor=user, user=user, name="旧程序")
    ApiToken.objects.filter(pk=created.token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    page = client_for(user).get(reverse("api_tokens:list")).text
    assert "已过期" in page
    assert reverse("api_tokens:revoke", args=[created.token.pk]) not in page
