#!/usr/bin/env bash
# Acceptance: a text column holding values that are not numbers, mapped with
# `number: true`, dead-letters exactly those rows (stage, `<table>:<row>` location, reason,
# and the row with NULLs as null); the other rows are written; exit 1.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/postgres_lib.bash"
load_legacy_ehr ehr
legacy_plan plan.yaml "{ adapter: ndjson, path: out }"
run_ferry 1 run plan.yaml --only Observation
expect_line "$ERR" "ferry: Observation: read 12 = written 9 + unchanged 0 + filtered 0 + dead-lettered 3"
python3 - .ferry/plan.dead.ndjson <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
error = "observations->Observation: Observation.valueQuantity.value: column result_val is not a decimal"
got = [(r["stage"], r["location"], r["error"], r["record"]["obs_id"], r["record"]["result_val"]) for r in rows]
want = [
  ("map", "observations:3", error, "9003", "pending"),
  ("map", "observations:6", error, "9006", "<5"),
  ("map", "observations:9", error, "9009", "12,5"),
]
assert got == want, got
PY
[ "$(wc -l < out/Observation.ndjson)" = 9 ] || fail "expected 9 observations written"
grep -q '"value":36.60,' out/Observation.ndjson || fail "decimal text not kept"
