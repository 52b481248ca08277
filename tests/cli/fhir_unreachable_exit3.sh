#!/usr/bin/env bash
# A FHIR server that cannot be used at the start stops the run with exit 3 and a message
# naming the URL and the cause, before anything is written (no state, no dead-letter, no
# crosswalk, nothing on the server): the target, the fhir source and the fhir-bulk source
# each read [base]/metadata when opened. Cases: a port with nothing listening (connection
# refused), a wrong bearer token (401 at the proxy), a base_url that is not the FHIR base.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"
fhir_tool() { python3 "$FERRY_SOURCE_DIR/tests/cli/fhir_tool.py" "$@"; }

"$FERRY" synth --patients 2 --seed 151 --format fhir --out population -q
free_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
nothing="http://127.0.0.1:$free_port/fhir"

# expect_refusal NAME CAUSE_PATTERN URL : ferry run NAME.yaml exits 3, names URL/metadata and the cause, writes nothing.
expect_refusal() {
  rm -rf .ferry out
  run_ferry 3 run "$1.yaml"
  grep -qF "GET $3/metadata" "$ERR" || { cat "$ERR"; fail "$1: the message does not name $3/metadata"; }
  grep -qE "$2" "$ERR" || { cat "$ERR"; fail "$1: the message does not give the cause ($2)"; }
  [ -z "$(ls -A .ferry 2>/dev/null)" ] || { ls -la .ferry; fail "$1: state, dead-letter or crosswalk files were written"; }
  [ ! -e out ] || fail "$1: the target directory was created"
}

fhir_plan() {
  cat >"$1.yaml" <<PLAN
version: 1
name: $1
source: $2
target: $3
PLAN
}

fhir_plan upload "{ adapter: ndjson, path: $WORK/population/fhir }" "{ adapter: fhir, base_url: '$nothing' }"
expect_refusal upload "cannot reach the FHIR server: Couldn't connect" "$nothing"
fhir_plan search "{ adapter: fhir, base_url: '$nothing' }" "{ adapter: ndjson, path: $WORK/out }"
expect_refusal search "cannot reach the FHIR server: Couldn't connect" "$nothing"
fhir_plan export "{ adapter: fhir-bulk, base_url: '$nothing' }" "{ adapter: ndjson, path: $WORK/out }"
expect_refusal export "cannot reach the FHIR server: Couldn't connect" "$nothing"

start_fhir
fhir_plan wrongpath "{ adapter: ndjson, path: $WORK/population/fhir }" "{ adapter: fhir, base_url: 'http://127.0.0.1:$FHIR_PORT/nofhir' }"
expect_refusal wrongpath "HTTP 404; is base_url the FHIR base" "http://127.0.0.1:$FHIR_PORT/nofhir"

head -c 32 /dev/urandom >token.secret
start_proxy proxy --token-secret-file "$WORK/token.secret"
export WRONG_TOKEN=canary-wrong-token-7f3e
auth="auth: bearer, auth_token: 'env:WRONG_TOKEN'"
fhir_plan token_upload "{ adapter: ndjson, path: $WORK/population/fhir }" "{ adapter: fhir, base_url: '$PROXY_BASE', $auth }"
expect_refusal token_upload "refused the credentials \(HTTP 401\)" "$PROXY_BASE"
fhir_plan token_search "{ adapter: fhir, base_url: '$PROXY_BASE', $auth }" "{ adapter: ndjson, path: $WORK/out }"
expect_refusal token_search "refused the credentials \(HTTP 401\)" "$PROXY_BASE"
fhir_plan token_export "{ adapter: fhir-bulk, base_url: '$PROXY_BASE', $auth }" "{ adapter: ndjson, path: $WORK/out }"
expect_refusal token_export "refused the credentials \(HTTP 401\)" "$PROXY_BASE"
! grep -rqF "$WRONG_TOKEN" "$ERR" "$OUT" || fail "the token was printed"
[ "$(count_of proxy.counts.json forwarded)" = 0 ] || fail "a request with the wrong token reached the server"
[ -z "$(fhir_tool counts "$FHIR_BASE")" ] || fail "something was written to the server"
