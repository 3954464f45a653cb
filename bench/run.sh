#!/usr/bin/env bash
# `make bench`: generate the national dataset and run the benchmarks on SQLite and on a
# PostgreSQL started here on loopback (scripts/pg.sh), then write bench/results.md.
#   BENCH_SCALE=mid  (default) no stations, 200,000 activities: a few minutes
#   BENCH_SCALE=full the national set: ~45,000 units, 1,000,000 activities
#   BENCH_DBS="sqlite postgresql" (default), BENCH_WORKERS=4, BENCH_THREADS=8,
#   BENCH_ROUNDS=3 and BENCH_SECONDS=6 (each load, each round)
# Every benchmark ends with a line `BENCH <name> <value> <unit> ratio=<r> limit=<...>`.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV_BIN="$PWD/.venv/bin"
PY="$VENV_BIN/python"
SCALE="${BENCH_SCALE:-mid}"
case "$SCALE" in
  full) GEN_ARGS=() ;;
  mid) GEN_ARGS=(--no-stations --activities 200000) ;;
  small) GEN_ARGS=(--no-stations --activities 20000) ;;
  *) echo "BENCH_SCALE 须为 small、mid 或 full" >&2; exit 2 ;;
esac
apt_install() {
  echo "需要安装 $*（apt-get install $*），请先安装。" >&2
  exit 1
}

work=$(mktemp -d /tmp/qm-bench.XXXXXX)
log="$work/bench.log"
export QM_SECRET_KEY=bench-only QM_PERSONAL_DATA_KEY=bench-only-personal-data-key-0123456789 QM_SECURE_COOKIES=0 QM_ALLOWED_HOSTS=127.0.0.1,localhost,testserver \
  DJANGO_SETTINGS_MODULE=bench.settings QM_VAR_DIR="$work/var" QM_LOG_LEVEL=WARNING
mkdir -p "$work/var"
gunicorn_pid=""
source scripts/pg.sh
cleanup() {
  [ -n "$gunicorn_pid" ] && kill "$gunicorn_pid" 2>/dev/null && wait "$gunicorn_pid" 2>/dev/null
  pg_stop
  rm -rf "$work"
}

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

generate() {  # $1 = database label
  "$PY" manage.py migrate --noinput -v 0
  "$PY" manage.py createcachetable
  "$PY" manage.py collectstatic --noinput -v 0
  local started=$SECONDS
  "$PY" manage.py generate_national "${GEN_ARGS[@]}"
  echo "GENERATE $1 $((SECONDS - started)) s args=${GEN_ARGS[*]:-full}" | tee -a "$log"
}

