#!/usr/bin/env bash
# `provenance: true`: after each batch that wrote resources, one FHIR Provenance goes to the
# target (sqlite store and ndjson): it targets exactly the batch's written resources (each
# written resource by exactly one Provenance), names ferry and its version, carries the plan
# file's SHA-256 and the source, and is valid R4; `ferry verify` still matches; a rerun that
# writes nothing adds none.
source "$(dirname "$0")/lib.bash"
export FERRY_FIXED_TIME=2026-02-03T04:05:06.789Z
synth_csv 30 4 clinic
write_plan store.yaml clinic/csv sqlite store.db
echo "provenance: true" >>store.yaml
run_ferry 0 run store.yaml -q
run_ferry 0 verify store.yaml -q
sqlite3 store.db "SELECT resource FROM resources WHERE resource_type = 'Provenance' ORDER BY id" >prov.ndjson
sqlite3 store.db "SELECT resource_type || '/' || id FROM resources WHERE resource_type != 'Provenance'" | sort >written.txt

# check_provenance PROV_NDJSON WRITTEN_LIST PLAN
check_provenance() {
  python3 - "$1" "$2" "$(sha256sum "$3" | cut -d' ' -f1)" "$("$FERRY" --version | cut -d' ' -f2)" <<'PY'
import json, sys
provs = [json.loads(l) for l in open(sys.argv[1])]
written = open(sys.argv[2]).read().split()
plan_sha, version = sys.argv[3], sys.argv[4]
assert len(provs) >= 2, f"{len(provs)} Provenance resources; expected one per batch"
targets = [t["reference"] for p in provs for t in p["target"]]
assert sorted(targets) == sorted(written), "Provenance targets are not exactly the written resources, once each"
for p in provs:
    assert p["id"].startswith("ferry-prov-")
    assert p["recorded"] == "2026-02-03T04:05:06.789Z"
    assert p["policy"] == ["urn:ferry:plan-sha256:" + plan_sha], p["policy"]
    assert p["agent"][0]["who"]["display"] == "ferry " + version
    what = p["entity"][0]["what"]
    assert p["entity"][0]["role"] == "source" and what["identifier"]["value"] == plan_sha
    assert what["display"].startswith("csv source "), what["display"]
PY
}
check_provenance prov.ndjson written.txt store.yaml

# A rerun writes nothing, so it adds no Provenance.
run_ferry 0 run store.yaml -q
[ "$(sqlite3 store.db "SELECT count(*) FROM resources WHERE resource_type = 'Provenance'")" = "$(wc -l <prov.ndjson)" ] ||
  fail "a run that wrote nothing added Provenance"

# ndjson: Provenance.ndjson, every line valid R4 (read back through an ndjson source).
write_plan nd.yaml clinic/csv ndjson out
echo "provenance: true" >>nd.yaml
run_ferry 0 run nd.yaml -q
run_ferry 0 verify nd.yaml -q
[ -s out/Provenance.ndjson ] || fail "no out/Provenance.ndjson"
cat out/*.ndjson | python3 -c 'import json,sys; [print(r["resourceType"] + "/" + r["id"]) for r in map(json.loads, sys.stdin) if r["resourceType"] != "Provenance"]' | sort >nd_written.txt
check_provenance out/Provenance.ndjson nd_written.txt nd.yaml
mkdir only_prov && cp out/Provenance.ndjson only_prov/
cat >readback.yaml <<PLAN
version: 1
source: { adapter: ndjson, path: only_prov }
target: { adapter: ndjson, path: readback }
PLAN
run_ferry 0 run readback.yaml -q
[ "$(wc -l <readback/Provenance.ndjson)" = "$(wc -l <out/Provenance.ndjson)" ] || fail "some Provenance is not valid R4"
