#!/usr/bin/env bash
# Acceptance: no record field value appears in logs, errors or reports. Canary values
# are planted in the source (good rows and rows that fail), then every output stream and
# file of validate/plan/run/verify (logs at -v, text and JSON; JSON, JUnit and Markdown
# reports; the state file) is searched. Only the target and the dead-letter file may hold
# record content, by design.
source "$(dirname "$0")/lib.bash"
synth_csv 30 5 clinic
python3 - clinic/csv/patients.csv <<'PY'
import csv, sys
path = sys.argv[1]
rows = list(csv.DictReader(open(path, newline="")))
fields = list(rows[0].keys())
for i, row in enumerate(rows[:4]):
    row["FIRST"] = f"Canaryfirst{i}"
    row["LAST"] = f"Canarylast{i}"
    row["SSN"] = f"999-CANARY-{i}"
    row["ADDRESS"] = f"{i} Canary Street"
rows[1]["BIRTHDATE"] = "CANARYDATE"     # fails mapping: invalid date
rows[2]["GENDER"] = "CANARYGENDER"      # fails mapping or validation
with open(path, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=fields, lineterminator="\r\n")
    w.writeheader(); w.writerows(rows)
PY
write_plan plan.yaml clinic/csv sqlite store.db
outputs=()
capture() { local name=$1; shift; "$FERRY" "$@" >"$name.out" 2>"$name.err" || true; outputs+=("$name.out" "$name.err"); }
capture validate validate plan.yaml -v
capture plan plan plan.yaml -v
capture run1 run plan.yaml -vv --report report.json --junit junit.xml --summary-md summary.md
capture run2 run plan.yaml -vv --log-format json --report report2.json
capture dry run plan.yaml --dry-run -v --junit junit-dry.xml
capture verify verify plan.yaml -vv --log-format json
grep -q dead-lettered run1.err || fail "the canary rows were not dead-lettered"
strings .ferry/plan.state.db > state.txt
for file in "${outputs[@]}" report.json report2.json junit.xml junit-dry.xml summary.md state.txt; do
  [ -f "$file" ] || fail "missing output $file"
  if grep -i -n 'canary' "$file"; then fail "a planted value leaked into $file"; fi
done
grep -qi canary .ferry/plan.dead.ndjson || fail "the dead-letter file should keep the failed records"
