#!/usr/bin/env bash
# SIGKILL while output files download (each held 2 s by the proxy), then --resume, again and
# again: the saved job is reused (one kick-off in all), nothing lost, nothing duplicated.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"

start_fhir
load_population 5 31
start_proxy proxy --fault slow --rate 1 --delay-ms 2000 --match '\$export-file/'
bulk_plan plan.yaml "$PROXY_BASE" "$WORK/out" "  concurrency: 2"
"$FERRY" run plan.yaml -q 2>"$ERR" & pid=$!
for _ in $(seq 1 300); do [ "$(count_of proxy.counts.json downloads)" -ge 1 ] && break; sleep 0.05; done
[ "$(count_of proxy.counts.json downloads)" -ge 1 ] || fail "no download started"
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
# Once more, after the first files are read and committed, then let it finish.
"$FERRY" run plan.yaml -q --resume 2>"$ERR" & pid=$!
for _ in $(seq 1 400); do
  sqlite3 .ferry/plan.state.db "SELECT source_cursor FROM checkpoint" 2>/dev/null | grep -q '^bulk1 [1-9]' && break
  sleep 0.05
done
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
run_ferry 0 run plan.yaml --resume
[ "$(count_of proxy.counts.json kickoffs)" = 1 ] || fail "a second export was started"
same_resources "$WORK/population/fhir" "$WORK/out" >/dev/null || fail "not exactly once"
