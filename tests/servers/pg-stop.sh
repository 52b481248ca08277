#!/usr/bin/env bash
# pg-stop.sh PGDIR -- stops a cluster started by pg-start.sh and removes its directory.
set -euo pipefail
cd /  # the server user may not be able to enter the caller's directory
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGDIR=${1:?usage: pg-stop.sh PGDIR}
case "$PGDIR" in /tmp/pgtest.*) ;; *) echo "pg-stop.sh: $PGDIR is not a pg-start.sh directory" >&2; exit 1 ;; esac
if [ -f "$PGDIR/data/postmaster.pid" ]; then
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null
  else "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null; fi
fi
rm -rf "$PGDIR"
