#!/usr/bin/env bash
# What `ferry plan --references` says a `fhir` target with `ids: server` will do is what
# the run does against the real test server: the resources it reports with missing,
# urn:uuid and unmatched conditional references are exactly the ones dead-lettered (same
# locations), so is whatever refers to one of them, and the one with an absolute
# reference is written unchanged.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/fhir_lib.bash"
start_fhir B
"$FERRY" synth --patients 2 --seed 5 --format fhir --out synth -q && mv synth/fhir data
# Nothing in the synthetic data refers to an Observation or an Immunization, so breaking
# their references dead-letters them alone; many resources refer to the last Encounter.
python3 - <<'PY' >edits.txt
import json
def edit(name, changes):
    path = f"data/{name}.ndjson"
    rows = [json.loads(l) for l in open(path)]
    for index, change in changes.items(): change(rows[index])
    print(f"{name}.ndjson: {len(rows)} lines")
    with open(path, "w") as f:
        for r in rows: f.write(json.dumps(r, separators=(",", ":")) + "\n")
def subject(text): return lambda r: r.__setitem__("subject", {"reference": text})
edit("Observation", {
    1: subject("Patient/0badc0de-0000-4000-8000-000000000001"),         # missing
    4: subject("urn:uuid:0badc0de-0000-4000-8000-000000000002"),        # urn
    6: subject("https://elsewhere.example/fhir/Patient/0badc0de-3"),   # absolute
})
edit("Encounter", {
    -1: subject("Patient/0badc0de-0000-4000-8000-000000000005"),        # missing, referred to
})
edit("Immunization", {
    2: lambda r: r.__setitem__("patient", {"reference": "Patient?identifier=urn:oid:1.2.3|0badc0de-4"}),
})
PY
expect_line edits.txt "Encounter.ndjson: 16 lines"
fhir_plan plan.yaml "{ adapter: ndjson, path: data }" "{ adapter: fhir, base_url: '$B_BASE', ids: server }"

run_ferry 0 plan plan.yaml --references --report refs.json
cat "$OUT" "$ERR" >all.txt
expect_line "$OUT" "  Observation.subject -> Patient: 1 missing, first at Observation.ndjson:2"
expect_line "$OUT" "  Observation.subject -> ?: 1 urn, first at Observation.ndjson:5"
expect_line "$OUT" "  Observation.subject -> Patient: 1 absolute, first at Observation.ndjson:7"
expect_line "$OUT" "  Immunization.patient -> Patient: 1 conditional, first at Immunization.ndjson:3"
expect_line "$OUT" "  Encounter.subject -> Patient: 1 missing, first at Encounter.ndjson:16"
[ "$(grep -c ' -> .*, first at ' "$OUT")" = 5 ] || fail "expected 5 groups"
expect_line "$OUT" "  missing (no resource of that type and id in the data set): cannot be rewritten (ids: server): the referring resource is dead-lettered, and so is whatever refers to it"

# The report's dead-letter prediction: every kind whose consequence says so, and under
# ids: server whatever refers to the broken Encounter (found here from the data itself).
python3 - <<'PY' >predicted.txt
import json, pathlib
for g in json.load(open("refs.json"))["references"]["groups"]:
    if "dead-lettered" in g["at_target"]:
        print("\n".join(g["first_locations"]))
encounter = "Encounter/" + json.loads(open("data/Encounter.ndjson").readlines()[-1])["id"]
for path in sorted(pathlib.Path("data").glob("*.ndjson")):
    for number, line in enumerate(open(path), 1):
        if f'"reference":"{encounter}"' in line: print(f"{path.name}:{number}")
PY
[ "$(wc -l <predicted.txt)" -gt 5 ] || fail "nothing refers to the broken Encounter"
run_ferry 1 run plan.yaml
cat "$OUT" "$ERR" >>all.txt
python3 -c '
import json
for line in open(".ferry/plan.dead.ndjson"): print(json.loads(line)["location"])' >dead.txt
diff <(sort -u predicted.txt) <(sort dead.txt) || fail "the dead-letter is not what plan --references predicted"
# The report's cascade counts those referrers of the Encounter that were not refused
# for their own missing or urn references.
python3 - <<'PY' || fail "the cascade in refs.json is not what was dead-lettered"
import json
r = json.load(open("refs.json"))["references"]
direct = {l for g in r["groups"] if g["kind"] in ("missing", "urn") for l in g["first_locations"]}
dead = {l.strip() for l in open("dead.txt")}
assert r["cascade_complete"], r
cascade = sum(c["count"] for c in r["cascade"])
assert cascade == len(dead - direct - {"Immunization.ndjson:3"}), (cascade, sorted(dead - direct))
assert all(l in dead for c in r["cascade"] for l in c["first_locations"]), r["cascade"]
PY
grep -q "^  refused with them (ids: server): [0-9]* more resources that refer to a refused one, directly or through others$" all.txt \
  || fail "no cascade line"
# The absolute reference was written as it was.
fhir_tool dump "$B_BASE" >on-b.ndjson
grep -q '"reference":"https://elsewhere.example/fhir/Patient/0badc0de-3"' on-b.ndjson \
  || fail "the resource with an absolute reference is not on the target unchanged"
if grep -q 0badc0de all.txt refs.json; then fail "an id was printed"; fi
echo ok
