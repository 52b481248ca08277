#!/usr/bin/env bash
# Acceptance: a wrong password for a PostgreSQL source or target exits 3 with a message
# that names host, port and database, and never shows the password (wrong or right);
# the right password works.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/postgres_lib.bash"
load_legacy_ehr ehr
psql_ferry ehr -c "CREATE ROLE clinic LOGIN PASSWORD 'Right-Canary-Pw-7'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO clinic"
cat > map.yaml <<'MAP'
mapping: mini
version: 1
system: urn:ferry:test
rules:
  - from: patients
    to: Patient
    key: pat_id
    set:
      gender: { col: sex, map: { M: male, F: female }, else: unknown }
MAP
cat > source.yaml <<PLAN
version: 1
source:
  adapter: postgres
  port: $PGPORT
  database: ehr
  user: clinic
  password: env:EHR_PASSWORD
  mapping: map.yaml
target: { adapter: ndjson, path: out }
PLAN
cat > target.yaml <<PLAN
version: 1
source: { adapter: ndjson, path: out }
target:
  adapter: postgres
  port: $PGPORT
  database: ehr
  user: clinic
  password: file:pw.txt
PLAN
export EHR_PASSWORD=Wrong-Canary-Pw-3
run_ferry 3 run source.yaml
expect_line "$ERR" "ferry: error: source.yaml:3:3: postgres source 127.0.0.1:$PGPORT/ehr: cannot connect as user 'clinic': connection to server at \"127.0.0.1\", port $PGPORT failed: FATAL: password authentication failed for user \"clinic\"; check host, port, database, user, password and sslmode"
run_ferry 3 plan source.yaml
EHR_PASSWORD=Right-Canary-Pw-7 run_ferry 0 run source.yaml
[ "$(wc -l < out/Patient.ndjson)" = 5 ] || fail "expected 5 patients with the right password"
printf 'Wrong-Canary-Pw-3\n' > pw.txt && chmod 600 pw.txt
run_ferry 3 run target.yaml
expect_line "$ERR" "ferry: error: target.yaml:4:3: postgres target 127.0.0.1:$PGPORT/ehr: cannot connect as user 'clinic': connection to server at \"127.0.0.1\", port $PGPORT failed: FATAL: password authentication failed for user \"clinic\"; check host, port, database, user, password and sslmode"
if grep -rn 'Canary-Pw' "$OUT" "$ERR" .ferry/*.json 2>/dev/null; then fail "a password was printed"; fi
