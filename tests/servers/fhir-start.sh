#!/usr/bin/env bash
# fhir-start.sh [PORT] -- starts the FHIR R4 test server (tests/servers/fhir/fhir-server.cjs:
# Medplum's FHIR engine in memory behind a small Node wrapper) on 127.0.0.1, in a new temp dir.
#
# PORT defaults to 0 (the kernel picks a free one). Waits until the server is ready (up to 30 s).
# Environment passed through to the server: FHIR_VALIDATE, FHIR_TYPES, FHIR_MAX_COUNT, FHIR_LATENCY_MS, FHIR_LOG_REQUESTS,
# FHIR_BASE_PATH, FHIR_TLS_CERT + FHIR_TLS_KEY (HTTPS: FHIR_BASE is then https://), FHIR_LOG_HTTP_VERSION
# (see fhir-server.cjs).
#
# Prints, for `eval "$(tests/servers/fhir-start.sh)"`:
#   FHIR_DIR=/tmp/fhirtest.XXXXXX     temp dir holding server.log (give it to fhir-stop.sh)
#   FHIR_BASE=http://127.0.0.1:NNNNN/fhir   the FHIR base URL
#   FHIR_PORT=NNNNN                   the TCP port on 127.0.0.1
#   FHIR_PID=NNNN                     the node process id
# Stop with: tests/servers/fhir-stop.sh "$FHIR_DIR"
#
# Needs node >= 20.19 and `npm ci` run in tests/servers/fhir (scripts/setup does both checks).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PORT=${1:-0}
[ -d "$HERE/fhir/node_modules/@medplum/fhir-router" ] ||
  { echo "fhir-start.sh: $HERE/fhir/node_modules is missing; run scripts/setup (npm ci)" >&2; exit 1; }
FHIR_DIR=$(mktemp -d /tmp/fhirtest.XXXXXX)
(cd "$HERE/fhir" && exec node fhir-server.cjs "$PORT") >"$FHIR_DIR/server.log" 2>&1 </dev/null &
FHIR_PID=$!
echo "$FHIR_PID" >"$FHIR_DIR/pid"
for _ in $(seq 1 600); do
  if FHIR_BASE=$(grep -o 'https\?://127.0.0.1:[0-9]*/[^ ]*' "$FHIR_DIR/server.log" 2>/dev/null | head -1) &&
     [ -n "$FHIR_BASE" ]; then
    echo "FHIR_DIR=$FHIR_DIR"
    echo "FHIR_BASE=$FHIR_BASE"
    echo "FHIR_PORT=$(echo "$FHIR_BASE" | sed 's|https\?://127.0.0.1:\([0-9]*\).*|\1|')"
    echo "FHIR_PID=$FHIR_PID"
    exit 0
  fi
  kill -0 "$FHIR_PID" 2>/dev/null || break
  sleep 0.05
done
echo "fhir-start.sh: the server did not start; its log:" >&2
cat "$FHIR_DIR/server.log" >&2
kill "$FHIR_PID" 2>/dev/null || true
rm -rf "$FHIR_DIR"
exit 1
