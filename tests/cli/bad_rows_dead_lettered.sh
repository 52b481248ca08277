#!/usr/bin/env bash
# Acceptance: a broken CSV row, a row with an unmapped code and a row with an invalid
# date are dead-lettered (exactly those, with stage, reason and file:line); the other
# rows are written; exit 1.
source "$(dirname "$0")/lib.bash"
mkdir in
printf 'Id,BIRTHDATE,GENDER\np1,1980-01-02,M\np2,1981-02-03,F,extra\np3,1982-03-04,X\np4,1983-02-30,F\np5,1984-05-06,F\n' > in/patients.csv
cat > map.yaml <<'MAP'
mapping: mini
version: 1
system: urn:ferry:test
rules:
  - from: patients
    to: Patient
    key: Id
    set:
      identifier[0].value: { col: Id }
      gender: { col: GENDER, map: { M: male, F: female } }
      birthDate: { col: BIRTHDATE, date: "%Y-%m-%d" }
MAP
cat > plan.yaml <<'PLAN'
version: 1
source: { adapter: csv, path: in, mapping: map.yaml }
target: { adapter: ndjson, path: out }
PLAN
run_ferry 1 run plan.yaml
expect_line "$ERR" "ferry: Patient: read 5 = written 2 + unchanged 0 + filtered 0 + dead-lettered 3"
python3 - .ferry/plan.dead.ndjson <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
got = [(r["stage"], r["location"], r["error"]) for r in rows]
want = [
  ("read", "patients.csv:3", "row has 4 fields, header has 3"),
  ("map", "patients.csv:4", "patients->Patient: Patient.gender: unmapped code in column GENDER"),
  ("map", "patients.csv:5", "patients->Patient: Patient.birthDate: column BIRTHDATE is not a date in format %Y-%m-%d"),
]
assert got == want, got
PY
[ "$(wc -l < out/Patient.ndjson)" = 2 ] || fail "expected 2 patients written"
