#!/usr/bin/env bash
# fhir-bulk -> ndjson: a system-level $export of a real FHIR server lands in NDJSON with every
# resource exactly once; the job's status URL was stored, the job is deleted at the end, and
# `ferry verify` (which runs a new export) finds no difference.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"

start_fhir
load_population 6 11
start_proxy proxy
bulk_plan plan.yaml "$PROXY_BASE" "$WORK/out"
run_ferry 0 run plan.yaml --report report.json
total=$(same_resources "$WORK/population/fhir" "$WORK/out") || fail "not exactly once"
[ "$(jq .totals.written report.json)" = "$total" ] || fail "report: written != $total"
[ "$(jq .totals.balanced report.json)" = true ] || fail "report: not balanced"
[ "$(count_of proxy.counts.json kickoffs)" = 1 ] || fail "expected one kick-off"
[ "$(count_of proxy.counts.json job_deletes)" = 1 ] || fail "expected the job deleted once"
[ "$(count_of proxy.counts.json downloads)" -ge 3 ] || fail "expected one download per type"
expect_line "$ERR" 'ferry: bulk export in progress (x_progress="in progress")'

run_ferry 0 verify plan.yaml
[ "$(count_of proxy.counts.json kickoffs)" = 2 ] || fail "verify should export again"
