#!/usr/bin/env bash
# pg-start.sh -- a throwaway PostgreSQL 15 cluster for tests, in a new temp dir.
#
# Listens on 127.0.0.1 only, on a free port picked at random (retried until the server
# starts), with its Unix socket in the temp dir. Fast and not durable (fsync off).
# Authentication: superuser `ferry` is trusted (local socket and 127.0.0.1); every other
# role must give its password (scram-sha-256), so a test can create a role with a
# password to check credential handling.
#
# Prints, for `eval "$(tests/servers/pg-start.sh)"`:
#   PGDIR=/tmp/pgtest.XXXXXX   the cluster's directory (give it to pg-stop.sh)
#   PGPORT=NNNNN               the TCP port on 127.0.0.1
#   PGPID=NNNN                 the postmaster's process id
# Stop with: tests/servers/pg-stop.sh "$PGDIR"
#
# Needs the Debian package postgresql-15 (initdb, pg_ctl, postgres). Runs the server as
# user postgres when started by root (initdb refuses root), else as the calling user.
set -euo pipefail
cd /  # the server user may not be able to enter the caller's directory
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[ -x "$PGBIN/initdb" ] || { echo "pg-start.sh: $PGBIN/initdb not found; install postgresql-15" >&2; exit 1; }

as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

PGDIR=$(mktemp -d /tmp/pgtest.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDIR"
chmod 700 "$PGDIR"
as_server "$PGBIN/initdb" -D "$PGDIR/data" -U ferry --auth-local=trust --auth-host=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 -N >"$PGDIR/initdb.log" 2>&1 ||
  { cat "$PGDIR/initdb.log" >&2; rm -rf "$PGDIR"; exit 1; }
cat >"$PGDIR/data/pg_hba.conf" <<'HBA'
local all all               trust
host  all ferry 127.0.0.1/32 trust
host  all all   127.0.0.1/32 scram-sha-256
HBA

for attempt in $(seq 1 20); do
  PGPORT=$((20000 + RANDOM % 40000))
  if as_server "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 30 -o \
      "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null 2>&1; then
    echo "PGDIR=$PGDIR"
    echo "PGPORT=$PGPORT"
    echo "PGPID=$(head -1 "$PGDIR/data/postmaster.pid")"
    exit 0
  fi
done
echo "pg-start.sh: the server did not start on 20 random ports; see $PGDIR/server.log" >&2
tail -5 "$PGDIR/server.log" >&2 || true
exit 1
