#!/usr/bin/env bash
# Acceptance (GCS XML API with HMAC keys): gs:// URLs take the S3-interoperable code path
# (SigV4 with HMAC keys, a custom endpoint); no GCS server can run here, so the path is
# checked against the Ceph RADOS Gateway: a population goes to gs://bucket/prefix and
# back, and `ferry verify` exits 0 both ways.
source "$(dirname "$0")/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/storage_lib.bash"
start_ceph
make_bucket gcs-bulk
"$FERRY" synth --patients 20 --seed 4 --format fhir --out syn -q
s3_plan up.yaml syn/fhir gs://gcs-bulk/run1 "$S3_ENDPOINT" "  region: us-east-1"
s3_plan down.yaml gs://gcs-bulk/run1 back "$S3_ENDPOINT"
sed -i 's/^  endpoint: /  region: us-east-1\n  endpoint: /' down.yaml
run_ferry 0 run up.yaml
run_ferry 0 verify up.yaml
run_ferry 0 run down.yaml
run_ferry 0 verify down.yaml
expect_same_ndjson syn/fhir back
expect_line <(s3_keys gcs-bulk run1/) run1/manifest.json
S3_SECRET=wrong run_ferry 3 verify up.yaml
expect_line "$ERR" "ferry: error: GCS gs://gcs-bulk/run1: list failed: HTTP 403 SignatureDoesNotMatch; check access_key_id and secret_access_key (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) and the bucket's permissions"
