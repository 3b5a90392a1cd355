#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL server for tests, benchmarks and CI.
#
#   scripts/pg-test-server.sh start   # prints postgres://postgres@127.0.0.1:PORT/sitrep_test on stdout
#   scripts/pg-test-server.sh stop    # stops it and deletes its data directory
#   scripts/pg-test-server.sh url     # prints the URL of the running server again
#
# Why a script and not the system service: CI runs as root in a fresh container without systemd, and the
# server refuses to run as root, so the data directory is created for the `postgres` user and the server is
# started with runuser. Durability is switched off (fsync, synchronous_commit, full_page_writes) because the
# data is thrown away; set SITREP_PG_DURABLE=1 to keep PostgreSQL's defaults (e.g. for honest benchmarks).
#
# Environment: SITREP_PG_PORT (first port to try, default 55432), SITREP_PG_STATE (state file, default
# /tmp/sitrep-pg-test.state: "PORT DATADIR"), SITREP_PG_DB (database to create, default sitrep_test).
set -euo pipefail

STATE="${SITREP_PG_STATE:-/tmp/sitrep-pg-test.state}"
DBNAME="${SITREP_PG_DB:-sitrep_test}"

find_bindir() {
  if [[ -n "${SITREP_PG_BINDIR:-}" ]]; then echo "$SITREP_PG_BINDIR"; return; fi
  local version
  version="$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1 || true)"
  if [[ -z "$version" ]]; then
    echo "pg-test-server: no PostgreSQL under /usr/lib/postgresql (apt-get install -y postgresql)" >&2
    exit 1
  fi
  echo "/usr/lib/postgresql/$version/bin"
}

# The server must not run as root: as root, run every server tool as the postgres user.
as_pg() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

url_for() {
  echo "postgres://postgres@127.0.0.1:$1/$DBNAME"
}

start() {
  if [[ -f "$STATE" ]]; then
    read -r port datadir <"$STATE"
    if [[ -d "$datadir" ]] && as_pg "$BIN/pg_ctl" -D "$datadir" status >/dev/null 2>&1; then
      echo "pg-test-server: already running on port $port (data $datadir)" >&2
      url_for "$port"
      return
    fi
    rm -f "$STATE"
  fi
  local port="${SITREP_PG_PORT:-55432}"
  while port_in_use "$port"; do port=$((port + 1)); done
  local datadir
  datadir="$(mktemp -d /tmp/sitrep-pg.XXXXXX)"
  if [[ "$(id -u)" == 0 ]]; then chown postgres: "$datadir"; fi
  as_pg "$BIN/initdb" -D "$datadir" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$datadir.initdb.log" 2>&1 || {
    cat "$datadir.initdb.log" >&2
    exit 1
  }
  local opts="-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200"
  if [[ -z "${SITREP_PG_DURABLE:-}" ]]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  as_pg "$BIN/pg_ctl" -D "$datadir" -o "$opts" -l "$datadir/server.log" -w -t 60 start >/dev/null
  echo "$port $datadir" >"$STATE"
  as_pg "$BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE $DBNAME" >/dev/null
  echo "pg-test-server: PostgreSQL on port $port, data $datadir (stop: $0 stop)" >&2
  url_for "$port"
}

stop() {
  if [[ ! -f "$STATE" ]]; then
    echo "pg-test-server: not running (no $STATE)" >&2
    return
  fi
  read -r port datadir <"$STATE"
  as_pg "$BIN/pg_ctl" -D "$datadir" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$datadir" "$datadir.initdb.log"
  rm -f "$STATE"
  echo "pg-test-server: stopped (port $port)" >&2
}

BIN="$(find_bindir)"
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url)
    [[ -f "$STATE" ]] || { echo "pg-test-server: not running" >&2; exit 1; }
    read -r port _ <"$STATE"
    url_for "$port"
    ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
