#!/usr/bin/env bash
# A conditional reference (`Patient?identifier=system|value`) is looked up on the target
# (POST _search, so the identifier never appears in a URL or the -vv trace) and rewritten
# to the one resource it matches; one that matches nothing is dead-lettered (exit 1).
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/fhir_lib.bash"
start_fhir B
mkdir data
cat >data/Patient.ndjson <<'NDJSON'
{"resourceType":"Patient","id":"p1","identifier":[{"system":"urn:mrn","value":"mrn-4711"}]}
NDJSON
cat >data/Observation.ndjson <<'NDJSON'
{"resourceType":"Observation","id":"o1","status":"final","code":{"text":"hr"},"subject":{"reference":"Patient?identifier=urn:mrn|mrn-4711"}}
{"resourceType":"Observation","id":"o2","status":"final","code":{"text":"hr"},"subject":{"reference":"Patient?identifier=urn:mrn|mrn-0000"}}
NDJSON
fhir_plan up.yaml "{ adapter: ndjson, path: data }" "{ adapter: fhir, base_url: '$B_BASE' }" "resources: [Patient]"
run_ferry 0 run up.yaml
fhir_plan obs.yaml "{ adapter: ndjson, path: data }" "{ adapter: fhir, base_url: '$B_BASE' }" "resources: [Observation]"
run_ferry 1 -vv run obs.yaml
expect_line "$ERR" "ferry: Observation: read 2 = written 1 + unchanged 0 + filtered 0 + dead-lettered 1"
grep -q "mrn-" "$OUT" "$ERR" && fail "an identifier value reached the output"
grep -q "conditional reference to Patient matches no single resource on the target" .ferry/obs.dead.ndjson ||
  fail "the unmatched conditional reference is not explained"
python3 - "$B_BASE" <<'PY'
import json, sys, urllib.request
o = json.load(urllib.request.urlopen(sys.argv[1] + "/Observation/o1"))
assert o["subject"]["reference"] == "Patient/p1", o["subject"]
PY
