#!/usr/bin/env bash
# The ndjson target on S3 (a real Ceph RADOS Gateway) with `provider: aws-healthlake`,
# which picks the healthlake layout, and a small max_file_bytes: each part is its own
# object, manifest.json on the store lists every part with its size and SHA-256,
# `ferry verify` exits 0, and the parts read back from the prefix equal the source files.
source "$(dirname "$0")/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/storage_lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/ndjson_layout_lib.bash"
start_ceph
make_bucket fhir-import
"$FERRY" synth --patients 40 --seed 5 --format fhir --out syn -q
s3_plan up.yaml syn/fhir s3://fhir-import/healthlake/run1 "$S3_ENDPOINT" "  provider: aws-healthlake
  max_file_bytes: 40000"
s3_plan down.yaml s3://fhir-import/healthlake/run1 back "$S3_ENDPOINT"

run_ferry 0 validate up.yaml
! grep -q warning "$ERR" || { cat "$ERR"; fail "warnings for a limit inside the healthlake preset"; }
run_ferry 0 run up.yaml
run_ferry 0 verify up.yaml
expect_line "$ERR" "ferry: verify: source and target match"

# Every part is an object; fetch them all with the manifest and check the layout.
mkdir store
s3_keys fhir-import healthlake/run1/ >keys.txt
expect_line keys.txt healthlake/run1/Patient.000001.ndjson
expect_line keys.txt healthlake/run1/Observation.000002.ndjson
while read -r key; do
  s3 GET "/fhir-import/$key" "" -o "store/$(basename "$key")" | grep -qx 'HTTP 200' || fail "cannot read $key"
done <keys.txt
read -r files types < <(check_parts store 0 40000)
[ "$files" -gt "$types" ] || fail "nothing rolled over"
grep -q '"sha256"' store/manifest.json || fail "the manifest on the store has no SHA-256"
same_per_type syn/fhir store || fail "the objects do not add up to the source files"

# Back down through the ndjson source: one file per type, equal to the source.
run_ferry 0 run down.yaml
run_ferry 0 verify down.yaml
expect_same_ndjson syn/fhir back
echo "$files objects for $types types"
