"""Mirror the uploads bucket to a directory and back (`deploy/backup.sh`, `deploy/restore.sh`).

    python deploy/s3_mirror.py download DIR   # bucket → DIR (objects already there with
                                              # the same size are skipped: reruns are cheap)
    python deploy/s3_mirror.py upload DIR     # DIR → bucket

Reads the platform's own settings variables: QM_S3_BUCKET, QM_S3_ENDPOINT_URL,
QM_S3_ACCESS_KEY, QM_S3_SECRET_KEY, QM_S3_REGION. Uses boto3 (installed with django-storages).
"""

import os
import sys
from pathlib import Path

import boto3


def client():
    return boto3.client(
        "s3",
        endpoint_url=os.environ.get("QM_S3_ENDPOINT_URL") or None,
        aws_access_key_id=os.environ.get("QM_S3_ACCESS_KEY") or None,
        aws_secret_access_key=os.environ.get("QM_S3_SECRET_KEY") or None,
        region_name=os.environ.get("QM_S3_REGION") or "us-east-1",
    )


def download(s3, bucket: str, target: Path) -> int:
    count = 0
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            path = target / item["Key"]
            if path.exists() and path.stat().st_size == item["Size"]:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            s3.download_file(bucket, item["Key"], str(path))
            count += 1
    return count


def upload(s3, bucket: str, source: Path) -> int:
    count = 0
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        s3.upload_file(str(path), bucket, path.relative_to(source).as_posix())
        count += 1
    return count


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in ("download", "upload"):
        sys.exit(__doc__)
    bucket = os.environ.get("QM_S3_BUCKET")
    if not bucket:
        sys.exit("QM_S3_BUCKET 未设置")
    directory = Path(sys.argv[2])
    if sys.argv[1] == "download":
        directory.mkdir(parents=True, exist_ok=True)
        n = download(client(), bucket, directory)
    else:
        n = upload(client(), bucket, directory)
    print(f"{sys.argv[1]}: {n} 个文件")


if __name__ == "__main__":
    main()
