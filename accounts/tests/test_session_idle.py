"""Idle timeout (登录连接超时自动退出): a signed-in session unused for QM_SESSION_IDLE_MINUTES
has expired; one in use is renewed, but written at most once every few minutes, so that the
report autosave does not write the session on every pause in typing."""

import datetime
import time

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import RENEWED_KEY
from core.testing.world import PASSWORD


def _session_row(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def _session_writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]


def test_the_session_lasts_the_configured_idle_minutes(world, client):
    assert settings.SESSION_COOKIE_AGE == settings.QM_SESSION_IDLE_MINUTES * 60
    response = client.post(
        reverse("login"), {"username": world.users["editor"].username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE
    left = _session_row(client).expire_date - timezone.now()
    assert left <= datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert left > datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_an_idle_session_has_expired_and_the_user_must_log_in_again(world, client_for):
    client = client_for(world.users["editor"])
    assert client.get(reverse("orgs:my_units")).status_code == 200
    # Nothing happened for longer than the idle time.
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(reverse("orgs:my_units"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_requests_in_quick_succession_do_not_write_the_session(world, client_for):
    # Not even the first after the login: the login stamped the session it saved.
    client = client_for(world.users["editor"])
    expiry = _session_row(client).expire_date
    with CaptureQueriesContext(connection) as queries:
        for _ in range(4):
            assert client.get(reverse("orgs:my_units")).status_code == 200
    assert _session_writes(queries) == []
    assert _session_row(client).expire_date == expiry


def test_a_session_in_use_is_renewed_every_few_minutes(world, client_for):
    client = client_for(world.users["editor"])
    client.get(reverse("orgs:my_units"))
    # The last renewal was ten minutes ago, and the session now expires in twenty.
    session = client.session
    session[RENEWED_KEY] = int(time.time()) - 600
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=20)
    )
    client.get(reverse("orgs:my_units"))
    left = _session_row(client).expire_date - timezone.now()
    assert left > datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
