#!/usr/bin/env bash
# 409/412 conflicts on upload: the fault proxy refuses a share of the resources with
# "409 Conflict" or "412 Precondition Failed" (an OperationOutcome, the server never sees
# them) the first two times each is written: as entries of batch Bundles, then as whole
# transaction Bundles. Ferry sends them again with backoff: the run exits 0, server B holds
# every resource exactly once, and the report counts one "409"/"412" retry per refusal.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"
fhir_tool() { python3 "$FERRY_SOURCE_DIR/tests/cli/fhir_tool.py" "$@"; }

"$FERRY" synth --patients 3 --seed 141 --format fhir --out population -q
for f in population/fhir/*.ndjson; do echo "$(basename "$f" .ndjson) $(wc -l <"$f")"; done | sort >expected.txt
while IFS="|" read -r name bundle; do
  start_fhir                               # a fresh server B for each Bundle kind
  start_proxy "$name" --fault 409,412 --rate 0.3 --conflicts 2 --match '^POST '
  rm -rf .ferry
  cat >upload.yaml <<PLAN
version: 1
name: upload
source: { adapter: ndjson, path: $WORK/population/fhir }
target: { adapter: fhir, base_url: '$PROXY_BASE', bundle: $bundle, batch_size: 10 }
PLAN
  run_ferry 0 run upload.yaml --report "$name.report.json"
  fhir_tool counts "$FHIR_BASE" | sort >on-b.txt
  diff expected.txt on-b.txt || fail "$name: server B does not hold every resource exactly once"
  for kind in 409 412; do
    injected=$(count_of "$name.counts.json" "faults.$kind")
    counted=$(jq -r --arg k "$kind" '.retries[$k] // 0' "$name.report.json")
    [ "$injected" -gt 0 ] || fail "$name: the proxy injected no $kind"
    [ "$counted" = "$injected" ] || { cat "$name.report.json"; fail "$name: $injected $kind conflicts injected, report counts $counted retries"; }
  done
  [ "$(jq .totals.dead_lettered "$name.report.json")" = 0 ] || fail "$name: something was dead-lettered"
done <<'KINDS'
batch|batch
transaction|transaction
KINDS
