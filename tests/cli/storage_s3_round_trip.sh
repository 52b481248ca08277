#!/usr/bin/env bash
# Acceptance: a synthetic population goes to NDJSON objects on S3 (a real Ceph RADOS
# Gateway, which checks SigV4 signatures and payload hashes), comes back to a local
# directory byte-identical, and `ferry verify` exits 0 both ways; manifest.json on the
# store records each object's size and SHA-256, and verify notices an object changed
# behind ferry's back (exit 4).
source "$(dirname "$0")/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/storage_lib.bash"
start_ceph
make_bucket fhir-bulk
"$FERRY" synth --patients 60 --seed 11 --format fhir --out syn -q
s3_plan up.yaml syn/fhir s3://fhir-bulk/exports/run1 "$S3_ENDPOINT"
s3_plan down.yaml s3://fhir-bulk/exports/run1 back "$S3_ENDPOINT"

run_ferry 0 run up.yaml
run_ferry 0 verify up.yaml
expect_line "$ERR" "ferry: verify: source and target match"
s3_keys fhir-bulk exports/run1/ >keys.txt
expect_line keys.txt exports/run1/Patient.ndjson
expect_line keys.txt exports/run1/manifest.json

run_ferry 0 run down.yaml
run_ferry 0 verify down.yaml
expect_line "$ERR" "ferry: verify: source and target match"
expect_same_ndjson syn/fhir back

# The manifest on the store: size and SHA-256 of each object, as the local copy has them.
s3 GET /fhir-bulk/exports/run1/manifest.json | sed '$d' >manifest.json
python3 - <<'PY' || fail "manifest.json does not match the objects"
import hashlib, json, pathlib
outputs = json.load(open("manifest.json"))["output"]
assert len(outputs) == len(list(pathlib.Path("back").glob("*.ndjson"))), outputs
for entry in outputs:
    data = pathlib.Path("back", entry["url"]).read_bytes()
    assert entry["size"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest(), entry
    assert entry["count"] == data.count(b"\n"), entry
PY

# An object changed behind ferry's back: same resources, one line break more.
{ cat back/Patient.ndjson; echo; } >changed.ndjson
s3 PUT /fhir-bulk/exports/run1/Patient.ndjson changed.ndjson | grep -qx 'HTTP 200' || fail "cannot replace the object"
run_ferry 4 verify up.yaml
expect_line "$ERR" "ferry: error: S3 s3://fhir-bulk/exports/run1: Patient.ndjson: size or SHA-256 differs from manifest.json; the object was changed after ferry wrote it"
