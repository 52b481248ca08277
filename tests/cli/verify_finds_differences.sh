#!/usr/bin/env bash
# ferry verify exits 4 and names (by id only) a missing, a changed and a duplicated
# resource in the target; an untouched target verifies with exit 0.
source "$(dirname "$0")/lib.bash"
synth_csv 10 9 clinic
write_plan plan.yaml clinic/csv ndjson out
run_ferry 0 run plan.yaml
run_ferry 0 verify plan.yaml
python3 - out/Patient.ndjson > ids.txt <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
ids = [json.loads(l)["id"] for l in lines]
changed = json.loads(lines[1]); changed["gender"] = "other"
lines = lines[1:]                       # the first patient goes missing
lines[0] = json.dumps(changed, separators=(",", ":"))
lines.append(lines[2])                  # the fourth patient appears twice
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
print(ids[0], ids[1], ids[3])
PY
read -r missing changed duplicated < ids.txt
run_ferry 4 verify plan.yaml
expect_line "$OUT" "Patient: source 10, target 10: 1 missing, 0 unexpected, 1 different, 1 duplicated"
expect_line "$OUT" "  missing Patient/$missing"
expect_line "$OUT" "  different Patient/$changed"
expect_line "$OUT" "  duplicated Patient/$duplicated"
! grep -q '"gender"' "$OUT" "$ERR" || fail "verify printed resource content"
