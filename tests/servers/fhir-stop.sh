#!/usr/bin/env bash
# fhir-stop.sh FHIR_DIR -- stops a server started by fhir-start.sh (SIGTERM, then SIGKILL after
# 5 s: a long conditional batch can keep node busy) and removes its temp dir.
set -euo pipefail
FHIR_DIR=${1:?usage: fhir-stop.sh FHIR_DIR}
case "$FHIR_DIR" in /tmp/fhirtest.*) ;; *) echo "fhir-stop.sh: $FHIR_DIR is not a fhir-start.sh directory" >&2; exit 1 ;; esac
if [ -f "$FHIR_DIR/pid" ]; then
  pid=$(cat "$FHIR_DIR/pid")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -9 "$pid" 2>/dev/null || true
  fi
fi
rm -rf "$FHIR_DIR"
