"""The report file view (/reports/files/<pk>/): a photo gone from storage."""

import logging

import pytest
from django.urls import reverse

from reports import services
from reports.tests import factories

# templates/404.html: the Chinese page a clerk sees for a missing page or file.
MSG_NOT_FOUND = "页面不存在"


@pytest.fixture
def photo(reporting):
    expected = factories.expected(reporting.city_req, reporting.unit("芙蓉区"))
    report = services.report_start(actor=reporting.furong_editor, expected=expected)
    return services.report_file_add(
        actor=reporting.furong_editor, report=report, upload=factories.photo()
    )


@pytest.mark.parametrize("query", ["", "?thumb=1", "?download=1"])
def test_a_photo_missing_from_storage_answers_the_chinese_404_page_and_logs_a_warning(
    reporting, client_for, photo, query, caplog
):
    photo.file.storage.delete(photo.file.name)
    photo.thumbnail.storage.delete(photo.thumbnail.name)
    url = reverse("reports:file_download", args=[photo.pk]) + query
    with caplog.at_level(logging.WARNING, logger="reports"):
        response = client_for(reporting.city_editor).get(url)
    assert response.status_code == 404
    assert MSG_NOT_FOUND in response.content.decode()
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert any(str(photo.pk) in r.getMessage() for r in warnings)


def test_a_stored_photo_is_still_served(reporting, client_for, photo):
    url = reverse("reports:file_download", args=[photo.pk])
    response = client_for(reporting.city_editor).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == photo.file.open("rb").read()


def test_a_photo_outside_the_viewers_units_answers_404(reporting, client_for, photo):
    url = reverse("reports:file_download", args=[photo.pk])
    assert client_for(reporting.tianxin_editor).get(url).status_code == 404
