#!/usr/bin/env bash
# Deletes into the PostgreSQL store: an ndjson directory whose deleted.ndjson deletes a
# resource the store holds (and one it never held) removes the row; the run counts both as
# deleted, verify exits 0, and a second run counts them as unchanged.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/postgres_lib.bash"
psql_ferry postgres -c "CREATE DATABASE fhir"
mkdir in
printf '%s\n' '{"resourceType":"Patient","id":"a1","gender":"female"}' \
  '{"resourceType":"Patient","id":"a2","gender":"male"}' '{"resourceType":"Patient","id":"a3","gender":"male"}' \
  > in/Patient.ndjson
cat > plan.yaml <<PLAN
version: 1
source: { adapter: ndjson, path: in }
target: $(store_target fhir)
PLAN
run_ferry 0 run plan.yaml
grep -v '"a2"' in/Patient.ndjson > in/kept && mv in/kept in/Patient.ndjson
echo '{"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"DELETE","url":"Patient/a2"}},{"request":{"method":"DELETE","url":"Patient/never"}}]}' \
  > in/deleted.ndjson
run_ferry 0 run plan.yaml
expect_line "$ERR" "ferry: Patient: read 4 = written 0 + unchanged 2 + filtered 0 + dead-lettered 0 + deleted 2"
[ "$(psql_ferry fhir -At -c "SELECT string_agg(id, ',' ORDER BY id) FROM fhir_resources")" = "a1,a3" ] ||
  fail "the store should hold a1 and a3"
run_ferry 0 verify plan.yaml
run_ferry 0 run plan.yaml
expect_line "$ERR" "ferry: Patient: read 4 = written 0 + unchanged 4 + filtered 0 + dead-lettered 0"
