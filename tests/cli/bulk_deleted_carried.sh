#!/usr/bin/env bash
# Acceptance (issue 3, item 4): resources deleted on server A after `_since` come back in
# the $export manifest's `deleted` files, and `ferry run` carries them to server B as
# deletes, in order with the changed resources: afterwards B holds exactly what A holds and
# `ferry verify` (a full export of A against B) exits 0. A second run deletes nothing again
# (the deletes count as unchanged). The same through the NDJSON hop, fhir-bulk -> ndjson
# (deleted.ndjson, listed under `deleted` in its manifest) -> fhir into server C; and into
# server D under `ids: uuid5`, where the deletes go to the ids ferry gave there.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"
fhir_tool() { python3 "$FERRY_SOURCE_DIR/tests/cli/fhir_tool.py" "$@"; }
now() { python3 -c 'import datetime; print(datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"))'; }

start_fhir; B_BASE=$FHIR_BASE; load_population 3 202
start_fhir; C_BASE=$FHIR_BASE; load_population 3 202
start_fhir; D_BASE=$FHIR_BASE   # empty: filled by ferry under ids: uuid5
start_fhir; A_BASE=$FHIR_BASE; load_population 3 202   # the same population on all three
diff <(fhir_tool dump "$A_BASE") <(fhir_tool dump "$B_BASE") >/dev/null || fail "A and B differ before the test"

plan() {  # plan FILE SOURCE_EXTRA TARGET_YAML [TOP_LEVEL_EXTRA]
  cat >"$1" <<PLAN
version: 1
name: $(basename "$1" .yaml)
source:
  adapter: fhir-bulk
  base_url: $A_BASE
  poll_interval: 1
$2
target: $3
options: { batch_size: 50 }
${4:-}
PLAN
}
plan full-d.yaml "" "{ adapter: fhir, base_url: '$D_BASE', ids: uuid5 }" "state: $WORK/d.state.db"
run_ferry 0 run full-d.yaml
sleep 1; SINCE=$(now); sleep 1

# On A: delete two Observations and an Encounter, and change one Patient.
python3 - "$A_BASE" "$WORK/population/fhir" >deleted.txt <<'PY'
import json, pathlib, sys, urllib.request
base, fhir = sys.argv[1], pathlib.Path(sys.argv[2])
def first(type_, n):
    return [json.loads(l) for l in (fhir / f"{type_}.ndjson").read_text().splitlines()[:n]]
for r in first("Observation", 2) + first("Encounter", 1):
    urllib.request.urlopen(urllib.request.Request(f"{base}/{r['resourceType']}/{r['id']}", method="DELETE"))
    print(f"{r['resourceType']}/{r['id']}")
patient = first("Patient", 1)[0]
patient["gender"] = "other" if patient.get("gender") != "other" else "unknown"
urllib.request.urlopen(urllib.request.Request(f"{base}/Patient/{patient['id']}", data=json.dumps(patient).encode(),
                       method="PUT", headers={"Content-Type": "application/fhir+json"}))
PY
[ "$(wc -l <deleted.txt)" = 3 ] || fail "the test did not delete three resources on A"

plan since-b.yaml "  since: '$SINCE'" "{ adapter: fhir, base_url: '$B_BASE' }"
plan full-b.yaml "" "{ adapter: fhir, base_url: '$B_BASE' }"

run_ferry 0 run since-b.yaml --report report.json --junit junit.xml --summary-md summary.md
expect_line "$ERR" "ferry: total: read 4 = written 1 + unchanged 0 + filtered 0 + dead-lettered 0 + deleted 3"
python3 - report.json junit.xml <<'PY'
import json, sys, xml.etree.ElementTree as ET
totals = json.load(open(sys.argv[1]))["totals"]
assert (totals["read"], totals["written"], totals["deleted"], totals["balanced"]) == (4, 1, 3, True), totals
outs = [e.text for e in ET.parse(sys.argv[2]).iter("system-out")]
assert sorted(outs) == ["deleted from the target: 1", "deleted from the target: 2"], outs
PY
grep -qF "| deleted |" summary.md || fail "the Markdown summary has no deleted column"
python3 - "$B_BASE" deleted.txt <<'PY' || fail "a resource deleted on A is still on B"
import sys, urllib.error, urllib.request
for ref in open(sys.argv[2]).read().split():
    try:
        urllib.request.urlopen(f"{sys.argv[1]}/{ref}")
        sys.exit(f"{ref} is still on B")
    except urllib.error.HTTPError as e:
        assert e.code in (404, 410), (ref, e.code)
PY
diff <(fhir_tool dump "$A_BASE") <(fhir_tool dump "$B_BASE") || fail "B does not hold exactly what A holds"
run_ferry 0 verify full-b.yaml

run_ferry 0 run since-b.yaml
expect_line "$ERR" "ferry: total: read 4 = written 0 + unchanged 4 + filtered 0 + dead-lettered 0"

# The NDJSON hop: A -> ndjson -> C.
plan since-ndjson.yaml "  since: '$SINCE'" "{ adapter: ndjson, path: $WORK/hop }"
plan full-c.yaml "" "{ adapter: fhir, base_url: '$C_BASE' }"
cat >upload-c.yaml <<PLAN
version: 1
name: upload-c
source: { adapter: ndjson, path: $WORK/hop }
target: { adapter: fhir, base_url: '$C_BASE', batch_size: 40 }
PLAN
run_ferry 0 run since-ndjson.yaml
python3 - hop deleted.txt <<'PY'
import json, pathlib, sys
hop = pathlib.Path(sys.argv[1])
urls = [e["request"]["url"] for l in (hop / "deleted.ndjson").read_text().splitlines() for e in json.loads(l)["entry"]]
assert sorted(urls) == sorted(pathlib.Path(sys.argv[2]).read_text().split()), urls
assert json.loads((hop / "manifest.json").read_text())["deleted"][0]["url"] == "deleted.ndjson"
PY
run_ferry 0 run upload-c.yaml
expect_line "$ERR" "ferry: total: read 4 = written 1 + unchanged 0 + filtered 0 + dead-lettered 0 + deleted 3"
diff <(fhir_tool dump "$A_BASE") <(fhir_tool dump "$C_BASE") || fail "C does not hold exactly what A holds"
run_ferry 0 verify full-c.yaml

# ids: uuid5 (name-based target ids): the deletes go to the ids the full run gave; the same plan state.
plan since-d.yaml "  since: '$SINCE'" "{ adapter: fhir, base_url: '$D_BASE', ids: uuid5 }" "state: $WORK/d.state.db"
run_ferry 0 run since-d.yaml
expect_line "$ERR" "ferry: total: read 4 = written 1 + unchanged 0 + filtered 0 + dead-lettered 0 + deleted 3"
diff <(fhir_tool counts "$A_BASE") <(fhir_tool counts "$D_BASE") || fail "D does not hold as many resources as A"
run_ferry 0 verify full-d.yaml
