import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The limiter counts in the process-wide cache; each test starts with a clean slate.
    cache.clear()
    yield
    cache.clear()
