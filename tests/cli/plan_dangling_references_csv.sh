#!/usr/bin/env bash
# `ferry plan --references` on a tabular source: the Synthea-layout CSV is mapped as a run
# would map it. The synthetic population's references all resolve; after one encounter
# row is pointed at a patient who is not in patients.csv, exactly that row is reported,
# at its CSV line, under the mapped element path, with no id printed.
source "$(dirname "$0")/lib.bash"
synth_csv 4 11 clinic
write_plan plan.yaml "$WORK/clinic/csv" ndjson out

run_ferry 0 plan plan.yaml --references --strict-references
grep -q "^references: [1-9][0-9]* references checked in [1-9][0-9]* resources from [1-9][0-9]* records; 0 point outside the data set$" "$OUT" \
  || { cat "$OUT"; fail "the synthetic population has dangling references"; }
cat "$OUT" "$ERR" >all.txt

# Row 3 of encounters.csv (line 4) now names a patient who does not exist.
python3 - <<'PY'
import csv
path = "clinic/csv/encounters.csv"
with open(path, newline="") as f: rows = list(csv.reader(f))
column = rows[0].index("PATIENT")
rows[3][column] = "0badc0de-0000-4000-8000-00000000ca11"
with open(path, "w", newline="") as f: csv.writer(f, lineterminator="\n").writerows(rows)
PY
run_ferry 1 plan plan.yaml --references --strict-references --report refs.json
cat "$OUT" "$ERR" >>all.txt
grep -q "^references: .*; 1 point outside the data set$" "$OUT" || { cat "$OUT"; fail "expected 1 dangling reference"; }
expect_line "$OUT" "  Encounter.subject -> Patient: 1 missing, first at encounters.csv:4"
[ "$(grep -c ' -> .*, first at ' "$OUT")" = 1 ] || fail "expected exactly one group"
python3 -c '
import json; r = json.load(open("refs.json"))["references"]
assert r["dangling"] == 1 and r["groups"][0]["first_locations"] == ["encounters.csv:4"], r' || fail "refs.json"

# No patient id (the planted one or any from patients.csv) in anything printed.
cut -d, -f1 clinic/csv/patients.csv | tail -n +2 >ids.txt
echo 0badc0de-0000-4000-8000-00000000ca11 >>ids.txt
if grep -F -f ids.txt all.txt refs.json; then fail "an id was printed"; fi
echo ok
