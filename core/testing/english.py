"""Reading a rendered page as a person does, to find Chinese that a template (not the data)
put on a page served in English. Shared by the English-page tests of every app."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.db import models

# Full-width forms and CJK punctuation (“：”, “，”, “（）”, “、”, “；”, “。”, “【】”, “《》”) and
# CJK ideographs. Curly quotes, “…” and “—” are English punctuation too and stay allowed.
FULL_WIDTH_OR_CJK = re.compile(r"[\u3000-\u303f\uff00-\uffef\u3400-\u4dbf\u4e00-\u9fff]")

# Text a person reads: text nodes and these attributes (tooltips, screen-reader labels,
# placeholders, the table's mobile column labels).
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-label"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.attributes: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.attributes.extend(v for name, v in attrs if name in READ_ATTRIBUTES and v)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def shown_text(html: str) -> str:
    """The page's text as it reads, one line per line of the markup, then the attributes."""
    reader = _Reader()
    reader.feed(html)
    lines = "".join(reader.text).splitlines() + reader.attributes
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def _strings_in(value, out: set[str]) -> None:
    if isinstance(value, str):
        if value[:1] in "[{":
            try:
                return _strings_in(json.loads(value), out)
            except ValueError:
                pass
        out.add(value)
        out.update(line.strip() for line in value.splitlines())
    elif isinstance(value, dict):
        for item in value.values():
            _strings_in(item, out)
    elif isinstance(value, list | tuple):
        for item in value:
            _strings_in(item, out)


# Chinese that is meant to be there: the translator quotes what a clerk types (“e.g. 永安”)
# in English help texts, so every Chinese piece of an English translation is allowed.
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def translator_text() -> set[str]:
    out = set()
    for entry in polib.pofile(str(CATALOGUE)):
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if FULL_WIDTH_OR_CJK.search(text):
                out.update(re.split(r"%\(\w+\)[sd]|%%", text))
    return out


def stored_text() -> list[str]:
    """Every string the database holds (what users and the datasets wrote), the language names
    the switcher shows in their own language and the translator's Chinese, longest first."""
    out: set[str] = {name for _code, name in settings.LANGUAGES}
    out |= translator_text()
    for model in apps.get_models():
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if names:
            for row in model.objects.values_list(*names):
                _strings_in(list(row), out)
    return sorted((s for s in out if FULL_WIDTH_OR_CJK.search(s)), key=len, reverse=True)


def template_leaks(html: str, data: list[str]) -> list[str]:
    """Lines of the shown text that still hold Chinese once stored data is taken out."""
    text = shown_text(html)
    for value in data:
        text = text.replace(value, " ")
    return [line.strip() for line in text.splitlines() if FULL_WIDTH_OR_CJK.search(line)]


def english(client, url: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, url
    html = response.content.decode()
    assert '<html lang="en">' in html, url
    return html


def leaks_by_page(client, urls: list[str]) -> dict[str, list[str]]:
    pages = {url: english(client, url) for url in urls}
    data = stored_text()
    return {url: leaks for url, html in pages.items() if (leaks := template_leaks(html, data))}
