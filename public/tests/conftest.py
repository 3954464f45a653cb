import pytest
from django.core.cache import cache

from public.tests.pages import PHONE


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The limiter counts in the process-wide cache; each test starts with a clean slate.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def phone_page(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()
