"""Follow the links the platform shows, as a user clicks them: every same-site `<a href>` of
every HTML page reached from the start pages, breadth first, with the Django test client.

A link that answers 4xx or 5xx is a broken link, whatever the reason (a page the viewer may
not open, an export that fails, a page that is gone); a download link must answer 200 with
its file type. Large listings (3,000 counties, their dashboards) would make the crawl endless
and teach nothing after the first few: of the links of one kind (one URL name) a page adds
only the first few, and each kind is visited a bounded number of times. Breadcrumbs and
navigation come first in a page, so they are always among the links followed.
"""

import re
import time
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

# What a download link must answer with, by the end of its path.
DOWNLOAD_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ics": "text/calendar",
}

# Links never followed: leaving the session ends the crawl's log-in.
SKIPPED_URL_NAMES = {"logout", "admin:logout"}

# The Django admin (the superuser's) lists every model with its filters and sort orders: two
# pages of each kind there reach every model's list, change, history and delete pages.
ADMIN_SITE_PER_KIND = 2

SITE_HOSTS = {"", "testserver"}


@dataclass(frozen=True)
class Broken:
    url: str
    status: int
    found_on: str
    reason: str = ""

    def __str__(self) -> str:
        why = f" ({self.reason})" if self.reason else ""
        return f"{self.status} {self.url}{why} ← {self.found_on}"


@dataclass
class CrawlResult:
    visited: list[str] = field(default_factory=list)
    broken: list[Broken] = field(default_factory=list)
    downloads: int = 0
    seconds: float = 0.0
    slowest: list[tuple[float, str]] = field(default_factory=list)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


# What the parser reads as text, not tags: comments, and what scripts and styles hold.
_NOT_TAGS = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.S | re.I)
# An <a> start tag, its attribute values quoted or not.
_A_TAG = re.compile(r"""<a\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.I)


def page_links(html: str, base: str) -> list[str]:
    """The same-site links of a page, absolute paths with their query, without fragments."""
    parser = _Links()
    # Only the <a> tags go through the parser: parsing every tag of every page cost the crawl
    # an eighth of its time, for the same links.
    for tag in _A_TAG.finditer(_NOT_TAGS.sub("", html)):
        parser.feed(tag.group(0))
    links = []
    for href in parser.hrefs:
        if href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            continue
        url = urldefrag(urljoin(base, href)).url
        parts = urlsplit(url)
        if parts.scheme not in ("", "http", "https") or parts.netloc not in SITE_HOSTS:
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def url_kind(url: str) -> str:
    """The URL name a link resolves to (its kind), or its path when it resolves to nothing."""
    path = urlsplit(url).path
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return match.view_name or path


def _download_type(url: str) -> str | None:
    path = urlsplit(url).path
    for ending, content_type in DOWNLOAD_TYPES.items():
        if path.endswith(ending):
            return content_type
    return None


def crawl(
    client: Client,
    start: list[str],
    *,
    max_pages: int = 400,
    per_kind: int = 8,
    per_page_kind: int = 3,
) -> CrawlResult:
    result = CrawlResult()
    began = time.monotonic()
    queue: deque[tuple[str, str]] = deque((url, "(start)") for url in start)
    seen: set[str] = set(start)
    visits_of_kind: dict[str, int] = {}
    while queue and len(result.visited) < max_pages:
        url, found_on = queue.popleft()
        kind = url_kind(url)
        if kind in SKIPPED_URL_NAMES:
            continue
        limit = ADMIN_SITE_PER_KIND if kind.startswith("admin:") else per_kind
        if visits_of_kind.get(kind, 0) >= limit:
            continue
        visits_of_kind[kind] = visits_of_kind.get(kind, 0) + 1
        asked = time.monotonic()
        response = client.get(url)
        result.slowest.append((time.monotonic() - asked, url))
        result.visited.append(url)
        status = response.status_code
        if status >= 400:
            result.broken.append(Broken(url, status, found_on))
            continue
        if status in (301, 302, 303, 307, 308):
            target = page_links(f'<a href="{response["Location"]}"></a>', url)
            for link in target:
                if link not in seen:
                    seen.add(link)
                    queue.appendleft((link, url))
            continue
        content_type = response.get("Content-Type", "")
        expected = _download_type(url)
        if expected is not None:
            result.downloads += 1
            if not content_type.startswith(expected):
                result.broken.append(Broken(url, status, found_on, f"type {content_type}"))
            continue
        if not content_type.startswith("text/html") or getattr(response, "streaming", False):
            continue
        added: dict[str, int] = {}
        for link in page_links(response.content.decode(), url):
            if link in seen:
                continue
            link_kind = url_kind(link)
            if added.get(link_kind, 0) >= per_page_kind:
                continue
            added[link_kind] = added.get(link_kind, 0) + 1
            seen.add(link)
            queue.append((link, url))
    result.seconds = time.monotonic() - began
    result.slowest = sorted(result.slowest, reverse=True)[:5]
    return result
