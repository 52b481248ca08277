#!/usr/bin/env bash
# The fhir source: refuses a type the server lacks (per its CapabilityStatement, exit 2);
# follows the servers' `next` links (a server that lowers _count still gives everything);
# `since` keeps only what changed after an instant; an interrupted run (--limit) resumes
# from the saved page and position with nothing lost or duplicated.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/fhir_lib.bash"
start_fhir A FHIR_TYPES=Patient,Organization,Practitioner,Encounter,Observation,Condition FHIR_MAX_COUNT=7 FHIR_LOG_REQUESTS=1
"$FERRY" synth --patients 2 --seed 3 --format fhir --out synth -q && mv synth/fhir data
rm -f data/manifest.json
for f in data/*.ndjson; do
  case "$(basename "$f" .ndjson)" in Patient|Organization|Practitioner|Encounter|Observation|Condition) ;; *) rm "$f" ;; esac
done
fhir_tool load "$A_BASE" data
fhir_tool counts "$A_BASE" >expected.txt

fhir_plan lacks.yaml "{ adapter: fhir, base_url: '$A_BASE' }" "{ adapter: ndjson, path: lacks }" "resources: [Patient, Claim]"
run_ferry 2 run lacks.yaml
grep -q "does not support searching Claim (per its CapabilityStatement)" "$ERR" || { cat "$ERR"; fail "no refusal"; }

fhir_plan all.yaml "{ adapter: fhir, base_url: '$A_BASE', page_size: 50 }" "{ adapter: ndjson, path: all }"
run_ferry 0 run all.yaml
python3 - all >got.txt <<'PY'
import json, pathlib, sys, collections
c = collections.Counter(); ids = set()
for f in pathlib.Path(sys.argv[1]).glob("*.ndjson"):
    for l in f.read_text().splitlines():
        r = json.loads(l); c[r["resourceType"]] += 1; ids.add((r["resourceType"], r["id"]))
assert sum(c.values()) == len(ids), "duplicates"
for t, n in sorted(c.items()): print(t, n)
PY
diff expected.txt got.txt || fail "the source did not read every resource once"
grep -q "REQ GET /fhir/Observation?_count=7&_offset=7 200" "$A_LOG" || fail "next links were not followed"
grep -q "REQ GET /fhir/Patient?_count=50 200" "$A_LOG" || fail "the first page did not ask for page_size"
grep -q "REQ GET /fhir/metadata 200" "$A_LOG" || fail "the CapabilityStatement was not read"

fhir_plan resume.yaml "{ adapter: fhir, base_url: '$A_BASE', page_size: 5 }" "{ adapter: ndjson, path: resumed }" "options: { batch_size: 3 }"
run_ferry 0 run resume.yaml --limit 10
for _ in $(seq 1 40); do
  grep -q "stopped at --limit" "$ERR" || break
  run_ferry 0 run resume.yaml --resume --limit 10
done
grep -q "stopped at --limit" "$ERR" && fail "resuming did not reach the end"
python3 - resumed >got-resumed.txt <<'PY'
import json, pathlib, sys, collections
c = collections.Counter(); ids = set()
for f in pathlib.Path(sys.argv[1]).glob("*.ndjson"):
    for l in f.read_text().splitlines():
        r = json.loads(l); c[r["resourceType"]] += 1; ids.add((r["resourceType"], r["id"]))
assert sum(c.values()) == len(ids), "duplicates after resume"
for t, n in sorted(c.items()): print(t, n)
PY
diff expected.txt got-resumed.txt || fail "resuming lost or duplicated resources"

newest=$(python3 - "$A_BASE" <<'PY'
import json, sys, urllib.request
b = json.load(urllib.request.urlopen(sys.argv[1] + "/Patient?_count=1000"))
print(max(e["resource"]["meta"]["lastUpdated"] for e in b["entry"]))
PY
)
fhir_plan since.yaml "{ adapter: fhir, base_url: '$A_BASE', since: '$newest' }" "{ adapter: ndjson, path: since }" "resources: [Patient]"
run_ferry 0 run since.yaml
[ ! -s since/Patient.ndjson ] || fail "since: resources not updated after $newest were read"
