#!/usr/bin/env bash
# fhir-bulk through the fault proxy, once per fault kind (connection resets, 429 storms with
# Retry-After, 503s, slow responses, truncated bodies): every run still ends with each
# resource exactly once, and the JSON report counts the retries by kind.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"

start_fhir
load_population 3 41
# kind, proxy arguments, the report's retry kind ("" = none expected)
while IFS="|" read -r kind args retry; do
  rm -rf "$WORK/out" .ferry
  start_proxy "$kind" --fault "$kind" $args
  bulk_plan plan.yaml "$PROXY_BASE" "$WORK/out"
  run_ferry 0 run plan.yaml --report "$kind.report.json"
  same_resources "$WORK/population/fhir" "$WORK/out" >/dev/null || fail "$kind: not exactly once"
  [ "$(count_of "$kind.counts.json" "faults.$kind")" -gt 0 ] || fail "$kind: the proxy injected nothing"
  if [ "$retry" != "-" ]; then
    got=$(jq -r --arg k "$retry" '.retries[$k] // 0' "$kind.report.json")
    [ "$got" -gt 0 ] || { cat "$kind.report.json"; fail "$kind: no '$retry' retries in the report"; }
  fi
done <<'KINDS'
reset|--rate=0.3|connection
429|--rate=0.2 --burst=3|429
503|--rate=0.3|503
slow|--rate=0.5 --delay-ms=300|-
truncate|--rate=0.3 --match=\$export-file/|partial-download
KINDS
