"""With DEBUG off (the test settings are production settings) an error answers a Chinese page
in the site's layout, in English for an English browser, never Django's bare English page.
The server error page renders without the database: it is what shows when the database fails.
"""

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.testing.english import template_leaks
from core.testing.world import PASSWORD

LAYOUT = 'class="topbar"'


def test_a_missing_page_answers_the_chinese_not_found_page_in_the_site_layout(db):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>页面不存在</h1>" in page
    assert LAYOUT in page
    assert f'href="{reverse("core:home")}"' in page


def test_an_english_browser_reads_the_not_found_page_in_english(db):
    page = Client().get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Page not found</h1>" in page
    assert "页面不存在" not in page


def test_a_unit_outside_the_users_subtree_answers_the_not_found_page(world, client_for):
    client = client_for(world.users["editor"])
    response = client.get(reverse("orgs:unit_detail", args=[world.unit("福建省").pk]))
    assert response.status_code == 404
    assert "<h1>页面不存在</h1>" in response.content.decode()


def test_an_action_beyond_the_role_answers_the_chinese_forbidden_page(world, client_for):
    client = client_for(world.users["viewer"])
    response = client.get(reverse("orgs:unit_edit", args=[world.unit("长沙市").pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>无权操作</h1>" in page
    assert LAYOUT in page


@pytest.mark.urls("core.tests.failing_urls")
def test_a_failing_page_answers_the_chinese_server_error_page_without_the_database():
    # No `db` fixture: a query while rendering the page would fail this test.
    response = Client(raise_request_exception=False).get("/test-failure/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>服务器出错</h1>" in page
    assert LAYOUT in page


def test_a_foreign_host_answers_the_chinese_bad_request_page():
    response = Client().get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert "<h1>请求无效</h1>" in response.content.decode()


def test_a_form_posted_without_its_csrf_token_answers_the_chinese_expired_page(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("login"), {"username": world.users["editor"].username, "password": PASSWORD}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>页面已失效，内容未提交</h1>" in page
    assert LAYOUT in page


@pytest.mark.parametrize(
    "template", ["400.html", "403.html", "403_csrf.html", "404.html", "500.html"]
)
def test_every_error_page_reads_in_english_for_an_english_browser(template):
    # As Django renders 400, 500 and the CSRF page: without a request, in the active language.
    with translation.override("en"):
        html = render_to_string(template, {"no_cookie": True})
    # The language switcher names each language in its own language (简体中文).
    assert not template_leaks(html, [name for _code, name in settings.LANGUAGES])
