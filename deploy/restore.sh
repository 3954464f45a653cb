#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh:
#   DATABASE_URL=postgres://…/qualitymonth deploy/restore.sh /backups/qualitymonth/2023-10-17
# The database must exist (createdb); objects already in it are replaced (--clean). The
# uploads go back into the bucket (QM_S3_*) or into QM_MEDIA_DIR. Stop the app servers and
# the db_worker first; run `manage.py migrate` afterwards if the code is newer than the dump.
set -euo pipefail
src="${1:?用法：deploy/restore.sh <备份目录>}"
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
pg_bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)}"
: "${DATABASE_URL:?DATABASE_URL 未设置}"
[ -f "$src/COMPLETED" ] || { echo "$src 不是完整的备份（缺少 COMPLETED）" >&2; exit 1; }

"${pg_bin:+$pg_bin/}pg_restore" --clean --if-exists --no-owner --no-privileges \
  --exit-on-error --single-transaction --dbname "$DATABASE_URL" "$src/db.dump"
if [ -d "$src/media" ]; then
  if [ -n "${QM_S3_BUCKET:-}" ]; then
    "$python" "$here/s3_mirror.py" upload "$src/media"
  elif [ -n "${QM_MEDIA_DIR:-}" ]; then
    mkdir -p "$QM_MEDIA_DIR" && cp -a "$src/media/." "$QM_MEDIA_DIR/"
  fi
fi
echo "恢复完成：$src"
