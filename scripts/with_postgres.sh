#!/usr/bin/env bash
# usage: scripts/with_postgres.sh COMMAND…
# Runs COMMAND with a PostgreSQL server of its own (Debian's package: initdb in a
# temporary directory, pg_ctl on a free port of 127.0.0.1, as the `postgres` user when
# run as root, since PostgreSQL refuses root) and $GUANXI_PG set to the URL of an
# empty database on it; stops the server and removes its files afterwards.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with_postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 2
fi
dir=$(mktemp -d /tmp/guanxi-pg-XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_server() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
cleanup() { as_server "'$bin/pg_ctl' -D '$dir/data' -m immediate -w stop" >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
as_server "'$bin/initdb' -D '$dir/data' -A trust -U postgres -E UTF8 --locale=C --no-sync" >/dev/null
as_server "'$bin/pg_ctl' -D '$dir/data' -l '$dir/log' -w -t 60 -o '-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off' start" >/dev/null
psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE guanxi" >/dev/null
export GUANXI_PG="postgresql://postgres@127.0.0.1:$port/guanxi"
"$@"
