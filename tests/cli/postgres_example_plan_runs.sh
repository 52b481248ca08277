#!/usr/bin/env bash
# The example plan plans/postgres-to-store.yaml works as shipped (only its port and role
# changed), with a role that logs in by password given as env:PGPASSWORD.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/postgres_lib.bash"
psql_ferry postgres -c "CREATE ROLE migrator LOGIN PASSWORD 'Example-Pw-5'"
load_legacy_ehr ehr
psql_ferry ehr -c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO migrator"
psql_ferry postgres -c "CREATE DATABASE fhir OWNER migrator"
mkdir -p plans tests/cli
cp "$FERRY_SOURCE_DIR/plans/postgres-to-store.yaml" plans/
cp -r "$FERRY_SOURCE_DIR/tests/cli/fixtures" tests/cli/
sed -i -e "s/^  port: 5432$/  port: $PGPORT/" -e "s/^  user: ferry$/  user: migrator/" plans/postgres-to-store.yaml
export PGPASSWORD=Example-Pw-5
run_ferry 0 validate plans/postgres-to-store.yaml
run_ferry 0 plan plans/postgres-to-store.yaml
expect_line "$OUT" "stream observations: 12 records"
run_ferry 1 run plans/postgres-to-store.yaml
expect_line "$ERR" "ferry: total: read 23 = written 20 + unchanged 0 + filtered 0 + dead-lettered 3"
run_ferry 0 verify plans/postgres-to-store.yaml
expect_line "$ERR" "ferry: verify: source and target match"
