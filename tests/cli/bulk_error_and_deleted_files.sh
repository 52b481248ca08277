#!/usr/bin/env bash
# The manifest's `error` and `deleted` files (added by the proxy): each OperationOutcome line
# is dead-lettered as a read error with its file and line and the issues' severity, code and
# element path (never the diagnostics text); each `DELETE Type/id` entry of a deleted Bundle
# is carried to the target as a delete (here an ndjson target: its own deleted.ndjson, listed
# under `deleted` in its manifest) and counted as deleted; an entry that is not a DELETE is
# dead-lettered; every exported resource still arrives exactly once; exit 1.
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
{"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"DELETE","url":"Patient/gone-1"}},{"request":{"method":"DELETE","url":"Observation/gone-2"}},{"request":{"method":"GET","url":"Patient/not-a-delete"}}]}
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
want = [
  ("read", "$export error[0] OperationOutcome:1",
   "$export error file: the server could not export a resource (error, processing at Patient.name)"),
  ("read", "$export error[0] OperationOutcome:2",
   "$export error file: the server could not export a resource (error, too-costly)"),
  ("read", "$export deleted[0] Bundle:1",
   "$export deleted file: an entry that is not a request DELETE Type/id (request.method, request.url)"),
]
assert got == want, got
PY
python3 - out <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
lines = [json.loads(l) for l in (out / "deleted.ndjson").read_text().splitlines()]
urls = [(e["request"]["method"], e["request"]["url"]) for b in lines for e in b["entry"]]
assert all(b["resourceType"] == "Bundle" and b["type"] == "transaction" for b in lines), lines
assert urls == [("DELETE", "Patient/gone-1"), ("DELETE", "Observation/gone-2")], urls
manifest = json.loads((out / "manifest.json").read_text())
assert manifest["deleted"] == [{"type": "Bundle", "url": "deleted.ndjson", "count": len(lines)}], manifest
PY
expect_line "$ERR" "ferry: Patient: read 4 = written 2 + unchanged 0 + filtered 0 + dead-lettered 1 + deleted 1"
