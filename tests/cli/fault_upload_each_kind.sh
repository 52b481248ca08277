#!/usr/bin/env bash
# The fhir target through the fault proxy, once per fault kind (connection resets, 429
# storms with Retry-After, 503s, slow responses, truncated response bodies): server B ends
# with every resource exactly once, and the report counts the retries by kind.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"
fhir_tool() { python3 "$FERRY_SOURCE_DIR/tests/cli/fhir_tool.py" "$@"; }

start_fhir; A_BASE=$FHIR_BASE
load_population 3 121
bulk_plan export.yaml "$A_BASE" "$WORK/export"
run_ferry 0 run export.yaml
fhir_tool counts "$A_BASE" >on-a.txt
while IFS="|" read -r kind args retry; do
  start_fhir                               # a fresh server B for each kind
  start_proxy "$kind" --fault "$kind" $args
  rm -rf .ferry
  cat >upload.yaml <<PLAN
version: 1
name: upload
source: { adapter: ndjson, path: $WORK/export }
target: { adapter: fhir, base_url: '$PROXY_BASE', batch_size: 20 }
PLAN
  run_ferry 0 run upload.yaml --report "$kind.report.json"
  fhir_tool counts "$FHIR_BASE" >on-b.txt
  diff on-a.txt on-b.txt || fail "$kind: server B does not hold the data exactly once"
  [ "$(count_of "$kind.counts.json" "faults.$kind")" -gt 0 ] || fail "$kind: the proxy injected nothing"
  if [ "$retry" != "-" ]; then
    got=$(jq -r --arg k "$retry" '.retries[$k] // 0' "$kind.report.json")
    [ "$got" -gt 0 ] || { cat "$kind.report.json"; fail "$kind: no '$retry' retries in the report"; }
  fi
done <<'KINDS'
reset|--rate=0.3 --match=^POST|connection
429|--rate=0.2 --burst=3 --match=^POST|429
503|--rate=0.3 --match=^POST|503
slow|--rate=0.5 --delay-ms=300|-
truncate|--rate=0.3 --match=^POST|connection
KINDS
