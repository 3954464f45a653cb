"""`core.ratelimit.Limits`, through which the public forms of public, awards and assistance
count: one declaration per app, the settings override per scope, the apps' counts apart."""

import pytest

from core.ratelimit import Limits

pytestmark = pytest.mark.django_db

FIRST = Limits(prefix="first", defaults={"send": (2, 60)}, setting="QM_FIRST_RATE_LIMITS")
SECOND = Limits(prefix="second", defaults={"send": (2, 60)}, setting="QM_SECOND_RATE_LIMITS")


def test_each_apps_scope_is_counted_apart_and_the_setting_overrides_its_default(settings):
    assert [FIRST.hit("send", "10.0.0.1", now=30.0) for _ in range(3)] == [True, True, False]
    # The same scope name of another app, the same client: a count of its own.
    assert SECOND.hit("send", "10.0.0.1", now=30.0)

    settings.QM_SECOND_RATE_LIMITS = {"send": (1, 60)}
    assert SECOND.limit_for("send") == (1, 60)
    assert not SECOND.hit("send", "10.0.0.1", now=31.0)


def test_clients_whose_address_is_unknown_share_one_count(rf):
    # A window of decades: the three requests cannot straddle two windows.
    limits = Limits(prefix="third", defaults={"send": (2, 10**9)}, setting="QM_THIRD")
    first, second = rf.post("/"), rf.post("/")
    for request in (first, second):
        request.META.pop("REMOTE_ADDR", None)
    assert limits.hit_request(first, "send") and limits.hit_request(second, "send")
    assert not limits.hit_request(first, "send")
