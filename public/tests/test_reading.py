"""The 适老化 reading options work without script: a button posts, the choice is a cookie the
public pages read, and the visitor comes back to the page they were reading — never elsewhere."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_larger_type_is_kept_in_a_cookie_and_marks_every_public_page(client):
    documents = reverse("public:document_list")
    response = client.post(
        reverse("public:reading_options"), {"option": "large", "next": documents}
    )
    assert response.status_code == 302 and response["Location"] == documents
    html = client.get(reverse("public:poll_list")).content.decode()
    assert '<html lang="zh-hans" class="qm-large">' in html
    assert 'value="large" aria-pressed="true"' in html
    client.post(reverse("public:reading_options"), {"option": "large", "next": documents})
    assert "qm-large" not in client.get(documents).content.decode()


def test_the_options_never_send_the_visitor_to_another_site(client):
    response = client.post(
        reverse("public:reading_options"), {"option": "contrast", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("core:home")


def test_an_unknown_option_in_the_cookie_or_the_form_changes_nothing(client):
    client.cookies["qm_reading"] = '"><script>'
    html = client.get(reverse("core:home")).content.decode()
    assert "<script" not in html and "qm-large" not in html and "qm-contrast" not in html
    client.post(reverse("public:reading_options"), {"option": "blink", "next": "/"})
    assert client.cookies["qm_reading"].value == ""
