#!/usr/bin/env bash
# Every subcommand has --help with examples; usage errors exit 2.
source "$(dirname "$0")/lib.bash"
run_ferry 0 --version
grep -q '^ferry [0-9]' "$OUT" || fail "no version line"
for cmd in validate plan run verify adapters synth mapping "mapping test" archive "archive verify" "archive list"; do
  run_ferry 0 $cmd --help
  grep -q 'Examples:' "$OUT" || fail "ferry $cmd --help has no examples"
done
run_ferry 2 frobnicate
run_ferry 2 run
run_ferry 2 run does-not-exist.yaml
run_ferry 0 adapters
grep -q '^csv ' "$OUT" || fail "csv missing from ferry adapters"
