#!/usr/bin/env bash
# `ferry plan --references` on an NDJSON data set with one reference of each dangling
# kind: exact counts per element path and kind, first locations in source order, what
# the target will do, the JSON report, exit 1 only with --strict-references, and no id
# or identifier value anywhere in the output.
source "$(dirname "$0")/lib.bash"
mkdir data
python3 - <<'PY'
import json
def obs(n, **refs):
    r = {"resourceType": "Observation", "id": f"obs-CANARY-{n}", "status": "final", "code": {"text": "t"}}
    r.update(refs)
    return r
ref = lambda text, **more: dict(reference=text, **more)
patients = [
    {"resourceType": "Patient", "id": "pat-CANARY-1",
     "identifier": [{"system": "http://hospital.example/mrn", "value": "MRN-CANARY-1"}]},
    {"resourceType": "Patient", "id": "5ca1ab1e-0000-4000-8000-00000000ca02"},
]
encounters = [  # no status: fails validation, so it is left out of the data set
    {"resourceType": "Encounter", "id": "enc-CANARY-bad", "class": {"code": "AMB"}},
]
observations = [
    obs(1, subject=ref("Patient/pat-CANARY-1")),                                        # resolves
    obs(2, subject=ref("Patient/gone-CANARY-9")),                                       # missing
    obs(3, subject=ref("urn:uuid:0badc0de-0000-4000-8000-00000000ca11")),               # urn
    obs(4, subject=ref("Patient?identifier=http://hospital.example/mrn|MRN-CANARY-1")), # resolves
    obs(5, subject=ref("Patient?identifier=http://hospital.example/mrn|MRN-CANARY-7")), # conditional
    obs(6, subject=ref("Patient/gone-CANARY-8")),                                       # missing
    obs(7, subject=ref("Patient/5ca1ab1e-0000-4000-8000-00000000ca02"),
        performer=[ref("https://elsewhere.example/fhir/Practitioner/doc-CANARY")]),     # absolute
    obs(8, subject=ref("urn:uuid:5ca1ab1e-0000-4000-8000-00000000ca02"), specimen=ref("#spec-CANARY")),        # urn resolves; contained
    obs(9, subject=ref("Patient/gone-CANARY-9")),                                       # missing
    obs(10, subject=ref("Patient/pat-CANARY-1"), encounter=ref("Encounter/enc-CANARY-bad")),  # left out
]
for name, rows in [("Patient", patients), ("Encounter", encounters), ("Observation", observations)]:
    with open(f"data/{name}.ndjson", "w") as f:
        for r in rows: f.write(json.dumps(r) + "\n")
PY
# Every run's output is kept for the final check that no id or value was printed.
checked_run() { run_ferry "$@"; cat "$OUT" "$ERR" >>all.txt; }
cat >plan.yaml <<PLAN
version: 1
name: refs
source: { adapter: ndjson, path: data }
target: { adapter: ndjson, path: out }
PLAN

checked_run 0 plan plan.yaml --references --report refs.json
expect_line "$OUT" "references: 13 references checked in 12 resources from 13 records; 8 point outside the data set"
expect_line "$OUT" "  (left out of the data set, failing mapping or validation: 1 resource)"
expect_line "$OUT" "  Observation.subject -> Patient: 3 missing, first at Observation.ndjson:2, Observation.ndjson:6, Observation.ndjson:9"
expect_line "$OUT" "  Observation.subject -> ?: 1 urn, first at Observation.ndjson:3"
expect_line "$OUT" "  Observation.subject -> Patient: 1 conditional, first at Observation.ndjson:5"
expect_line "$OUT" "  Observation.performer -> Practitioner: 1 absolute, first at Observation.ndjson:7"
expect_line "$OUT" "  Observation.specimen -> ?: 1 contained, first at Observation.ndjson:8"
expect_line "$OUT" "  Observation.encounter -> Encounter: 1 missing, first at Observation.ndjson:10"
[ "$(grep -c ' -> .*, first at ' "$OUT")" = 6 ] || fail "expected 6 groups"
expect_line "$OUT" "target ndjson:"
expect_line "$OUT" "  missing (no resource of that type and id in the data set): written unchanged (the ndjson target does not resolve references)"
[ ! -e out ] || fail "plan --references wrote to the target"

# The JSON report says the same.
python3 - <<'PY' || fail "refs.json does not match"
import json
r = json.load(open("refs.json"))["references"]
assert (r["records"], r["resources"], r["left_out"], r["checked"], r["dangling"]) == (13, 12, 1, 13, 8), r
g = {(x["element_path"], x["target_type"], x["kind"]): x for x in r["groups"]}
assert g[("Observation.subject", "Patient", "missing")]["count"] == 3
assert g[("Observation.subject", "Patient", "missing")]["first_locations"] == [
    "Observation.ndjson:2", "Observation.ndjson:6", "Observation.ndjson:9"]
assert g[("Observation.subject", "", "urn")]["source_type"] == "Observation"
assert set(k[2] for k in g) == {"missing", "urn", "conditional", "absolute", "contained"}, g.keys()
assert all(x["at_target"] for x in r["groups"])
PY

# --strict-references turns the findings into exit 1; --only narrows the data set.
checked_run 1 plan plan.yaml --references --strict-references
checked_run 0 plan plan.yaml --references --only Patient
expect_line "$OUT" "references: 0 references checked in 2 resources from 2 records; 0 point outside the data set"
checked_run 0 plan plan.yaml --references --strict-references --only Patient

# A fhir target with ids: server says what it will do with each kind (no server is contacted).
cat >server.yaml <<PLAN
version: 1
name: refs-server
source: { adapter: ndjson, path: data }
target: { adapter: fhir, base_url: "http://127.0.0.1:9/fhir", ids: server }
PLAN
checked_run 0 plan server.yaml --references --report server.json
expect_line "$OUT" "target fhir (ids: server):"
expect_line "$OUT" "  missing (no resource of that type and id in the data set): cannot be rewritten (ids: server): the referring resource is dead-lettered, and so is whatever refers to it"
expect_line "$OUT" "  urn (no resource with that id in the data set): cannot be rewritten: the referring resource is dead-lettered, and so is whatever refers to it"
expect_line "$OUT" "  absolute (an absolute URL: a resource on another server): written unchanged (it points at another server)"
grep -q "conditional (no resource of the data set has that identifier): searched on the target at write time" "$OUT" \
  || fail "no consequence for conditional references"

# Without --references, plan reads no more than before and says nothing of references.
checked_run 0 plan plan.yaml
grep -q "^references:" "$OUT" && fail "references checked without --references"
checked_run 2 plan plan.yaml --strict-references

# Never an id or an identifier value (PHI rule).
if grep -l "CANARY\|0badc0de\|5ca1ab1e\|MRN-" all.txt refs.json server.json; then fail "an id or value was printed"; fi
echo ok
