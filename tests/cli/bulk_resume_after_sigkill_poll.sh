#!/usr/bin/env bash
# SIGKILL while ferry polls a running $export job, then --resume: the saved status URL is
# used (no second kick-off), and every resource lands exactly once.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"

start_fhir
load_population 4 21
start_proxy proxy --hold-polls 6     # the job "runs" for 6 polls, 1 s apart
bulk_plan plan.yaml "$PROXY_BASE" "$WORK/out"
"$FERRY" run plan.yaml -q 2>"$ERR" & pid=$!
for _ in $(seq 1 200); do [ "$(count_of proxy.counts.json polls)" -ge 2 ] && break; sleep 0.05; done
[ "$(count_of proxy.counts.json polls)" -ge 2 ] || fail "ferry never polled"
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
cursor=$(sqlite3 .ferry/plan.state.db "SELECT source_cursor FROM checkpoint")
case "$cursor" in "bulk1 0:0:1 $PROXY_BASE/\$export-status/"*) ;; *) fail "status URL not stored: $cursor" ;; esac
[ ! -s "$WORK/out/Patient.ndjson" ] || fail "nothing should be written yet"

run_ferry 0 run plan.yaml --resume
expect_line "$ERR" "ferry: resuming the saved bulk export job (file=0, line=1)"
[ "$(count_of proxy.counts.json kickoffs)" = 1 ] || fail "a second export was started"
same_resources "$WORK/population/fhir" "$WORK/out" >/dev/null || fail "not exactly once"
[ "$(count_of proxy.counts.json job_deletes)" = 1 ] || fail "expected the job deleted once"
