#!/usr/bin/env bash
# SIGINT finishes the batch in flight, saves state and exits 130 with a hint; --resume
# continues to the end; a plain run of an unfinished plan is refused with a clear message.
source "$(dirname "$0")/lib.bash"
synth_csv 200 2 clinic
write_plan plan.yaml clinic/csv ndjson out
sed -i 's/batch_size: 100/batch_size: 10, concurrency: 1/' plan.yaml
"$FERRY" run plan.yaml >run.out 2>run.err & pid=$!
sleep 0.3
kill -INT "$pid"
status=0; wait "$pid" || status=$?
[ "$status" = 130 ] || { cat run.err; fail "SIGINT gave exit $status, expected 130"; }
expect_line run.err "ferry: stopped before the end; state saved. Continue with: ferry run --resume plan.yaml"
run_ferry 2 run plan.yaml
grep -q "did not finish (interrupted); run again with --resume" "$ERR" || fail "no resume hint"
run_ferry 0 run plan.yaml --resume
run_ferry 0 verify plan.yaml
read -r lines distinct < <(count_ids out)
[ "$lines" = "$distinct" ] || fail "$lines lines but $distinct distinct resources"
