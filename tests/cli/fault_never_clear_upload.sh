#!/usr/bin/env bash
# A fault that never clears on the upload side: every Bundle POST that carries one patient's
# id (the Patient itself and everything that references it) gets 503 however often it is
# retried. Those records are dead-lettered with the HTTP status, all the others are on the
# server exactly once, the accounting balances, and the run exits 1.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"
fhir_tool() { python3 "$FERRY_SOURCE_DIR/tests/cli/fhir_tool.py" "$@"; }

start_fhir; A_BASE=$FHIR_BASE
load_population 3 131
bulk_plan export.yaml "$A_BASE" "$WORK/export"
run_ferry 0 run export.yaml
patient=$(head -1 "$WORK/export/Patient.ndjson" | jq -r .id)
start_fhir
start_proxy proxy --fault 503 --never-clear --match '^POST ' --match-body "$patient"
cat >upload.yaml <<PLAN
version: 1
name: upload
source: { adapter: ndjson, path: $WORK/export }
target: { adapter: fhir, base_url: '$PROXY_BASE', batch_size: 20 }
PLAN
run_ferry 1 run upload.yaml --report report.json
dead=$(jq .totals.dead_lettered report.json)
written=$(jq .totals.written report.json)
[ "$dead" -gt 0 ] || fail "nothing was dead-lettered"
[ "$(jq .totals.balanced report.json)" = true ] || fail "the accounting does not balance"
[ "$(jq '.retries["503"]' report.json)" -gt 0 ] || fail "the report does not count the 503 retries"
[ "$(wc -l <.ferry/upload.dead.ndjson)" = "$dead" ] || fail "dead-letter lines != dead-lettered count"
jq -e -s 'all(.[]; .stage == "write" and (.error | test("HTTP 503")))' .ferry/upload.dead.ndjson >/dev/null ||
  { head -3 .ferry/upload.dead.ndjson; fail "dead-letter entries do not carry the HTTP status"; }
on_b=$(fhir_tool counts "$FHIR_BASE" | awk '{n += $2} END {print n}')
[ "$on_b" = "$written" ] || fail "server holds $on_b resources, the report says $written written"
! fhir_tool ids "$FHIR_BASE" Patient | grep -qx "$patient" || fail "the faulted patient reached the server"
