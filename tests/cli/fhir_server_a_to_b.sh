#!/usr/bin/env bash
# Acceptance (issue 3): synthetic NDJSON -> FHIR server A (fhir target), then server A ->
# server B (fhir source -> fhir target): every resource arrives exactly once (counts and
# ids by type), references resolve on B, `ferry verify` exits 0, and re-running (with and
# without the state file) duplicates nothing.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/fhir_lib.bash"
start_fhir_servers A B
"$FERRY" synth --patients 3 --seed 11 --format fhir --out synth -q && mv synth/fhir data

fhir_plan load.yaml "{ adapter: ndjson, path: data }" "{ adapter: fhir, base_url: '$A_BASE' }"
fhir_plan copy.yaml "{ adapter: fhir, base_url: '$A_BASE', page_size: 25 }" "{ adapter: fhir, base_url: '$B_BASE', batch_size: 40 }"
run_ferry 0 run load.yaml
run_ferry 0 run copy.yaml

python3 - data >expected.txt <<'PY'
import json, pathlib, sys, collections
counts = collections.Counter(json.loads(l)["resourceType"] for f in pathlib.Path(sys.argv[1]).glob("*.ndjson")
                             for l in f.read_text().splitlines() if l)
for t, n in sorted(counts.items()): print(t, n)
PY
[ "$(wc -l <expected.txt)" -ge 5 ] || fail "synth made too few types: $(cat expected.txt)"
fhir_tool counts "$A_BASE" >on-a.txt
fhir_tool counts "$B_BASE" >on-b.txt
diff expected.txt on-a.txt || fail "server A does not hold the data exactly once"
diff expected.txt on-b.txt || fail "server B does not hold the data exactly once"
for type in $(cut -d' ' -f1 expected.txt); do
  diff <(fhir_tool ids "$A_BASE" "$type") <(fhir_tool ids "$B_BASE" "$type") >/dev/null || fail "ids of $type differ on B"
done
refs=$(fhir_tool refs "$B_BASE")
[[ "$refs" =~ ^references\ [1-9][0-9]*\ unresolved\ 0$ ]] || fail "references on B: $refs"
cmp <(fhir_tool dump "$A_BASE") <(fhir_tool dump "$B_BASE") || fail "resources on B differ from A"

run_ferry 0 verify copy.yaml
expect_line "$ERR" "ferry: verify: source and target match"
run_ferry 0 run copy.yaml --report again.json
python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['totals']; assert t['written'] == 0 and t['unchanged'] > 0, t" again.json
rm -rf .ferry
run_ferry 0 run copy.yaml
fhir_tool counts "$B_BASE" >on-b-again.txt
diff expected.txt on-b-again.txt || fail "a run with a new state file duplicated resources on B"
