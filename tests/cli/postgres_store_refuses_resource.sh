#!/usr/bin/env bash
# Acceptance: a resource the PostgreSQL store refuses (jsonb cannot hold \u0000) is
# dead-lettered at stage `write` with the server's reason and nothing quoted from the
# data; the rest of its batch is written; verify then names the missing id (exit 4).
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/postgres_lib.bash"
psql_ferry postgres -c "CREATE DATABASE fhir"
mkdir in
printf '%s\n' '{"resourceType":"Patient","id":"a1","gender":"female"}' \
  '{"resourceType":"Patient","id":"a2","name":[{"family":"Canary\u0000Name"}]}' \
  '{"resourceType":"Patient","id":"a3","gender":"male"}' > in/Patient.ndjson
cat > plan.yaml <<PLAN
version: 1
source: { adapter: ndjson, path: in }
target: $(store_target fhir)
PLAN
run_ferry 1 run plan.yaml
expect_line "$ERR" "ferry: Patient: read 3 = written 2 + unchanged 0 + filtered 0 + dead-lettered 1"
python3 - .ferry/plan.dead.ndjson <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
got = [(r["stage"], r["location"], r["error"]) for r in rows]
assert got == [("write", "Patient.ndjson:2",
                "PostgreSQL refused the resource: unsupported Unicode escape sequence (SQLSTATE 22P05)")], got
PY
[ "$(psql_ferry fhir -At -c "SELECT string_agg(id, ',' ORDER BY id) FROM fhir_resources")" = "a1,a3" ] ||
  fail "the store should hold a1 and a3"
run_ferry 4 verify plan.yaml
expect_line "$OUT" "  missing Patient/a2"
if grep -i canary "$OUT" "$ERR"; then fail "a value was printed"; fi
