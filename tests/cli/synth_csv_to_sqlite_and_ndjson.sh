#!/usr/bin/env bash
# Acceptance: synth 200 patients, migrate CSV -> sqlite and CSV -> ndjson, both exit 0,
# verify exits 0, every written resource passed the validator (nothing dead-lettered),
# and a second run writes nothing new.
source "$(dirname "$0")/lib.bash"
synth_csv 200 7 clinic
write_plan to-sqlite.yaml clinic/csv sqlite store.db
write_plan to-ndjson.yaml clinic/csv ndjson out
for plan in to-sqlite.yaml to-ndjson.yaml; do
  run_ferry 0 run "$plan" --report "$plan.json"
  python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['totals']; assert t['written']>1000 and t['dead_lettered']==0 and t['balanced'], t" "$plan.json"
  run_ferry 0 verify "$plan"
  expect_line "$ERR" "ferry: verify: source and target match"
  run_ferry 0 run "$plan" --report "$plan.again.json"
  expect_line "$ERR" "ferry: nothing new to write: the target is up to date"
  python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['totals']; assert t['written']==0 and t['unchanged']==t['read']-t['filtered'], t" "$plan.again.json"
done
read -r lines distinct < <(count_ids out)
[ "$lines" = "$distinct" ] || fail "ndjson target has $lines lines but $distinct distinct ids"
[ -f out/manifest.json ] || fail "no manifest.json"
