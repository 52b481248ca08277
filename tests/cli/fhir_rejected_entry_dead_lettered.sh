#!/usr/bin/env bash
# A resource the FHIR server refuses (its validation finds an error ferry's does not look
# for) is dead-lettered with the HTTP status and the element path from the server's
# OperationOutcome, never a value; the others are written; the run exits 1. In a
# transaction Bundle the refusal takes its whole Bundle down, and says so.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/fhir_lib.bash"
start_fhir_servers B C
mkdir data
cat >data/Patient.ndjson <<'NDJSON'
{"resourceType":"Patient","id":"ok1","name":[{"family":"Alpha"}]}
{"resourceType":"Patient","id":"bad1","name":[{"family":"Secretname"}],"contact":[{"gender":"female"}]}
{"resourceType":"Patient","id":"ok2","name":[{"family":"Beta"}]}
NDJSON
fhir_plan batch.yaml "{ adapter: ndjson, path: data }" "{ adapter: fhir, base_url: '$B_BASE' }"
run_ferry 1 run batch.yaml
expect_line "$ERR" "ferry: Patient: read 3 = written 2 + unchanged 0 + filtered 0 + dead-lettered 1"
[ "$(fhir_tool ids "$B_BASE" Patient | tr '\n' ' ')" = "ok1 ok2 " ] || fail "wrong Patients on the server"
python3 - .ferry/batch.dead.ndjson <<'PY'
import json, sys
entries = [json.loads(l) for l in open(sys.argv[1])]
assert len(entries) == 1, entries
text = json.dumps(entries[0])
error = entries[0]["error"]
assert error == "HTTP 400: invariant at Patient.contact[0]", error
assert "Secretname" not in error, error
PY
grep -q Secretname "$OUT" "$ERR" && fail "a value reached the output"


fhir_plan tx.yaml "{ adapter: ndjson, path: data }" "{ adapter: fhir, base_url: '$C_BASE', bundle: transaction }"
run_ferry 1 run tx.yaml
expect_line "$ERR" "ferry: Patient: read 3 = written 0 + unchanged 0 + filtered 0 + dead-lettered 3"
grep -q "whole transaction was refused" .ferry/tx.dead.ndjson || fail "the transaction failure is not explained"
[ -z "$(fhir_tool ids "$C_BASE" Patient)" ] || fail "a refused transaction left resources behind"
