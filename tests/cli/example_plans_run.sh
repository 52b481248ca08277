#!/usr/bin/env bash
# The example plans in plans/ work as shipped: the demo (CSV -> embedded store), CSV ->
# NDJSON, then that NDJSON -> store; each verifies.
source "$(dirname "$0")/lib.bash"
cp -r "$FERRY_SOURCE_DIR/plans" plans
mkdir mappings && cp "$FERRY_SOURCE_DIR/mappings/synthea-csv.yaml" mappings/
rm -rf plans/.ferry
for plan in demo csv-to-ndjson ndjson-to-sqlite; do
  run_ferry 0 validate "plans/$plan.yaml"
  run_ferry 0 run "plans/$plan.yaml"
  run_ferry 0 verify "plans/$plan.yaml"
done
run_ferry 0 plan plans/demo.yaml
grep -q '^stream patients: 50 records' "$OUT" || { cat "$OUT"; fail "plan does not count the demo's patients"; }
