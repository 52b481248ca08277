#!/usr/bin/env bash
# ferry evaluate on the embedded store: refuses a target that already holds data (exit 2,
# nothing written) unless a prefix keeps the evaluation apart; deletes what it wrote (and
# only that); --keep leaves it; a score equal to min_fidelity passes; --format picks the
# reports; --provider evaluates a plan's target.
source "$(dirname "$0")/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/evaluate_lib.bash"
synth_csv 2 3 clinic
write_plan plan.yaml clinic/csv sqlite store.db
run_ferry 0 run plan.yaml -q
before=$(sqlite3 store.db 'SELECT count(*) FROM resources')
cat >eval.yaml <<'YAML'
version: 1
population: { patients: 2, seed: 9 }
probes: [fidelity, cost]
providers:
  - name: busy store
    target: { adapter: sqlite, path: store.db }
YAML
run_ferry 2 evaluate eval.yaml --out report
expect_line "$ERR" "ferry: error: eval.yaml:5:5: provider 'busy store': the target already holds data; ferry evaluate writes and then deletes test data, so give it an empty target, or set 'prefix: <text>' to keep the evaluation's resources apart by id"
[ ! -e report ] || fail "a refused evaluation wrote a report"

sed -i 's/^    target:/    prefix: ev-\n    target:/' eval.yaml
run_ferry 0 evaluate eval.yaml --out report
check_schema report/report.json
[ "$(sqlite3 store.db 'SELECT count(*) FROM resources')" = "$before" ] || fail "the store's own data changed"
[ "$(sqlite3 store.db "SELECT count(*) FROM resources WHERE id LIKE 'ev-%'")" = 0 ] || fail "evaluation data left"
python3 -c "
import json; p = json.load(open('report/report.json'))['providers'][0]
assert p['fidelity']['score'] == 1
assert p['cleanup']['removed'] == sum(t['resources_sent'] for t in p['fidelity']['by_type'])
assert p['cost'] is None and p['notes'] == ['cost: no pricing block for this provider'], p['notes']
" || fail "prefixed evaluation report"

run_ferry 0 evaluate eval.yaml --out report --keep
kept=$(sqlite3 store.db "SELECT count(*) FROM resources WHERE id LIKE 'ev-%'")
[ "$kept" -gt 0 ] || fail "--keep deleted the evaluation's resources"
run_ferry 2 evaluate eval.yaml --out report
expect_line "$ERR" "ferry: error: eval.yaml:5:5: provider 'busy store': the target already holds $kept resources whose id starts with prefix 'ev-'; choose another prefix"

# A refusal of one provider writes nothing to the others (the store file that checking
# the first one created is deleted again).
cat >two.yaml <<'YAML'
version: 1
probes: [fidelity]
providers:
  - name: fresh
    target: { adapter: sqlite, path: fresh.db }
  - name: busy
    target: { adapter: sqlite, path: store.db }
YAML
run_ferry 2 evaluate two.yaml --out two
[ ! -e fresh.db ] || fail "a refused evaluation left the store file it created"

# So does an unreachable target (exit 3): nothing is left behind.
cat >down.yaml <<'YAML'
version: 1
probes: [fidelity]
providers:
  - name: fresh
    target: { adapter: sqlite, path: fresh.db }
  - name: down
    target: { adapter: postgres, host: 127.0.0.1, port: 1, database: d, user: u }
YAML
run_ferry 3 evaluate down.yaml --out down
[ ! -e fresh.db ] && [ ! -e down ] || fail "an unreachable target left files behind"

# The store keeps everything, so even min_fidelity 1 passes.
cat >strict.yaml <<'YAML'
version: 1
population: { patients: 1 }
probes: [fidelity]
thresholds: { min_fidelity: 1 }
providers:
  - name: fresh
    target: { adapter: sqlite, path: fresh.db }
YAML
run_ferry 0 evaluate strict.yaml --out strict --format json
[ ! -e fresh.db ] || fail "the store file the evaluation created is left"
[ ! -e strict/report.md ] || fail "--format json wrote report.md"

write_plan other.yaml clinic/csv sqlite other.db
run_ferry 0 evaluate --provider other.yaml --out single --format md
grep -qF "| adapter | sqlite |" single/report.md || fail "--provider report"
[ ! -e other.db ] || fail "--provider left the store file"
