import pytest

from public.tests.pages import PHONE


@pytest.fixture
def phone_page(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        accept_downloads=True,
    )
    yield context.new_page()
    context.close()
