"""Request bodies refused by size: from the declared length before any byte is read, and
uploads while they arrive, with a message that names the limit; temporary uploads of a
worker killed mid-upload are swept."""

import json
import socket
import urllib.parse

import pytest
from django.urls import reverse

from core.uploads import MSG_FILE_TOO_LARGE
from reports import services
from reports.models import Report, ReportFile
from reports.tests import factories
from reports.tests.test_image_bombs import huge_png


def test_a_9_9_mb_autosave_is_refused_before_it_is_read(reporting, client_for, settings):
    expected = factories.expected(reporting.city_req, reporting.unit("芙蓉区"))
    report = services.report_start(actor=reporting.furong_editor, expected=expected)
    body = json.dumps({"version": "1", "summary": "质" * 3_300_000}, ensure_ascii=False)
    assert len(body.encode()) > 9_900_000
    response = client_for(reporting.furong_editor).post(
        reverse("reports:report_autosave", args=[expected.pk]),
        body,
        content_type="application/json",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="autosave-status",
    )
    assert response.status_code == 413
    # The element the page swaps, keeping its id for the next autosave.
    page = response.content.decode()
    assert page.startswith('<p id="autosave-status" class="errors"')
    assert "超过上限 4.0 MB" in page
    assert Report.objects.get(pk=report.pk).summary == ""


def test_an_api_body_over_the_limit_is_refused_in_json(reporting, client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(
        "/api/reports", json.dumps({"summary": "质" * 1000}), content_type="application/json"
    )
    assert response.status_code == 413
    assert "超过上限 1000 B" in response.json()["detail"]


def _multipart_head(boundary: str, csrf: str, name: str) -> bytes:
    return (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{csrf}\r\n"
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: image/png\r\n\r\n"
    ).encode()


def _response(sock: socket.socket) -> str:
    """The whole HTTP response (the server closes the connection after it)."""
    received = b""
    while b"\r\n\r\n" not in received or len(received.split(b"\r\n\r\n", 1)[1]) < int(
        received.split(b"Content-Length: ", 1)[1].split(b"\r\n", 1)[0]
    ):
        chunk = sock.recv(65536)
        if not chunk:
            break
        received += chunk
    return received.decode(errors="replace")


@pytest.mark.django_db(transaction=True)
def test_a_photo_is_stopped_while_it_arrives_once_past_the_photo_limit(
    live_server, settings, client
):
    from core.testing.world import build_world, make_user
    from orgs.scoping import Role

    settings.QM_REPORT_PHOTO_MAX_BYTES = 256 * 1024
    world = build_world()
    editor = world.users["editor"]
    requirement = factories.issued_requirement(
        actor=editor, unit=world.unit("长沙市"), recipients=[world.unit("芙蓉区")], title="方案"
    )
    expected = factories.expected(requirement, world.unit("芙蓉区"))
    furong = make_user("furong", world.unit("芙蓉区"), Role.EDITOR)
    services.report_start(actor=furong, expected=expected)
    client.force_login(furong)
    session = client.cookies["sessionid"].value

    # Declared: 50 MB, under the video limit, so the declared length alone passes. Sent:
    # the start of a PNG and 1 MB, then nothing more until the server has answered.
    boundary = "qmboundary"
    head = _multipart_head(boundary, "x", "现场.png") + huge_png(4000, 4000)[:1024]
    body_start = head + b"\0" * (1024 * 1024)
    host, port = urllib.parse.urlsplit(live_server.url).netloc.split(":")
    path = reverse("reports:report_upload", args=[expected.pk])
    request = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {50 * 1024 * 1024}\r\n"
        f"Cookie: sessionid={session}\r\n\r\n"
    ).encode()
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request + body_start)
        answer = _response(sock)
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert MSG_FILE_TOO_LARGE % {"name": "现场.png", "limit": "256.0 KB"} in answer
    assert not ReportFile.objects.exists()
