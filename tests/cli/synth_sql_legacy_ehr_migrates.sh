#!/usr/bin/env bash
# Acceptance (#4): `ferry synth --format sql` writes a "legacy EHR" database that loads into
# a real PostgreSQL 15 and migrates with the legacy mapping to the same patients,
# encounters and numeric observations as synth's own FHIR output; verify matches.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/postgres_lib.bash"
"$FERRY" synth --patients 30 --seed 5 --format fhir,sql --out pop -q
psql_ferry postgres -c "CREATE DATABASE ehr"
psql_ferry ehr -f pop/sql/legacy_ehr.sql
legacy_plan to-ndjson.yaml "{ adapter: ndjson, path: out }"
run_ferry 0 run to-ndjson.yaml
expect_line "$ERR" "ferry: Patient: read 30 = written 30 + unchanged 0 + filtered 0 + dead-lettered 0"
run_ferry 0 verify to-ndjson.yaml
expect_line "$ERR" "ferry: verify: source and target match"
python3 - pop/fhir out <<'PY'
import json, sys, pathlib
from collections import Counter
def load(d, t):
    return [json.loads(l) for l in open(pathlib.Path(d) / f"{t}.ndjson")]
synth, mapped = sys.argv[1], sys.argv[2]
def people(d):
    return Counter((p["name"][0]["family"], p["name"][0]["given"][0], p.get("birthDate"), p.get("gender"))
                   for p in load(d, "Patient"))
assert people(synth) == people(mapped), "patients differ"
def visits(d):
    return Counter((e["class"]["code"], e["period"]["start"], e["period"].get("end")) for e in load(d, "Encounter"))
assert visits(synth) == visits(mapped), "encounters differ"
def results(d):
    return Counter((o["code"]["coding"][0]["code"], o["valueQuantity"]["value"], o["valueQuantity"].get("unit"),
                    o["effectiveDateTime"][:10]) for o in load(d, "Observation") if "valueQuantity" in o)
s, m = results(synth), results(mapped)
assert sum(s.values()) > 300 and s == m, "observations differ"
PY
