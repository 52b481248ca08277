# Helpers for the evaluate CLI tests (tests/cli/evaluate_*.sh). Sourced after lib.bash.

SCHEMA="$FERRY_SOURCE_DIR/core/evaluate/evaluate-report.schema.json"

# check_schema REPORT_JSON : the report is valid against its documented schema.
check_schema() {
  python3 "$FERRY_SOURCE_DIR/tests/tools/json_schema_check.py" "$SCHEMA" "$1" ||
    fail "$1 does not follow $SCHEMA"
}

# start_fhir : starts the FHIR test server; sets FHIR_BASE and FHIR_DIR (stop_fhir stops it).
start_fhir() {
  local env
  env=$("$FERRY_SOURCE_DIR/tests/servers/fhir-start.sh") || fail "could not start the FHIR test server"
  eval "$env"
}
stop_fhir() { [ -z "${FHIR_DIR:-}" ] || "$FERRY_SOURCE_DIR/tests/servers/fhir-stop.sh" "$FHIR_DIR"; }

# start_proxy UPSTREAM : starts tests/servers/rewriting-proxy.cjs in front of UPSTREAM;
# sets PROXY_BASE and PROXY_PID.
start_proxy() {
  node "$FERRY_SOURCE_DIR/tests/servers/rewriting-proxy.cjs" "$1" 0 >"$WORK/proxy.log" 2>&1 &
  PROXY_PID=$!
  for _ in $(seq 1 200); do
    PROXY_BASE=$(grep -o 'http://127.0.0.1:[0-9]*[^ ]*' "$WORK/proxy.log" 2>/dev/null | head -1) || true
    [ -n "$PROXY_BASE" ] && return 0
    sleep 0.05
  done
  cat "$WORK/proxy.log"; fail "the rewriting proxy did not start"
}
stop_proxy() { [ -z "${PROXY_PID:-}" ] || kill "$PROXY_PID" 2>/dev/null || true; }

# fhir_total BASE TYPE : how many TYPE resources the FHIR server at BASE holds.
fhir_total() {
  python3 - "$1" "$2" <<'PY'
import json, sys, urllib.request
with urllib.request.urlopen(f"{sys.argv[1]}/{sys.argv[2]}?_count=1000") as response:
    print(len(json.load(response).get("entry", [])))
PY
}
