#!/usr/bin/env bash
# fhir source options: `patients` (patient compartment mode) reads one patient and only
# the resources whose `patient` search parameter names it; `search` adds a type's search
# params to its first page.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/fhir_lib.bash"
start_fhir A FHIR_LOG_REQUESTS=1
"$FERRY" synth --patients 4 --seed 21 --format fhir --out synth -q && mv synth/fhir data
fhir_tool load "$A_BASE" data
patient=$(fhir_tool ids "$A_BASE" Patient | sed -n 1p)

fhir_plan one.yaml "{ adapter: fhir, base_url: '$A_BASE', patients: ['$patient'] }" "{ adapter: ndjson, path: one }"
run_ferry 0 run one.yaml
python3 - "$A_BASE" "$patient" one <<'PY'
import json, pathlib, sys, urllib.request
base, patient, out = sys.argv[1:]
got = {}
for f in pathlib.Path(out).glob("*.ndjson"):
    for line in f.read_text().splitlines():
        r = json.loads(line); got.setdefault(r["resourceType"], set()).add(r["id"])
assert got.pop("Patient") == {patient}, "wrong patients"
assert got, "no compartment resources were read"
for type_, ids in got.items():
    bundle = json.load(urllib.request.urlopen(f"{base}/{type_}?_count=1000"))
    expected = {e["resource"]["id"] for e in bundle.get("entry", [])
                if f"Patient/{patient}" in json.dumps([e["resource"].get(k) for k in ("subject", "patient", "beneficiary")])}
    assert ids == expected, (type_, len(ids), len(expected))
PY

fhir_plan men.yaml "{ adapter: fhir, base_url: '$A_BASE', search: { Patient: gender=male } }" \
  "{ adapter: ndjson, path: men }" "resources: [Patient]"
run_ferry 0 run men.yaml
expected=$(python3 - "$A_BASE" <<'PY'
import json, sys, urllib.request
b = json.load(urllib.request.urlopen(sys.argv[1] + "/Patient?_count=1000"))
print(" ".join(sorted(e["resource"]["id"] for e in b["entry"] if e["resource"].get("gender") == "male")))
PY
)
got=$(cat men/*.ndjson 2>/dev/null | python3 -c 'import json,sys; print(" ".join(sorted(json.loads(l)["id"] for l in sys.stdin)))')
[ -n "$expected" ] || fail "the test data has no male patient"
[ "$got" = "$expected" ] || fail "search params: got [$got], expected [$expected]"
grep -q "REQ GET /fhir/Patient?_count=200&gender=male 200" "$A_LOG" || fail "the search params were not sent"
