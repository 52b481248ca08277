#!/usr/bin/env bash
# The manifest's `error` and `deleted` files (added by the proxy): each OperationOutcome line
# is dead-lettered as a read error with its file and line and the issues' severity, code and
# element path (never the diagnostics text); each deleted entry is dead-lettered as a delete
# ferry does not carry; every exported resource still arrives exactly once; exit 1.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"

start_fhir
load_population 2 141
mkdir extra
cat >extra/errors.ndjson <<'NDJSON'
{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"processing","diagnostics":"John Canary's record is locked","expression":["Patient.name"]}]}
{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"too-costly"}]}
NDJSON
cat >extra/deleted.ndjson <<'NDJSON'
{"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"DELETE","url":"Patient/gone-1"}},{"request":{"method":"DELETE","url":"Observation/gone-2"}}]}
NDJSON
echo '{"error":[{"type":"OperationOutcome","url":"errors.ndjson"}],"deleted":[{"type":"Bundle","url":"deleted.ndjson"}]}' >add.json
start_proxy proxy --manifest-add add.json --serve-dir "$WORK/extra"
bulk_plan plan.yaml "$PROXY_BASE" "$WORK/out"
run_ferry 1 run plan.yaml
same_resources "$WORK/population/fhir" "$WORK/out" >/dev/null || fail "not exactly once"
! grep -q "John Canary" "$ERR" "$OUT" || fail "the diagnostics text reached the output"
python3 - .ferry/plan.dead.ndjson <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
got = [(r["stage"], r["location"], r["error"]) for r in rows]
deleted = ("$export deleted entry: deleted on the source; ferry does not carry deletes to the target, "
           "the entry is kept here for replay")
want = [
  ("read", "$export error[0] OperationOutcome:1",
   "$export error file: the server could not export a resource (error, processing at Patient.name)"),
  ("read", "$export error[0] OperationOutcome:2",
   "$export error file: the server could not export a resource (error, too-costly)"),
  ("read", "$export deleted[0] Bundle:1", deleted),
  ("read", "$export deleted[0] Bundle:1", deleted),
]
assert got == want, got
PY
expect_line "$ERR" "ferry: Patient: read 3 = written 2 + unchanged 0 + filtered 0 + dead-lettered 1"
