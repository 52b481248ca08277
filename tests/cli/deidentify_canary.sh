#!/usr/bin/env bash
# Acceptance: the Safe Harbor profile. A synthetic population (ferry synth) plus planted
# patients carrying known values of all 18 identifier kinds goes through a plan with
# `deidentify`; no planted value (nor any id, identifier, phone, or street of the synthetic
# patients) appears in any output file, report, log or the state; dates keep their
# per-patient intervals; every reference resolves; ages over 89 are grouped; the same key
# gives the same output, another key other pseudonyms.
source "$(dirname "$0")/lib.bash"
export FERRY_FIXED_TIME=2026-01-01T00:00:00.000Z
"$FERRY" synth --patients 25 --seed 21 --format fhir --out synth -q
mkdir in
cp synth/fhir/*.ndjson in/
python3 - in canaries.txt <<'PY'
import json, pathlib, sys
root, canary_file = pathlib.Path(sys.argv[1]), sys.argv[2]
canaries, out = [], {}
def add(rtype, resource): out.setdefault(rtype, []).append(resource)
def plant(*values):
    canaries.extend(values)
    return values[0]
for i in range(6):
    pid, eid = f"canary-pat-{i}", f"canary-enc-{i}"
    plant(pid, eid)
    old = i % 2 == 0   # every other one is over 89
    add("Patient", {"resourceType": "Patient", "id": pid,
        "text": {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">Zqfamily{i}</div>'},
        "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName",
                       "valueString": plant(f"Zqmaiden{i}")}],
        "identifier": [
            {"system": "http://hl7.org/fhir/sid/us-ssn", "value": plant(f"900-55-{i:04d}")},              # 7 SSN
            {"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]},
             "system": "urn:canary:mrn", "value": plant(f"MRN-ZQ-{i}")},                                 # 8 MRN
            {"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "DL"}]},
             "system": "urn:canary:dl", "value": plant(f"DL-ZQ-{i}")},                                   # 11 licence
            {"system": "urn:canary:vin", "value": plant(f"VIN-ZQ-{i}")}],                                # 12 vehicle
        "name": [{"family": plant(f"Zqfamily{i}"), "given": [plant(f"Zqgiven{i}")]}],                    # 1 names
        "telecom": [{"system": "phone", "value": plant(f"555-01{i:02d}")},                               # 4 phone
                    {"system": "fax", "value": plant(f"555-09{i:02d}")},                                 # 5 fax
                    {"system": "email", "value": plant(f"zq{i}@canary.example")},                        # 6 email
                    {"system": "url", "value": plant(f"https://zq{i}.canary.example/me")}],              # 14 URL
        "gender": "female",
        "birthDate": plant("1931-02-1%d" % i if old else "1984-07-2%d" % i),                             # 3 dates
        "address": [{"line": [plant(f"{i}7 Zqstreet Road")], "city": plant(f"Zqcity{i}"),               # 2 geography
                     "district": plant(f"Zqcounty{i}"), "state": "MA",
                     "postalCode": plant("0365%d" % i if i < 3 else "1234%d" % i), "country": "US"}],
        "photo": [{"contentType": "image/png", "data": plant(f"WlFQSE9UTz{i}=")}]})                       # 17 photo
    add("Encounter", {"resourceType": "Encounter", "id": eid, "status": "finished",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
        "subject": {"reference": f"Patient/{pid}", "display": f"Zqgiven{i} Zqfamily{i}"},
        "period": {"start": plant(f"2019-03-0{i+1}T13:57:{i}9Z"), "end": plant(f"2019-03-0{i+1}T14:41:{i}9Z")}})
    for k in range(2):
        oid = plant(f"canary-obs-{i}-{k}")
        add("Observation", {"resourceType": "Observation", "id": oid, "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "8302-2", "display": "Body Height"}]},
            "subject": {"reference": f"Patient/{pid}"}, "encounter": {"reference": f"Encounter/{eid}"},
            "effectiveDateTime": plant(f"2019-0{4+k}-1{i}T09:1{k}:{i}3Z"),
            "valueString": plant(f"biometric-iris-ZQ{i}{k}"),                                           # 16 biometric
            "note": [{"text": "seen from " + plant(f"10.77.{i}.{k+1}9")}]})                              # 15 IP
    add("Device", {"resourceType": "Device", "id": plant(f"canary-dev-{i}"),                             # 13 device
        "udiCarrier": [{"deviceIdentifier": plant(f"UDI-ZQ-{i}")}], "serialNumber": plant(f"SN-ZQ-{i}"),
        "patient": {"reference": f"Patient/{pid}"}})
    add("Coverage", {"resourceType": "Coverage", "id": plant(f"canary-cov-{i}"), "status": "active",      # 9 health plan
        "identifier": [{"value": plant(f"HPBN-ZQ-{i}")}], "subscriberId": plant(f"SUB-ZQ-{i}"),
        "beneficiary": {"reference": f"Patient/{pid}"}, "payor": [{"reference": f"Patient/{pid}"}]})
    add("Account", {"resourceType": "Account", "id": plant(f"canary-acc-{i}"), "status": "active",       # 10 account
        "identifier": [{"value": plant(f"ACCT-ZQ-{i}")}], "subject": [{"reference": f"Patient/{pid}"}],
        "description": "unique trait: " + plant(f"tattoo-ZQ-{i}")})                                     # 18 other
# The synthetic patients' own ids, identifiers, phones and streets are canaries too.
for line in (root / "Patient.ndjson").read_text().splitlines():
    p = json.loads(line)
    canaries.append(p["id"])
    canaries += [x["value"] for x in p.get("identifier", []) if len(x.get("value", "")) > 5]
    canaries += [t["value"] for t in p.get("telecom", [])]
    canaries += [l for a in p.get("address", []) for l in a.get("line", [])]
for rtype, resources in out.items():
    with open(root / f"{rtype}.ndjson", "a") as f:
        for r in resources: f.write(json.dumps(r, separators=(",", ":")) + "\n")
pathlib.Path(canary_file).write_text("\n".join(canaries) + "\n")
PY
[ "$(wc -l <canaries.txt)" -gt 150 ] || fail "too few canaries: $(wc -l <canaries.txt)"

export DEID_KEY="canary-test-key-0123456789abcdef"
export OTHER_KEY="another-test-key-0123456789abcdef"
# deid_plan NAME KEY_VAR : an ndjson -> ndjson plan with the Safe Harbor profile.
deid_plan() {
  cat >"$1.yaml" <<PLAN
version: 1
source: { adapter: ndjson, path: in }
target: { adapter: ndjson, path: $1 }
transforms:
  - deidentify: { profile: safe-harbor, key: env:$2 }
PLAN
}
deid_plan out DEID_KEY
run_ferry 0 run out.yaml -v --report report.json --junit junit.xml --summary-md summary.md
cp "$OUT" run.out; cp "$ERR" run.err
run_ferry 0 verify out.yaml -v
cp "$OUT" verify.out; cp "$ERR" verify.err
strings .ferry/out.state.db >state.txt

# No canary anywhere: outputs, reports, logs, state, dead-letter.
leaks=$(grep -rlaF -f canaries.txt out run.out run.err verify.out verify.err report.json junit.xml summary.md \
  state.txt .ferry/out.dead.ndjson 2>/dev/null || true)
[ -z "$leaks" ] || { grep -oaF -f canaries.txt $leaks | sort | uniq -c | head; fail "planted values leaked into: $leaks"; }

python3 - in out <<'PY'
import json, pathlib, sys
from datetime import datetime
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
def load(d, t): return [json.loads(l) for l in (d / f"{t}.ndjson").read_text().splitlines()]
ids = {(r["resourceType"], r["id"]) for f in dst.glob("*.ndjson") for r in map(json.loads, f.read_text().splitlines())}
def refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "reference": yield v
            else: yield from refs(v)
    elif isinstance(node, list):
        for v in node: yield from refs(v)
count = 0
for f in dst.glob("*.ndjson"):
    for r in map(json.loads, f.read_text().splitlines()):
        for ref in refs(r):
            t, i = ref.split("/")[:2]
            assert (t, i) in ids, f"{r['resourceType']} refers to {t}/<missing id>"
            count += 1
assert count > 500, f"only {count} references checked"
# Intervals: the i-th resource of a file is the i-th of the input (order is kept).
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
enc_in, enc_out = load(src, "Encounter"), load(dst, "Encounter")
by_id_in = {e["id"]: e for e in enc_in}
by_id_out = {e["id"]: e for e in enc_out}
checked = 0
for a, b in zip(load(src, "Observation"), load(dst, "Observation")):
    if "encounter" not in a or "effectiveDateTime" not in a: continue
    ea = by_id_in[a["encounter"]["reference"].split("/")[1]]
    eb = by_id_out[b["encounter"]["reference"].split("/")[1]]
    da = t(a["effectiveDateTime"]) - t(ea["period"]["start"])
    db = t(b["effectiveDateTime"]) - t(eb["period"]["start"])
    assert da == db, f"an interval changed: {da} -> {db}"
    assert a["effectiveDateTime"] != b["effectiveDateTime"], "a date was not shifted"
    checked += 1
assert checked > 100, f"only {checked} intervals checked"
for a, b in zip(load(src, "Patient"), load(dst, "Patient")):
    assert "name" not in b and "telecom" not in b and "photo" not in b and "text" not in b
    for addr in b.get("address", []):
        assert set(addr) <= {"state", "country", "postalCode", "use", "type"}, sorted(addr)
        assert len(addr.get("postalCode", "000")) == 3
    if "birthDate" in b: assert 2026 - int(b["birthDate"][:4]) <= 90, "an age over 89 was not grouped"
    if a["id"].startswith("canary-pat-") and a["birthDate"] < "1936": assert b["birthDate"] == "1936", b["birthDate"]
restricted = [p["address"][0]["postalCode"] for a, p in zip(load(src, "Patient"), load(dst, "Patient"))
              if a["id"].startswith("canary-pat-")]
assert restricted == ["000", "000", "000", "123", "123", "123"], restricted
PY

# The report counts what was removed or generalised, per element.
python3 - report.json <<'PY'
import json, sys
changes = {(c["path"], c["change"]): c["count"] for c in json.load(open(sys.argv[1]))["deidentified"]}
assert changes[("Patient.address.postalCode", "generalised")] >= 31, changes
assert changes[("Patient.telecom", "removed")] >= 6 * 4, changes
assert changes[("Device.udiCarrier", "removed")] == 6, changes
assert changes[("Observation.subject.reference", "pseudonymised")] > 100, changes
PY
grep -q '^| Patient\.name | removed | ' summary.md || fail "summary.md has no de-identification table"

# The same key: the same output, byte for byte; another key: other pseudonyms.
deid_plan again DEID_KEY
run_ferry 0 run again.yaml -q
for f in out/*.ndjson; do cmp "$f" "again/$(basename "$f")" || fail "a second run with the same key differs"; done
deid_plan other OTHER_KEY
run_ferry 0 run other.yaml -q
[ "$(head -1 out/Patient.ndjson | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')" != \
  "$(head -1 other/Patient.ndjson | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')" ] ||
  fail "another key gave the same pseudonym"
