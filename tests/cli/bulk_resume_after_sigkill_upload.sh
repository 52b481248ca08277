#!/usr/bin/env bash
# The bulk path with SIGKILL during the upload: server A is exported (fhir-bulk -> NDJSON),
# then the NDJSON goes to server B through a proxy that holds each Bundle POST 300 ms; the
# upload is killed three times, 1.5 to 2.5 s into each run, and resumed to the end. B then
# holds every resource of A exactly once, and `ferry verify` exits 0.
# (The NDJSON comes from a server, as on the bulk path, because the test server normalises
# decimals: `78.0` is stored as `78`, which verify would count as a difference.)
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"
fhir_tool() { python3 "$FERRY_SOURCE_DIR/tests/cli/fhir_tool.py" "$@"; }

start_fhir; A_BASE=$FHIR_BASE
load_population 4 111
bulk_plan export.yaml "$A_BASE" "$WORK/export"
run_ferry 0 run export.yaml
start_fhir; B_BASE=$FHIR_BASE             # the proxy goes in front of the last one started
start_proxy proxy --fault slow --rate 1 --delay-ms 300 --match '^POST '
cat >upload.yaml <<PLAN
version: 1
name: upload
source: { adapter: ndjson, path: $WORK/export }
target: { adapter: fhir, base_url: '$PROXY_BASE', batch_size: 20, concurrency: 1 }
options: { batch_size: 20 }
PLAN
args=(run upload.yaml -q)
for kill_idx in 1 2 3; do
  "$FERRY" "${args[@]}" 2>"$ERR" & pid=$!
  sleep "$((1 + RANDOM % 2)).5"
  kill -9 "$pid" 2>/dev/null || fail "run $kill_idx ended before it was killed"
  wait "$pid" 2>/dev/null || true
  args=(run upload.yaml -q --resume)
done
[ "$(count_of proxy.counts.json forwarded)" -gt 3 ] || fail "nothing was uploaded before the kills"
run_ferry 0 run upload.yaml --resume
fhir_tool counts "$A_BASE" >on-a.txt
fhir_tool counts "$B_BASE" >on-b.txt
diff on-a.txt on-b.txt || fail "server B does not hold A's data exactly once after the kills"
run_ferry 0 verify upload.yaml
