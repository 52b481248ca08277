#!/usr/bin/env bash
# SIGKILL at random points, then --resume, with a target that rolls over into numbered
# parts: the parts end byte-identical to an uninterrupted run (each resource exactly once,
# in the same part at the same place), parts begun after the last checkpoint are removed
# on resume, and `ferry verify` exits 0.
source "$(dirname "$0")/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/ndjson_layout_lib.bash"
synth_csv 150 11 clinic
write_plan clean.yaml clinic/csv ndjson clean
sed -i 's/batch_size: 100/batch_size: 40, concurrency: 2/' clean.yaml
printf '  layout: bulk\n  max_file_resources: 150\n  max_file_bytes: 200000\n' >limits.yaml
sed -i '/^  path: clean$/r limits.yaml' clean.yaml
run_ferry 0 run clean.yaml
read -r files types < <(check_parts clean 150 200000)
[ "$files" -gt "$((types + 5))" ] || fail "too few rollovers to test: $files files for $types types"

for round in 1 2 3; do
  rm -rf out .ferry
  sed 's/^  path: clean$/  path: out/; s/^name: clean$/name: killed/' clean.yaml >plan.yaml
  run_with_sigkills plan.yaml 0
  run_ferry 0 verify plan.yaml
  check_parts out 150 200000 >/dev/null || fail "round $round: the parts break the layout"
  diff -r -x manifest.json clean out || fail "round $round: the parts differ from an uninterrupted run"
  echo "round $round: finished after $kills kills, $files files"
  total_kills=$((${total_kills:-0} + kills))
done
[ "${total_kills:-0}" -gt 0 ] || fail "no run was killed: nothing was tested"
