#!/usr/bin/env bash
# azurite-stop.sh AZ_DIR AZ_PID -- stops the Azurite that azurite-start.sh started (by its
# pid; SIGKILL after 2 s) and removes its directory.
set -u
D=${1:?usage: azurite-stop.sh AZ_DIR AZ_PID}
PID=${2:?usage: azurite-stop.sh AZ_DIR AZ_PID}
case "$D" in /tmp/azuritetest.*) ;; *) echo "azurite-stop.sh: $D is not an azurite-start.sh directory" >&2; exit 1 ;; esac
if kill "$PID" 2>/dev/null; then
  for _ in $(seq 1 20); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$PID" 2>/dev/null && kill -9 "$PID" 2>/dev/null
fi
rm -rf "$D"
