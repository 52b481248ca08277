#!/usr/bin/env bash
# An evaluation file is checked like a plan: every mistake at once, each at file:line:col,
# provider targets exactly as plan targets (did-you-mean, required keys, no inline
# secrets, and the secret's line is never shown); nothing is written. Usage errors exit 2.
source "$(dirname "$0")/lib.bash"
run_ferry 0 evaluate --help
grep -q 'Examples:' "$OUT" || fail "ferry evaluate --help has no examples"
cat >eval.yaml <<'YAML'
version: 1
populaton: { patients: 3 }
thresholds: { min_fidelity: 1.5 }
probes: [fidelity, speed]
providers:
  - name: a
    target: { adapter: sqlite }
  - name: a
    target: { adapter: sqllite, path: x.db }
    prefix: "bad prefix!"
  - name: c
    target: { adapter: postgres, database: d, user: u, password: Hunter2-Secret }
YAML
run_ferry 2 evaluate eval.yaml --out report
expect_line "$ERR" "ferry: error: eval.yaml:2:1: unknown key 'populaton' in the evaluation; did you mean 'population'?"
expect_line "$ERR" "eval.yaml:4:9: unknown probe 'speed'; the probes are capabilities, fidelity, throughput, limits, cost"
expect_line "$ERR" "eval.yaml:3:29: 'min_fidelity' in thresholds must be a number from 0 to 1"
expect_line "$ERR" "eval.yaml:7:13: missing required key 'path' in target (adapter sqlite): FHIR store file to write (created when absent)"
expect_line "$ERR" "eval.yaml:9:24: unknown adapter 'sqllite'; did you mean 'sqlite'?"
expect_line "$ERR" "eval.yaml:10:13: 'prefix' must be 1 to 16 letters, digits, '-' or '.' (it starts every id written)"
expect_line "$ERR" "eval.yaml:8:11: provider name 'a' is used twice; names must be unique"
expect_line "$ERR" "eval.yaml:12:66: inline secret in 'password' of target; secrets must be references: 'env:NAME' or 'file:PATH'"
! grep -q Hunter2 "$ERR" || fail "the inline secret was echoed"
[ ! -e report ] && [ ! -e x.db ] || fail "a refused evaluation wrote something"

run_ferry 2 evaluate
expect_line "$ERR" "ferry: error: evaluate: give either an evaluation file or --provider PLAN.yaml (one of them)"
run_ferry 2 evaluate eval.yaml --provider eval.yaml
run_ferry 2 evaluate missing.yaml
run_ferry 2 evaluate eval.yaml --format pdf
