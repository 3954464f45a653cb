"""Two people saving one draft at the same moment: the row lock of the autosave lets exactly
one save win, the others are told the draft changed, and nothing is half written.

Real HTTP requests from many threads against the live server (`core.testing.concurrency`).
"""

import urllib.parse
import urllib.request

import pytest
from auditlog.models import LogEntry
from django.conf import settings as django_settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from core.testing.concurrency import send_at_once
from reports import services
from reports.models import Report, StatisticValue
from reports.tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

EDITORS = 8


def _session_cookie(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{django_settings.SESSION_COOKIE_NAME}={session.session_key}"


def test_of_simultaneous_autosaves_of_one_version_exactly_one_is_written(live_server, reporting):
    expected = factories.expected(reporting.city_req, reporting.unit("芙蓉区"))
    report = services.report_start(actor=reporting.furong_editor, expected=expected)
    url = live_server.url + reverse("reports:report_autosave", args=[expected.pk])
    # CSRF: one token for the cookie and the header serves every request (no TLS, no Referer).
    token = "t" * 32
    cookie = f"{_session_cookie(reporting.furong_editor)}; csrftoken={token}"
    requests = [
        urllib.request.Request(
            url,
            data=urllib.parse.urlencode(
                {
                    "version": report.version,
                    "summary": f"第{i}位的总结",
                    "problems": "",
                    "stat_activities": str(i),
                }
            ).encode(),
            headers={"Cookie": cookie, "X-CSRFToken": token, "HX-Request": "true"},
        )
        for i in range(EDITORS)
    ]
    statuses = send_at_once(requests)

    assert sorted(statuses) == [200] + [409] * (EDITORS - 1), statuses
    report.refresh_from_db()
    assert report.version == 2
    winner = int(report.summary.removeprefix("第").removesuffix("位的总结"))
    # The winner's figure and text, together: no save wrote half of itself.
    figure = StatisticValue.objects.get(report=report, field__code="activities").number
    assert figure == winner
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Report), object_pk=str(report.pk)
    )
    assert sum("位的总结" in str(e.changes_dict.get("summary")) for e in entries) == 1
