# Sourced by scripts/test.sh and bench/run.sh: a throw-away PostgreSQL server on loopback,
# in a temporary directory, with durability off (it lives for one run).
#   pg_start      starts it and sets pg_bin, pg_dir, pg_port and PG_BASE_URL
#                 (postgres://postgres@127.0.0.1:PORT — add /<database>);
#   pg_stop       stops it and removes the directory (also run at EXIT by pg_start).
# Installs postgresql with apt when missing (as root).

pg_find_bin() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$pg_bin" ]; then
    apt_install postgresql
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
}

pg_stop() {
  if [ -n "${pg_dir:-}" ] && [ -d "$pg_dir" ]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}

pg_start() {
  [ -n "${pg_bin:-}" ] || pg_find_bin
  pg_dir=$(mktemp -d /tmp/qm-pg.XXXXXX)
  pg_port=$("${VENV_BIN:-.venv/bin}/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_pg=()
  if [ "$(id -u)" = 0 ]; then
    # PostgreSQL refuses to run as root.
    chown postgres: "$pg_dir"
    as_pg=(runuser -u postgres --)
  fi
  trap pg_stop EXIT
  "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -o \
    "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${PG_EXTRA_OPTS:-}" \
    start >/dev/null
  PG_BASE_URL="postgres://postgres@127.0.0.1:$pg_port"
}
