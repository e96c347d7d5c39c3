#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for Tote's tests and exports
# TOTE_TEST_DATABASE_URL.
#
#   scripts/with-postgres.sh pnpm vitest run packages/server   # run a command, then stop
#   source scripts/with-postgres.sh                            # start, export here; stop_postgres stops
#   eval "$(scripts/with-postgres.sh)"                         # start, print the export line
#   scripts/with-postgres.sh stop                              # stop a cluster started so
#
# Uses Debian's server binaries (/usr/lib/postgresql/<version>/bin). Run as root, the cluster
# runs as the `postgres` user; run as another user, it runs as that user. Trust auth on
# loopback only: this cluster is for tests, never for data. Sourcing it changes no shell
# option of the caller.

tote_pg_port="${TOTE_PG_PORT:-54329}"
tote_pg_dir="${TOTE_PG_DIR:-/tmp/tote-pg-$tote_pg_port}"

tote_pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

tote_pg_bin() {
  local bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "with-postgres: PostgreSQL server binaries not found (apt-get install postgresql, or set PG_BIN)" >&2
    return 1
  fi
  echo "$bin"
}

# Stops the cluster and removes its files.
stop_postgres() {
  local bin
  bin="$(tote_pg_bin)" || return 1
  if [ -f "$tote_pg_dir/data/postmaster.pid" ]; then
    tote_pg_as_owner "$bin/pg_ctl" -D "$tote_pg_dir/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$tote_pg_dir"
}

# Creates and starts the cluster, creates the `tote_test` database, exports the URL.
start_postgres() {
  local bin
  bin="$(tote_pg_bin)" || return 1
  stop_postgres
  mkdir -p "$tote_pg_dir" || return 1
  if [ "$(id -u)" = 0 ]; then chown postgres "$tote_pg_dir" || return 1; fi
  tote_pg_as_owner "$bin/initdb" -D "$tote_pg_dir/data" -U postgres -A trust --no-sync >/dev/null || return 1
  tote_pg_as_owner "$bin/pg_ctl" -D "$tote_pg_dir/data" -l "$tote_pg_dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $tote_pg_port -k $tote_pg_dir -c fsync=off" start >/dev/null || return 1
  tote_pg_as_owner "$bin/createdb" -h 127.0.0.1 -p "$tote_pg_port" -U postgres tote_test || return 1
  export TOTE_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$tote_pg_port/tote_test"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: start and export in the caller's shell.
  start_postgres
  return $?
fi

set -euo pipefail
case "${1:-}" in
  stop)
    stop_postgres
    ;;
  "")
    start_postgres
    echo "export TOTE_TEST_DATABASE_URL=$TOTE_TEST_DATABASE_URL"
    ;;
  *)
    start_postgres
    trap stop_postgres EXIT
    "$@"
    ;;
esac
