#!/usr/bin/env bash
# 409/412 conflicts that never clear: every entry that carries one patient's id (the Patient
# and what references it) is refused with 409 or 412 however often it is sent. After
# `conflict_retries` resends those records are dead-lettered with their HTTP status, the
# others are on the server exactly once, the accounting balances, and the run exits 1.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"
fhir_tool() { python3 "$FERRY_SOURCE_DIR/tests/cli/fhir_tool.py" "$@"; }

"$FERRY" synth --patients 3 --seed 143 --format fhir --out population -q
patient=$(head -1 population/fhir/Patient.ndjson | jq -r .id)
start_fhir
start_proxy proxy --fault 409,412 --never-clear --match '^POST ' --match-body "$patient"
cat >upload.yaml <<PLAN
version: 1
name: upload
source: { adapter: ndjson, path: $WORK/population/fhir }
target: { adapter: fhir, base_url: '$PROXY_BASE', batch_size: 20, conflict_retries: 2 }
PLAN
run_ferry 1 run upload.yaml --report report.json
dead=$(jq .totals.dead_lettered report.json)
written=$(jq .totals.written report.json)
[ "$(jq .totals.balanced report.json)" = true ] || fail "the accounting does not balance"
expected_dead=$(cat population/fhir/*.ndjson | grep -c "$patient")
[ "$dead" = "$expected_dead" ] || fail "$dead dead-lettered, $expected_dead records carry the patient's id"
[ "$(wc -l <.ferry/upload.dead.ndjson)" = "$dead" ] || fail "dead-letter lines != dead-lettered count"
jq -e -s 'all(.[]; .stage == "write" and (.error | test("^HTTP (409|412): conflict")) and (.error | test("after 2 resends")))' \
  .ferry/upload.dead.ndjson >/dev/null || { head -3 .ferry/upload.dead.ndjson; fail "dead-letter entries do not carry the HTTP status"; }
for kind in 409 412; do
  n=$(jq -s --arg k "HTTP $kind" '[.[] | select(.error | startswith($k))] | length' .ferry/upload.dead.ndjson)
  [ "$n" -gt 0 ] || fail "no record dead-lettered with $kind"
  [ "$(jq -r --arg k "$kind" '.retries[$k] // 0' report.json)" = $((n * 2)) ] || { cat report.json; fail "$kind: the report does not count 2 resends per refused record"; }
  [ "$(count_of proxy.counts.json "faults.$kind")" = $((n * 3)) ] || fail "$kind: the proxy did not see each refused record 3 times"
done
on_b=$(fhir_tool counts "$FHIR_BASE" | awk '{n += $2} END {print n}')
[ "$on_b" = "$written" ] || fail "server holds $on_b resources, the report says $written written"
! fhir_tool ids "$FHIR_BASE" Patient | grep -qx "$patient" || fail "the refused patient reached the server"
