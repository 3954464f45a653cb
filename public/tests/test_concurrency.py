"""A full activity under concurrent registrations never goes over capacity.

Real HTTP requests from many threads against the live server (`core.testing.concurrency`).
"""

import re
import urllib.parse
import urllib.request

import pytest

from core.testing.concurrency import send_at_once
from public.models import Registration
from public.tests.factories import public_activity

pytestmark = pytest.mark.django_db(transaction=True)

CAPACITY = 3
VISITORS = 16


def test_concurrent_registrations_never_exceed_capacity(live_server, settings):
    settings.QM_PUBLIC_RATE_LIMITS = {"register": (1000, 600)}
    from core.testing.world import build_world

    world = build_world()
    activity = public_activity(
        actor=world.users["editor"], unit=world.unit("芙蓉区"), capacity=CAPACITY
    )
    url = f"{live_server.url}/public/activities/{activity.pk}/"

    # One CSRF cookie and token serve every request (no TLS, so no Referer check).
    with urllib.request.urlopen(url) as response:
        cookie = response.headers["Set-Cookie"].split(";")[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode())[
            1
        ]

    requests = [
        urllib.request.Request(
            url,
            data=urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "name": f"访客{i}",
                    "phone": f"138{i:08d}",
                    "consent": "on",
                }
            ).encode(),
            headers={"Cookie": cookie},
        )
        for i in range(VISITORS)
    ]
    statuses = send_at_once(requests)

    assert statuses == [302] * VISITORS, statuses
    registrations = Registration.objects.filter(event=activity.public_event)
    assert registrations.count() == VISITORS
    assert registrations.filter(status=Registration.Status.CONFIRMED).count() == CAPACITY
    assert (
        registrations.filter(status=Registration.Status.WAITLISTED).count() == VISITORS - CAPACITY
    )
