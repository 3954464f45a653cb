#!/usr/bin/env bash
# The whole suite, as CI runs it: lint, then pytest on SQLite (with the browser tests in
# Debian's headless Chromium), then pytest again on a real PostgreSQL server started here on
# loopback in a temporary directory. Installs chromium and postgresql with apt when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV_BIN="$PWD/.venv/bin"

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "需要安装 $*，请以 root 运行或先手动安装。" >&2
    exit 1
  fi
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v chromium >/dev/null || apt_install chromium
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ]; then
  apt_install postgresql
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
export QM_CHROMIUM="${QM_CHROMIUM:-$(command -v chromium)}"

echo "== ruff =="
"$VENV_BIN/ruff" check ${QM_LINT_PATHS:-.}

# --- PostgreSQL on loopback, in a temporary directory, gone when this script ends ---
pg_dir=$(mktemp -d /tmp/qm-pg.XXXXXX)
pg_port=$("$VENV_BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root.
  chown postgres: "$pg_dir"
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap cleanup EXIT
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Durability off: this server lives for one test run.
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -o \
  "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null

status=0
echo "== pytest on SQLite (with browser tests) =="
env -u DATABASE_URL "$VENV_BIN/pytest" "$@" || status=$?

echo "== pytest on PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') at 127.0.0.1:$pg_port =="
DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/qualitymonth" \
  "$VENV_BIN/pytest" -m "not browser" "$@" || status=$?

exit $status
