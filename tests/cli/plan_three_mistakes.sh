#!/usr/bin/env bash
# Acceptance: a plan with a typo'd key, a wrong type and an inline secret gets three
# errors with line:column in one run, exit 2, and the secret is not echoed.
source "$(dirname "$0")/lib.bash"
cat > plan.yaml <<'PLAN'
version: 1
source: { adapter: csv, path: in, mapping: map.yaml }
target: { adapter: sqlite, path: out.db }
options:
  hash_key: Canary-Secret-42
  bacth_size: 10
  concurrency: many
PLAN
run_ferry 2 validate plan.yaml
expect_line "$ERR" "ferry: error: plan.yaml:6:3: unknown key 'bacth_size' in options; did you mean 'batch_size'?"
expect_line "$ERR" "plan.yaml:7:16: 'concurrency' in options must be a whole number from 0 to 256"
expect_line "$ERR" "plan.yaml:5:13: inline secret in 'hash_key' of options; secrets must be references: 'env:NAME' or 'file:PATH'"
[ "$(grep -c 'plan.yaml:[0-9]*:[0-9]*: ' "$ERR")" = 3 ] || fail "expected exactly three errors"
! grep -q Canary-Secret-42 "$ERR" "$OUT" || fail "the inline secret was echoed"
run_ferry 2 run plan.yaml
