#!/usr/bin/env bash
# Re-running after the source changed: the sqlite store replaces the changed resource
# (written 1, the rest unchanged); the append-only ndjson target never duplicates it but
# dead-letters it with a clear reason (exit 1). --limit stops early with a resume hint.
source "$(dirname "$0")/lib.bash"
synth_csv 10 8 clinic
write_plan store.yaml clinic/csv sqlite store.db
write_plan files.yaml clinic/csv ndjson out
run_ferry 0 run store.yaml
run_ferry 0 run files.yaml
python3 - clinic/csv/patients.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
rows[0]["LAST"] = rows[0]["LAST"] + "x"
with open(sys.argv[1], "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\r\n"); w.writeheader(); w.writerows(rows)
PY
run_ferry 0 run store.yaml
expect_line "$ERR" "ferry: Patient: read 10 = written 1 + unchanged 9 + filtered 0 + dead-lettered 0"
run_ferry 0 verify store.yaml
run_ferry 1 run files.yaml
expect_line "$ERR" "ferry: Patient: read 10 = written 0 + unchanged 9 + filtered 0 + dead-lettered 1"
grep -q '"error":"Patient: changed since an earlier run, and this target only appends; migrate into an empty target to replace it"' .ferry/files.dead.ndjson \
  || fail "no dead-letter entry for the changed patient"
read -r lines distinct < <(count_ids out)
[ "$lines" = "$distinct" ] || fail "the ndjson target now holds a duplicate"

rm -rf .ferry store.db
run_ferry 0 run store.yaml --limit 5
expect_line "$ERR" "ferry: stopped at --limit before the end of the source; state saved. Continue with: ferry run --resume store.yaml"
run_ferry 0 run store.yaml --resume
run_ferry 0 verify store.yaml
