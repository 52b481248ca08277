#!/usr/bin/env bash
# The example plans in plans/ work as shipped: the demo (CSV -> embedded store), CSV ->
# NDJSON, then that NDJSON -> store, and the HL7 v2 archive -> NDJSON; each verifies.
source "$(dirname "$0")/lib.bash"
cp -r "$FERRY_SOURCE_DIR/plans" plans
mkdir mappings && cp "$FERRY_SOURCE_DIR/mappings/synthea-csv.yaml" mappings/
rm -rf plans/.ferry
for plan in demo csv-to-ndjson ndjson-to-sqlite; do
  run_ferry 0 validate "plans/$plan.yaml"
  run_ferry 0 run "plans/$plan.yaml"
  run_ferry 0 verify "plans/$plan.yaml"
done
# The HL7 v2 archive plan, on the synthetic feed in plans/demo/hl7v2.
cp "$FERRY_SOURCE_DIR/mappings/hl7v2.yaml" mappings/
run_ferry 0 validate plans/hl7-to-ndjson.yaml
run_ferry 0 run plans/hl7-to-ndjson.yaml
expect_line "$ERR" "ferry: Patient: read 424 = written 20 + unchanged 404 + filtered 0 + dead-lettered 0"
run_ferry 0 verify plans/hl7-to-ndjson.yaml
run_ferry 0 plan plans/demo.yaml
grep -q '^stream patients: 50 records' "$OUT" || { cat "$OUT"; fail "plan does not count the demo's patients"; }
