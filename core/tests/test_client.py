"""The client address behind zero, one or two trusted proxies (core/client.py): what rate
limits, login lock-outs and the audit log key on."""

import pytest
from django.test import RequestFactory

from core.client import client_ip


def _request(forwarded=None, remote="10.0.0.2"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # No proxy configured: a forwarded header is the client's own claim, ignored.
        (0, "6.6.6.6", "10.0.0.2"),
        (0, None, "10.0.0.2"),
        # One proxy: it appended the address it saw; what the client wrote before is ignored.
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        # Two proxies (load balancer, then nginx): the second address from the right.
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        # Fewer addresses than proxies: not what the proxies send; fall back to the peer.
        (2, "203.0.113.7", "10.0.0.2"),
        (1, "", "10.0.0.2"),
    ],
)
def test_client_ip(settings, proxies, forwarded, expected):
    settings.QM_TRUSTED_PROXIES = proxies
    assert client_ip(_request(forwarded)) == expected
