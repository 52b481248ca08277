#!/usr/bin/env bash
# Acceptance (#4): ferry synth -> HL7 v2 messages -> ferry run (mappings/hl7v2.yaml) ->
# FHIR gives back the same patients (identifiers, names, birth dates, gender), encounters
# (class, status, period, patient) and observations (codes, values, units, times,
# patient, encounter) as synth's own FHIR output of the same population.
source "$(dirname "$0")/lib.bash"
"$FERRY" synth --patients 40 --seed 11 --format fhir,hl7v2 --out pop -q
cat > plan.yaml <<PLAN
version: 1
source: { adapter: hl7v2, path: pop/hl7v2, mapping: $FERRY_SOURCE_DIR/mappings/hl7v2.yaml }
target: { adapter: ndjson, path: out }
PLAN
run_ferry 0 run plan.yaml
python3 - pop/fhir out <<'PY'
import json, sys, pathlib
from datetime import datetime
from collections import Counter

def load(d, t):
    p = pathlib.Path(d) / f"{t}.ndjson"
    return [json.loads(l) for l in open(p)] if p.exists() else []

def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() if "T" in text else text

synth, mapped = sys.argv[1], sys.argv[2]

def by_type(ids, code):
    return {i["value"] for i in ids if any(c.get("code") == code for c in i.get("type", {}).get("coding", []))}

def patients(d):
    out = {}
    for p in load(d, "Patient"):
        mrn = by_type(p["identifier"], "MR")
        assert len(mrn) == 1, p["identifier"]
        names = sorted((n.get("use"), n.get("family"), tuple(n.get("given", [])), tuple(n.get("prefix", [])),
                        tuple(n.get("suffix", []))) for n in p["name"])
        out[p["id"]] = (mrn.pop(), frozenset(by_type(p["identifier"], "SS")), tuple(names),
                        p.get("birthDate"), p.get("gender"), p.get("deceasedDateTime", "")[:10])
    return out

def encounters(d, pats):
    out = {}
    for e in load(d, "Encounter"):
        pid = e["subject"]["reference"].split("/")[1]
        out[e["id"]] = (e["identifier"][0]["value"], pats[pid][0], e["class"]["code"], e["status"],
                        instant(e["period"]["start"]), instant(e["period"]["end"]))
    return out

def observations(d, pats, encs):
    out = Counter()
    for o in load(d, "Observation"):
        coding = o["code"]["coding"][0]
        q = o.get("valueQuantity")
        value = (q["value"], q.get("unit"), q.get("code")) if q else o.get("valueString")
        out[(pats[o["subject"]["reference"].split("/")[1]][0], encs[o["encounter"]["reference"].split("/")[1]][0],
             coding["system"], coding["code"], coding.get("display"), instant(o["effectiveDateTime"]), json.dumps(value))] += 1
    return out

sp, mp = patients(synth), patients(mapped)
assert len(sp) == 40 and sorted(sp.values()) == sorted(mp.values()), "patients differ"
se, me = encounters(synth, sp), encounters(mapped, mp)
assert len(se) > 100 and sorted(se.values()) == sorted(me.values()), "encounters differ"
so, mo = observations(synth, sp, se), observations(mapped, mp, me)
assert sum(so.values()) > 500 and so == mo, ("observations differ", list((so - mo).items())[:3], list((mo - so).items())[:3])
si = Counter((sp[i["patient"]["reference"].split("/")[1]][0], i["vaccineCode"]["coding"][0]["code"],
              i["occurrenceDateTime"][:10]) for i in load(synth, "Immunization"))
mi = Counter((mp[i["patient"]["reference"].split("/")[1]][0], i["vaccineCode"]["coding"][0]["code"],
              i["occurrenceDateTime"][:10]) for i in load(mapped, "Immunization"))
assert si == mi, "immunizations differ"
print(f"round trip: {len(sp)} patients, {len(se)} encounters, {sum(so.values())} observations, "
      f"{sum(si.values())} immunizations equal")
PY
