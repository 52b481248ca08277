#!/usr/bin/env bash
# Acceptance: a legacy EHR schema in PostgreSQL (NULLs, non-ASCII text, three results that
# are not numbers) migrates to NDJSON and to a PostgreSQL FHIR store: the three bad rows
# are dead-lettered (exit 1), `ferry verify` matches, a re-run writes nothing, and both
# targets hold byte-identical resources.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/postgres_lib.bash"
load_legacy_ehr ehr
psql_ferry postgres -c "CREATE DATABASE fhir"
legacy_plan to-ndjson.yaml "{ adapter: ndjson, path: out }"
legacy_plan to-store.yaml "$(store_target fhir)"

run_ferry 0 plan to-store.yaml
expect_line "$OUT" "stream patients: 5 records"
expect_line "$OUT" "stream encounters: 6 records"
expect_line "$OUT" "stream observations: 12 records"
for plan in to-ndjson.yaml to-store.yaml; do
  run_ferry 1 run "$plan"
  expect_line "$ERR" "ferry: Patient: read 5 = written 5 + unchanged 0 + filtered 0 + dead-lettered 0"
  expect_line "$ERR" "ferry: Encounter: read 6 = written 6 + unchanged 0 + filtered 0 + dead-lettered 0"
  expect_line "$ERR" "ferry: Observation: read 12 = written 9 + unchanged 0 + filtered 0 + dead-lettered 3"
  run_ferry 0 verify "$plan"
  expect_line "$ERR" "ferry: verify: source and target match"
  run_ferry 1 run "$plan" --report again.json
  python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['totals']; assert (t['written'], t['unchanged'], t['dead_lettered']) == (0, 20, 3), t" again.json
done

read -r lines distinct < <(count_ids out)
[ "$lines $distinct" = "20 20" ] || fail "ndjson target has $lines lines, $distinct distinct resources"
cat out/*.ndjson | sort > from-ndjson.txt
psql_ferry fhir -At -c "SELECT resource_text FROM fhir_resources" | sort > from-store.txt
cmp -s from-ndjson.txt from-store.txt || fail "the store's resource_text differs from the NDJSON"
grep -q '"family":"Núñez","given":\["Zoë"\]' from-store.txt || fail "non-ASCII name not kept"
grep -q '"value":36.60,' from-store.txt || fail "decimal text 36.60 not kept"
check=$(psql_ferry fhir -At -c "SELECT count(*), max(version_id),
  bool_and(digest = encode(sha256(convert_to(resource_text, 'UTF8')), 'hex')),
  bool_and(resource = resource_text::jsonb AND resource->>'id' = id) FROM fhir_resources")
[ "$check" = "20|1|t|t" ] || fail "store rows: $check (want 20 rows, version 1, digests and jsonb right)"
