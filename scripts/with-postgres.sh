#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for Tote's tests and exports
# TOTE_TEST_DATABASE_URL.
#
#   scripts/with-postgres.sh pnpm vitest run packages/server   # run a command, then stop
#   eval "$(scripts/with-postgres.sh)"                         # start, export in this shell
#   scripts/with-postgres.sh stop                              # stop what the line above started
#
# Uses Debian's server binaries (/usr/lib/postgresql/<version>/bin). Run as root, the cluster
# runs as the `postgres` user; run as another user, it runs as that user. Trust auth on
# loopback only: this cluster is for tests, never for data.
set -euo pipefail

PORT="${TOTE_PG_PORT:-54329}"
STATE="${TOTE_PG_DIR:-/tmp/tote-pg-$PORT}"
BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "with-postgres: PostgreSQL server binaries not found (apt-get install postgresql, or set PG_BIN)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  if [ -f "$STATE/data/postmaster.pid" ]; then
    as_owner "$BIN/pg_ctl" -D "$STATE/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$STATE"
}

if [ "${1:-}" = stop ]; then
  stop
  exit 0
fi

stop
mkdir -p "$STATE"
if [ "$(id -u)" = 0 ]; then chown postgres "$STATE"; fi
as_owner "$BIN/initdb" -D "$STATE/data" -U postgres -A trust --no-sync >/dev/null
as_owner "$BIN/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $STATE -c fsync=off" start >/dev/null
as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres tote_test

URL="postgres://postgres@127.0.0.1:$PORT/tote_test"
if [ "$#" -eq 0 ]; then
  echo "export TOTE_TEST_DATABASE_URL=$URL"
  exit 0
fi

trap stop EXIT
export TOTE_TEST_DATABASE_URL="$URL"
"$@"
