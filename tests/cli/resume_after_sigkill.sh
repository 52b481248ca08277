#!/usr/bin/env bash
# Acceptance: SIGKILL at a random point, then --resume (repeatedly), ends with each
# resource exactly once in the target and `ferry verify` exits 0. Several rounds, for
# the ndjson target (append-only files, restored from the checkpoint) and the sqlite store.
source "$(dirname "$0")/lib.bash"
synth_csv 150 11 clinic
for target in ndjson sqlite; do
  for round in 1 2 3 4; do
    rm -rf out out.db .ferry
    write_plan plan.yaml clinic/csv "$target" "$([ $target = ndjson ] && echo out || echo out.db)"
    sed -i 's/batch_size: 100/batch_size: 40, concurrency: 2/' plan.yaml
    run_with_sigkills plan.yaml 0
    run_ferry 0 verify plan.yaml
    if [ "$target" = ndjson ]; then
      read -r lines distinct < <(count_ids out)
      [ "$lines" = "$distinct" ] || fail "round $round: $lines lines but $distinct distinct resources"
    fi
    echo "$target round $round: finished after $kills kills"
    total_kills=$((${total_kills:-0} + kills))
  done
done
[ "${total_kills:-0}" -gt 0 ] || fail "no run was killed: nothing was tested"
