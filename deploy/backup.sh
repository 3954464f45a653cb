#!/usr/bin/env bash
# Back up everything a restore needs into one directory:
#   deploy/backup.sh /backups/qualitymonth/2023-10-17
# - db.dump  : the PostgreSQL database (pg_dump custom format: compressed, restorable per table)
# - media/   : the uploads, mirrored from the S3 bucket (QM_S3_*), or copied from QM_MEDIA_DIR
#              when files are on local disk
# Reads DATABASE_URL and QM_S3_* as the app servers do. PG_BIN may name the PostgreSQL
# client directory (pg_dump must not be older than the server).
set -euo pipefail
dest="${1:?用法：deploy/backup.sh <备份目录>}"
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
pg_bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)}"
pg_dump="${pg_bin:+$pg_bin/}pg_dump"
: "${DATABASE_URL:?DATABASE_URL 未设置}"

mkdir -p "$dest"
# The dump first: a file uploaded after it is harmless (an orphan), the reverse would not be.
"$pg_dump" --format=custom --no-owner --no-privileges --file "$dest/db.dump.partial" "$DATABASE_URL"
mv "$dest/db.dump.partial" "$dest/db.dump"
if [ -n "${QM_S3_BUCKET:-}" ]; then
  "$python" "$here/s3_mirror.py" download "$dest/media"
elif [ -n "${QM_MEDIA_DIR:-}" ]; then
  mkdir -p "$dest/media" && cp -a "$QM_MEDIA_DIR/." "$dest/media/"
fi
date -u +%Y-%m-%dT%H:%M:%SZ >"$dest/COMPLETED"
echo "备份完成：$dest"
