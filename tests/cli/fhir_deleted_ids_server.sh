#!/usr/bin/env bash
# Deletes into a FHIR server under `ids: server`: the server gave its own ids, so a delete
# of a source id goes to the id the crosswalk recorded for it (a DELETE entry in a batch
# Bundle); the other resources stay, verify exits 0 through the crosswalk; a delete of an
# id ferry never wrote there is no error.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/fhir_lib.bash"
start_fhir D
mkdir in
for id in p1 p2 p3; do echo "{\"resourceType\":\"Patient\",\"id\":\"$id\",\"gender\":\"female\"}"; done >in/Patient.ndjson
fhir_plan plan.yaml "{ adapter: ndjson, path: in }" "{ adapter: fhir, base_url: '$D_BASE', ids: server }"
run_ferry 0 run plan.yaml
fhir_tool ids "$D_BASE" Patient >before.txt
[ "$(wc -l <before.txt)" = 3 ] && ! grep -qx 'p[123]' before.txt || fail "the server did not assign its own ids"

grep -v '"p2"' in/Patient.ndjson >in/kept && mv in/kept in/Patient.ndjson
echo '{"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"DELETE","url":"Patient/p2"}},{"request":{"method":"DELETE","url":"Patient/never-written"}}]}' \
  >in/deleted.ndjson
run_ferry 0 run plan.yaml
expect_line "$ERR" "ferry: Patient: read 4 = written 0 + unchanged 2 + filtered 0 + dead-lettered 0 + deleted 2"
fhir_tool ids "$D_BASE" Patient >after.txt
[ "$(comm -23 before.txt after.txt | wc -l)" = 1 ] && [ "$(wc -l <after.txt)" = 2 ] ||
  fail "exactly one Patient (p2's server id) should be gone: $(cat after.txt)"
run_ferry 0 verify plan.yaml
