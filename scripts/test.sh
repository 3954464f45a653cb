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
source scripts/pg.sh
pg_find_bin
export QM_CHROMIUM="${QM_CHROMIUM:-$(command -v chromium)}"

echo "== ruff =="
"$VENV_BIN/ruff" check ${QM_LINT_PATHS:-.}

# --- PostgreSQL on loopback, in a temporary directory, gone when this script ends ---
pg_start

# One worker per core (pytest-xdist); each gets its own test database (pytest-django suffixes
# its name with the worker id), its own Chromium and tmp_path. A whole file goes to one worker:
# its module-scoped fixtures (the S3 server, the crawl) run once and the shared world
# (core/testing/shared.py) is built once per file, not once per chunk of tests.
# QM_TEST_WORKERS=0 runs in one process, as before.
parallel=(-n "${QM_TEST_WORKERS:-auto}" --dist loadfile)
# Each run names its slowest tests, so that the suite's time can be watched from CI's output.
report=(--durations=15 --durations-min=5)

# Both runs import the same modules: the first leaves them compiled, with pytest's rewritten
# test modules, for the second. With bytecode writing off (an environment may turn it off),
# every worker of every run compiles them all again (some ten seconds each).
unset PYTHONDONTWRITEBYTECODE

status=0
echo "== pytest on SQLite (with browser tests) =="
env -u DATABASE_URL "$VENV_BIN/pytest" "${parallel[@]}" "${report[@]}" "$@" || status=$?

echo "== pytest on PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') at 127.0.0.1:$pg_port =="
# Only the tests that reach the database: the rest answer the same on either server (conftest.py).
DATABASE_URL="$PG_BASE_URL/qualitymonth" \
  "$VENV_BIN/pytest" "${parallel[@]}" "${report[@]}" -m "not browser" --database-tests-only "$@" || status=$?

exit $status
