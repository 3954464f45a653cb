"""A vote flood from one address, all at once, gets no more than the limit through.

Real HTTP requests from many threads against the live server (`core.testing.concurrency`),
with the shared cache the default deployment has (a database table), on PostgreSQL.
"""

import datetime
import re
import urllib.parse
import urllib.request

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.testing.concurrency import send_at_once
from public import services
from public.models import Vote

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT = 20
VOTES = 200


@pytest.fixture
def database_cache(settings):
    # What production runs without Redis; the test settings keep a per-process cache.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "qualitymonth_cache",
        }
    }
    call_command("createcachetable", verbosity=0)


def test_parallel_votes_from_one_address_never_exceed_the_limit(
    live_server, settings, database_cache
):
    from core.testing.world import build_world

    world = build_world()
    poll = services.poll_create(
        actor=world.users["editor"],
        unit=world.unit("芙蓉区"),
        title="2023年芙蓉区“你点我检”",
        closes_at=timezone.now() + datetime.timedelta(days=7),
        options=["儿童玩具", "食用油"],
    )
    settings.QM_PUBLIC_RATE_LIMITS = {"vote": (LIMIT, 600)}
    url = f"{live_server.url}/public/polls/{poll.pk}/"
    with urllib.request.urlopen(url) as response:
        cookie = response.headers["Set-Cookie"].split(";")[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode())[
            1
        ]
    option = poll.options.get(name="食用油").pk
    requests = [
        urllib.request.Request(
            url,
            data=urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "option": option,
                    "phone": f"139{i:08d}",
                    "consent": "on",
                }
            ).encode(),
            headers={"Cookie": cookie},
        )
        for i in range(VOTES)
    ]
    statuses = send_at_once(requests)

    assert len(statuses) == VOTES
    assert statuses.count(302) == LIMIT, sorted(set(statuses))
    assert statuses.count(429) == VOTES - LIMIT
    assert Vote.objects.filter(option__poll=poll).count() == LIMIT
