#!/usr/bin/env bash
# A site's own profile is data: a stricter profile (dates cut to the year, ids kept, every
# address and identifier removed) gives exactly that output; `ferry validate` checks a
# profile and reports each mistake at its file:line:col, and never echoes the key.
source "$(dirname "$0")/lib.bash"
export FERRY_FIXED_TIME=2026-01-01T00:00:00.000Z
"$FERRY" synth --patients 10 --seed 3 --format fhir --out synth -q
export DEID_KEY="custom-profile-key-0123456789abcdef"
cat >strict.yaml <<'YAML'
version: 1
name: strict
dates: year
ids: keep
elements:
  HumanName: remove
  Address: remove
  Identifier: remove
  ContactPoint: remove
  Attachment: remove
  Narrative: remove
  Extension: remove
  string: remove
  date: date
  dateTime: date
  instant: date
  Patient.birthDate: birthdate
  Coding.display: keep
YAML
cat >plan.yaml <<PLAN
version: 1
source: { adapter: ndjson, path: synth/fhir }
target: { adapter: ndjson, path: out }
resources: [Patient, Encounter]
transforms:
  - deidentify: { profile: strict.yaml, key: env:DEID_KEY }
PLAN
run_ferry 0 validate plan.yaml
expect_line "$ERR" "ferry: plan.yaml: OK (source ndjson, target ndjson, 1 transform)"
run_ferry 0 run plan.yaml -q --report report.json
python3 - synth/fhir out <<'PY'
import json, pathlib, re, sys
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for t in ["Patient", "Encounter"]:
    a = [json.loads(l) for l in (src / f"{t}.ndjson").read_text().splitlines()]
    b = [json.loads(l) for l in (dst / f"{t}.ndjson").read_text().splitlines()]
    assert [r["id"] for r in a] == [r["id"] for r in b], "ids: keep changed an id"
    for r in b:
        assert not {"name", "address", "identifier", "telecom", "extension", "text"} & set(r), sorted(r)
        for key in ("birthDate",):
            if key in r: assert re.fullmatch(r"\d{4}", r[key]), r[key]
        for key in ("start", "end"):
            if key in r.get("period", {}): assert re.fullmatch(r"\d{4}", r["period"][key]), r["period"]
PY
grep -q '"path": "Patient.address"' report.json || fail "the report does not count Patient.address"

# Mistakes in a profile: every one reported with its place; the plan is refused.
cat >typos.yaml <<'YAML'
version: 1
dates: month
elements:
  Adress.city: remove
  Patient.nam: remove
  HumanName: delete
YAML
sed 's/strict.yaml/typos.yaml/' plan.yaml >typos_plan.yaml
run_ferry 2 validate typos_plan.yaml
grep -qF "typos.yaml:2:8: 'dates' must be 'shift', 'year' or 'keep'" "$ERR" || fail "dates mistake not reported: $(cat "$ERR")"
grep -qF "typos.yaml:4:3: in elements: 'Adress' is not a FHIR R4 resource, datatype or backbone element" "$ERR" || fail "element typo not reported"
grep -qF "typos.yaml:5:3: in elements: 'Patient' has no element 'nam'" "$ERR" || fail "element name typo not reported"
grep -qF "typos.yaml:6:14: unknown action 'delete'" "$ERR" || fail "action typo not reported"
! grep -qF "$DEID_KEY" "$ERR" "$OUT" || fail "the key was printed"
sed 's/strict.yaml/missing.yaml/' plan.yaml >missing_plan.yaml
run_ferry 2 run missing_plan.yaml -q
grep -qF "cannot read the de-identification profile" "$ERR" || fail "a missing profile was not reported: $(cat "$ERR")"
