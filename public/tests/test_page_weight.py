import re

import pytest
from django.urls import reverse

from campaigns.services import national_campaigns_load
from public.services import poll_create
from public.tests.factories import public_activity

LIMIT = 300 * 1024  # bytes before images, first load


def weight(client, url: str) -> int:
    """The HTML plus every stylesheet and script it references."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    total = len(response.content)
    assets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    assets += re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert assets, "expected at least the stylesheet"
    for asset in assets:
        body = client.get(asset)
        assert body.status_code == 200, asset
        total += len(b"".join(body.streaming_content) if body.streaming else body.content)
    return total


@pytest.fixture
def pages(world):
    import datetime

    from django.utils import timezone

    national_campaigns_load()
    activity = public_activity(actor=world.users["editor"], unit=world.unit("芙蓉区"))
    poll = poll_create(
        actor=world.users["editor"],
        unit=world.unit("芙蓉区"),
        title="你点我检",
        closes_at=timezone.now() + datetime.timedelta(days=3),
        options=["儿童玩具", "电动自行车"],
    )
    return [
        reverse("core:home"),
        reverse("public:activity_detail", args=[activity.pk]),
        reverse("public:poll_list"),
        reverse("public:poll_detail", args=[poll.pk]),
        reverse("public:registration_lookup"),
    ]


def test_public_pages_stay_under_300_kb_before_images(client, pages):
    for url in pages:
        assert weight(client, url) < LIMIT, url


def test_public_pages_load_no_script_at_all(client, pages):
    for url in pages:
        assert "<script" not in client.get(url).content.decode(), url
