#!/usr/bin/env bash
# State, dead-letter, report and store files hold or describe health records: mode 0600.
source "$(dirname "$0")/lib.bash"
synth_csv 5 1 clinic
printf 'not,a,valid\n' >> clinic/csv/patients.csv   # one row that cannot be read -> a dead-letter file
write_plan plan.yaml clinic/csv sqlite store.db
run_ferry 1 run plan.yaml --report report.json --junit junit.xml --summary-md summary.md
for f in store.db .ferry/plan.state.db .ferry/plan.dead.ndjson report.json junit.xml summary.md; do
  mode=$(stat -c %a "$f")
  [ "$mode" = 600 ] || fail "$f has mode $mode, expected 600"
done
