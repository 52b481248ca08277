#!/usr/bin/env bash
# Acceptance: a PostgreSQL source refuses, with exit 2 and a message naming the plan line,
# the stream and the fix: a table that does not exist, a table without a primary key
# (no stable order to resume by), a query without ORDER BY, a query the server refuses
# (no such table), a statement that is not a SELECT, and an unknown sslmode. A good
# plan's `ferry plan` counts the rows and lists the columns no rule reads.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/postgres_lib.bash"
load_legacy_ehr ehr
psql_ferry ehr -c "CREATE TABLE notes (txt text)"
# plan STREAM [EXTRA_SOURCE_LINE] : plan.yaml reading STREAM to NDJSON.
plan() {
  cat > map.yaml <<MAP
mapping: one
version: 1
system: urn:ferry:test
rules:
  - { from: $1, to: Patient, set: { gender: unknown } }
MAP
  cat > plan.yaml <<PLAN
version: 1
source:
  adapter: postgres
  port: $PGPORT
  database: ehr
  user: ferry
  mapping: map.yaml
  ${2:-}
target: { adapter: ndjson, path: out }
PLAN
}
at="postgres source 127.0.0.1:$PGPORT/ehr"
plan patient
run_ferry 2 run plan.yaml
expect_line "$ERR" "ferry: error: plan.yaml:3:3: $at: stream 'patient': there is no table \"public\".\"patient\"; name an existing table, or give the stream's SELECT (with an ORDER BY) under \`queries\`; did you mean 'patients'?"
plan notes
run_ferry 2 run plan.yaml
expect_line "$ERR" "ferry: error: plan.yaml:3:3: $at: stream 'notes': \"public\".\"notes\" has no primary key, so its rows have no stable order; give a SELECT with an ORDER BY on a unique key under \`queries\`"
plan notes "queries: { notes: 'SELECT txt FROM notes' }"
run_ferry 2 run plan.yaml
expect_line "$ERR" "ferry: error: plan.yaml:8:12: $at: stream 'notes': the query has no ORDER BY; --resume skips the rows already read, so the order must be the same every time: add an ORDER BY on a unique key"
plan notes "queries: { notes: 'SELECT txt FROM note ORDER BY txt;' }"
run_ferry 2 plan plan.yaml
expect_line "$ERR" "ferry: error: plan.yaml:8:12: $at: stream 'notes': relation \"note\" does not exist (SQLSTATE 42P01); give a SELECT with a stable ORDER BY under \`queries\`, or name a table"
plan notes "queries: { notes: 'DELETE FROM patients RETURNING pat_id ORDER BY 1' }"
run_ferry 2 run plan.yaml
expect_line "$ERR" "ferry: error: plan.yaml:8:12: $at: stream 'notes': syntax error at or near \"DELETE\" (SQLSTATE 42601); give a SELECT with a stable ORDER BY under \`queries\`, or name a table"
plan patients "sslmode: maybe"
run_ferry 2 run plan.yaml
expect_line "$ERR" "ferry: error: plan.yaml:8:12: postgres source: sslmode 'maybe' is not known; use one of disable, allow, prefer, require, verify-ca, verify-full"
[ "$(psql_ferry ehr -At -c "SELECT count(*) FROM patients")" = 5 ] || fail "the source was changed"
plan patients
run_ferry 0 plan plan.yaml
expect_line "$OUT" "stream patients: 5 records"
expect_line "$OUT" "  columns no rule reads: pat_id, mrn, last_name, first_name, sex, birth_dt, deceased"
