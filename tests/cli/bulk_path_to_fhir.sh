#!/usr/bin/env bash
# Acceptance (issue 3), the bulk path: server A -> fhir-bulk -> NDJSON -> fhir -> server B.
# Every resource arrives on B exactly once with its id, references resolve on B, and
# `ferry verify` exits 0 for both legs.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"
fhir_tool() { python3 "$FERRY_SOURCE_DIR/tests/cli/fhir_tool.py" "$@"; }

start_fhir; B_BASE=$FHIR_BASE
start_fhir; A_BASE=$FHIR_BASE          # the proxy and load_population use the last one started
load_population 4 101
start_proxy proxy
bulk_plan export.yaml "$PROXY_BASE" "$WORK/export"
cat >upload.yaml <<PLAN
version: 1
name: upload
source: { adapter: ndjson, path: $WORK/export }
target: { adapter: fhir, base_url: '$B_BASE', batch_size: 40 }
PLAN
run_ferry 0 run export.yaml
run_ferry 0 run upload.yaml

fhir_tool counts "$A_BASE" >on-a.txt
fhir_tool counts "$B_BASE" >on-b.txt
[ "$(wc -l <on-a.txt)" -ge 5 ] || fail "too few types on A: $(cat on-a.txt)"
diff on-a.txt on-b.txt || fail "server B does not hold A's data exactly once"
for type in $(cut -d' ' -f1 on-a.txt); do
  diff <(fhir_tool ids "$A_BASE" "$type") <(fhir_tool ids "$B_BASE" "$type") >/dev/null || fail "ids of $type differ on B"
done
refs=$(fhir_tool refs "$B_BASE")
[[ "$refs" =~ ^references\ [1-9][0-9]*\ unresolved\ 0$ ]] || fail "references on B: $refs"
run_ferry 0 verify upload.yaml
run_ferry 0 verify export.yaml
[ "$(count_of proxy.counts.json kickoffs)" = 2 ] || fail "expected one export for the run and one for verify"