load_test() {  # against gunicorn on this DATABASE_URL
  local port plan
  port=$(free_port)
  plan="$work/plan.json"
  "$PY" bench/bench.py prepare-load "$plan" "${BENCH_THREADS:-8}"
  # Workers and database connections live through all three runs: one that ended mid-run
  # would take its CPU count (and its warm caches) with it.
  QM_BIND="127.0.0.1:$port" QM_WORKERS="${BENCH_WORKERS:-4}" QM_MAX_REQUESTS=0 QM_DB_CONN_MAX_AGE=3600 \
    "$VENV_BIN/gunicorn" -c deploy/gunicorn.conf.py bench.wsgi >"$work/gunicorn.log" 2>&1 &
  gunicorn_pid=$!
  for _ in $(seq 100); do
    "$PY" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$port/healthz', timeout=1)" 2>/dev/null && break
    sleep 0.2
  done
  local args=(--url "http://127.0.0.1:$port" --plan "$plan" --threads "${BENCH_THREADS:-8}" --duration "${BENCH_SECONDS:-6}")
  # With the CPU the app servers and the database's backends used during the measure: where a
  # request's cost goes (the load generator's own is left out).
  args+=(--cpu-of gunicorn --cpu-of "postgres: postgres bench")
  # The machine is shared and its speed drifts by tens of percent within minutes: the loads
  # take turns, in BENCH_ROUNDS rounds of BENCH_SECONDS each, so that the trivial view and
  # the save are measured through the same drifts.
  for round in $(seq "${BENCH_ROUNDS:-3}"); do
    for target in noop noop_form floor report; do
      "$PY" bench/loadgen.py "${args[@]}" --target "$target" >"$work/$target.$round.json"
    done
  done
  kill "$gunicorn_pid"; wait "$gunicorn_pid" 2>/dev/null || true
  gunicorn_pid=""
  "$PY" - "$work" "$1" <<'PYEOF' | tee -a "$log"
import glob, json, sys
work, vendor = sys.argv[1:3]

def rounds(target):
    """The rounds of one load as one: requests, errors and CPU summed over the measured
    time; p50 the rounds' mean, p99 the worst round's."""
    runs = [json.load(open(f)) for f in sorted(glob.glob(f"{work}/{target}.*.json"))]
    seconds = sum(r["requests"] / r["rps"] for r in runs if r["rps"])
    cpu = {}
    for r in runs:
        for name, used in r["cpu_seconds"].items():
            cpu[name] = cpu.get(name, 0) + used
    return {
        "target": target,
        "requests": sum(r["requests"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
        "first_errors": [e for r in runs for e in r["first_errors"]][:3],
        "rps": sum(r["requests"] for r in runs) / seconds if seconds else 0.0,
        "p50_ms": sum(r["p50_ms"] for r in runs) / len(runs),
        "p99_ms": max(r["p99_ms"] for r in runs),
        "cpu_seconds": cpu,
    }

noop, noop_form, floor, report = (rounds(t) for t in ("noop", "noop_form", "floor", "report"))
print(f"load: {len(glob.glob(f'{work}/noop.*.json'))} rounds of each, taking turns")
for r in (noop, noop_form, floor, report):
    t = r["target"]
    app, db = (seconds * 1000 / max(r["requests"], 1) for seconds in r["cpu_seconds"].values())
    print(f"load {t}: {r['requests']} requests, {r['errors']} errors {r['first_errors']}, "
          f"{r['rps']:.0f}/s, p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms; "
          f"CPU per request: app servers {app:.1f} ms, database {db:.1f} ms")
print(f"BENCH submit_report_{vendor} {report['rps']:.4g} req/s ratio={report['rps'] / noop['rps']:.3g} limit=trivial-view-req/s")
print(f"BENCH submit_report_p99_{vendor} {report['p99_ms']:.4g} ms ratio={report['p99_ms'] / 250:.3g} limit=250ms-target")
print(f"BENCH submit_noop_form_{vendor} {noop_form['rps']:.4g} req/s ratio={noop_form['rps'] / noop['rps']:.3g} limit=trivial-view-req/s")
print(f"BENCH submit_floor_{vendor} {floor['rps']:.4g} req/s ratio={floor['rps'] / noop['rps']:.3g} limit=trivial-view-req/s")
print(f"BENCH submit_report_vs_floor_{vendor} {report['rps']:.4g} req/s ratio={report['rps'] / floor['rps']:.3g} limit=save-floor-req/s")
PYEOF
}

run_on() {  # $1 = label, DATABASE_URL set
  echo "== $1 ==" | tee -a "$log"
  generate "$1"
  "$PY" bench/bench.py rollup exports parse pages | tee -a "$log"
}

pg_start
trap cleanup EXIT
for db in ${BENCH_DBS:-sqlite postgresql}; do
  if [ "$db" = sqlite ]; then
    DATABASE_URL="sqlite:///$work/bench.sqlite3" run_on sqlite
  else
    "$PY" -c "import psycopg; psycopg.connect('$PG_BASE_URL/postgres', autocommit=True).execute('CREATE DATABASE bench')"
    export DATABASE_URL="$PG_BASE_URL/bench"
    run_on postgresql
    load_test postgresql
    unset DATABASE_URL
  fi
done
"$PY" bench/report.py "$log" "make bench BENCH_SCALE=$SCALE" "$SCALE" bench/results.md
echo "结果已写入 bench/results.md"
grep '^BENCH ' "$log"
