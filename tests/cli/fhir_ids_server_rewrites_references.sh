#!/usr/bin/env bash
# `ids: server` (the target assigns ids) in batch and in transaction Bundles: every
# resource arrives once under a new id, every reference is rewritten to the target's ids
# and resolves there, `ferry verify` matches through the id crosswalk, and a re-run
# without the state file (the crosswalk stays beside it) duplicates nothing. `uuid5` ids
# are deterministic and rewritten the same way.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/fhir_lib.bash"
start_fhir_servers A B1 B2 B3
"$FERRY" synth --patients 2 --seed 5 --format fhir --out synth -q && mv synth/fhir data
fhir_tool load "$A_BASE" data
fhir_tool counts "$A_BASE" >expected.txt

targets=("$B1_BASE" "$B2_BASE" "$B3_BASE")
for mode in "ids: server" "ids: server, bundle: transaction" "ids: uuid5"; do
  B_BASE=${targets[0]}; targets=("${targets[@]:1}")
  name=$(echo "$mode" | tr -dc 'a-z0-9')
  fhir_plan "$name.yaml" "{ adapter: fhir, base_url: '$A_BASE' }" "{ adapter: fhir, base_url: '$B_BASE', $mode }"
  run_ferry 0 run "$name.yaml"
  fhir_tool counts "$B_BASE" >on-b.txt
  diff expected.txt on-b.txt || fail "$mode: B does not hold every resource exactly once"
  [ -z "$(comm -12 <(fhir_tool ids "$A_BASE" Patient) <(fhir_tool ids "$B_BASE" Patient))" ] ||
    fail "$mode: Patient ids were not replaced"
  refs=$(fhir_tool refs "$B_BASE")
  [[ "$refs" =~ ^references\ [1-9][0-9]*\ unresolved\ 0$ ]] || fail "$mode: references on B: $refs"
  run_ferry 0 verify "$name.yaml"
  expect_line "$ERR" "ferry: verify: source and target match"
  rm -f ".ferry/$name.state.db"
  run_ferry 0 run "$name.yaml"
  fhir_tool counts "$B_BASE" >on-b-again.txt
  diff expected.txt on-b-again.txt || fail "$mode: the re-run duplicated resources"
done
