# Helpers for the postgres CLI tests (tests/cli/postgres_*.sh). Sourced after lib.bash.
#
# Starts a throwaway PostgreSQL 15 server on 127.0.0.1 (tests/servers/pg-start.sh) and
# stops it on exit; skips the test (exit 0, "SKIP: ...") only when PostgreSQL 15 is not
# installed. Superuser `ferry` needs no password; other roles do (scram-sha-256).
PGBIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PGBIN/initdb" ]; then
  echo "SKIP: $PGBIN/initdb not found; install the Debian package postgresql-15"
  exit 0
fi
pg_env=$(PGBIN=$PGBIN "$FERRY_SOURCE_DIR/tests/servers/pg-start.sh") || fail "could not start PostgreSQL"
eval "$pg_env"
trap 'PGBIN=$PGBIN "$FERRY_SOURCE_DIR/tests/servers/pg-stop.sh" "$PGDIR"; rm -rf "$WORK"' EXIT

# psql_ferry DB ARGS... : psql as superuser ferry on database DB, stopping at the first error.
psql_ferry() {
  local db=$1; shift
  "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U ferry -d "$db" "$@"
}

# load_legacy_ehr DB : creates DB holding tests/cli/fixtures/legacy_ehr.sql.
load_legacy_ehr() {
  psql_ferry postgres -c "CREATE DATABASE $1"
  psql_ferry "$1" -f "$FERRY_SOURCE_DIR/tests/cli/fixtures/legacy_ehr.sql"
}

# legacy_plan FILE TARGET : a plan that reads database `ehr` with the legacy_ehr mapping
# into TARGET, a YAML flow mapping such as "{ adapter: ndjson, path: out }".
legacy_plan() {
  cat >"$1" <<PLAN
version: 1
name: $(basename "$1" .yaml)
source:
  adapter: postgres
  port: $PGPORT
  database: ehr
  user: ferry
  mapping: $FERRY_SOURCE_DIR/tests/cli/fixtures/legacy_ehr_mapping.yaml
  queries:
    encounters: >-
      SELECT enc_id, pat_id, enc_type,
        to_char(admit_dt AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS admit_at,
        to_char(disch_dt AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS disch_at
      FROM encounters ORDER BY enc_id
target: $2
options: { batch_size: 100 }
PLAN
}

# store_target DB : the target block of a postgres FHIR store in database DB.
store_target() { echo "{ adapter: postgres, port: $PGPORT, database: $1, user: ferry }"; }
