# Helpers for the fhir CLI tests (tests/cli/fhir_*.sh). Sourced after lib.bash.
#
# start_fhir NAME [ENV=VALUE...] : starts a FHIR test server (tests/servers/fhir-start.sh:
# Medplum's engine in memory on 127.0.0.1, port picked free) and sets ${NAME}_BASE; every
# server is stopped on exit. fhir_tool runs tests/cli/fhir_tool.py (reads a server back).
FHIR_DIRS=()
stop_fhir_servers() {
  for dir in "${FHIR_DIRS[@]}"; do "$FERRY_SOURCE_DIR/tests/servers/fhir-stop.sh" "$dir" || true; done
  rm -rf "$WORK"
}
trap stop_fhir_servers EXIT

start_fhir() {
  local name=$1; shift
  env "$@" "$FERRY_SOURCE_DIR/tests/servers/fhir-start.sh" >"$WORK/$name.env" || fail "could not start the FHIR test server"
  read_fhir_env "$name"
}

# start_fhir_servers NAME... : starts several servers at once (start-up is mostly CPU-bound indexing).
start_fhir_servers() {
  local name pids=()
  for name in "$@"; do "$FERRY_SOURCE_DIR/tests/servers/fhir-start.sh" >"$WORK/$name.env" & pids+=($!); done
  local status=0 pid
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
  for name in "$@"; do read_fhir_env "$name"; done
  [ "$status" = 0 ] || fail "could not start the FHIR test servers"
}

read_fhir_env() {
  local dir base
  dir=$(sed -n 's/^FHIR_DIR=//p' "$WORK/$1.env")
  base=$(sed -n 's/^FHIR_BASE=//p' "$WORK/$1.env")
  [ -n "$dir" ] || return 0
  FHIR_DIRS+=("$dir")
  printf -v "${1}_BASE" '%s' "$base"
  printf -v "${1}_LOG" '%s' "$dir/server.log"
}

fhir_tool() { python3 "$FERRY_SOURCE_DIR/tests/cli/fhir_tool.py" "$@"; }

# fhir_plan FILE SOURCE_BLOCK TARGET_BLOCK [EXTRA] : a plan with the given flow-mapping blocks.
fhir_plan() {
  cat >"$1" <<PLAN
version: 1
name: $(basename "$1" .yaml)
source: $2
target: $3
${4:-}
PLAN
}
