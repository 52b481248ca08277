#!/usr/bin/env bash
# Acceptance: reading a PostgreSQL source (server-side cursor, cursor `<stream>:<rows>`),
# SIGKILL at a random point, then --resume (repeatedly), ends with each resource exactly
# once in the target, for an NDJSON target and a PostgreSQL store; `ferry verify` exits 0.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/postgres_lib.bash"
load_legacy_ehr ehr
psql_ferry ehr -c "
  INSERT INTO patients SELECT 100000 + g, 'MRN-X' || g, 'Last' || g, 'First' || g,
    (ARRAY['M', 'F', 'U', NULL])[1 + g % 4], DATE '1940-01-01' + g % 25000, NULL
    FROM generate_series(1, 800) g;
  INSERT INTO encounters SELECT 100000 + g, 100001 + g % 800, (ARRAY['IP', 'OP', 'ER'])[1 + g % 3],
    TIMESTAMPTZ '2015-01-01 00:00+00' + g * interval '7 hours', NULL FROM generate_series(1, 1600) g;
  INSERT INTO observations SELECT 100000 + g, 100001 + g % 1600, 100001 + g % 800, '8867-4',
    'Heart rate', (50 + g % 70)::text, '/min', TIMESTAMP '2015-01-01' + g * interval '3 hours'
    FROM generate_series(1, 10000) g;"
expected=$((805 + 1606 + 10012 - 3))  # every row but the three bad results
for target in ndjson postgres; do
  for round in 1 2; do
    rm -rf out .ferry
    psql_ferry postgres -c "DROP DATABASE IF EXISTS fhir" -c "CREATE DATABASE fhir"
    if [ "$target" = ndjson ]; then legacy_plan plan.yaml "{ adapter: ndjson, path: out }"
    else legacy_plan plan.yaml "$(store_target fhir)"; fi
    sed -i 's/batch_size: 100/batch_size: 40, concurrency: 2/' plan.yaml
    run_with_sigkills plan.yaml 1  # finished when it exits 1: the three bad rows are dead-lettered
    run_ferry 0 verify plan.yaml
    if [ "$target" = ndjson ]; then
      read -r lines distinct < <(count_ids out)
    else
      lines=$(psql_ferry fhir -At -c "SELECT count(*) FROM fhir_resources")
      distinct=$lines  # the primary key keeps (type, id) unique
    fi
    [ "$lines $distinct" = "$expected $expected" ] ||
      fail "$target round $round: $lines resources ($distinct distinct), expected $expected"
    echo "$target round $round: finished after $kills kills"
    total_kills=$((${total_kills:-0} + kills))
  done
done
[ "${total_kills:-0}" -gt 0 ] || fail "no run was killed: nothing was tested"
