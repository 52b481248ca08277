#!/usr/bin/env bash
# Acceptance: wrong S3 credentials give a clear error naming the store and the HTTP
# status, exit 3, and nothing is written to the bucket; the secret is never printed.
source "$(dirname "$0")/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/storage_lib.bash"
start_ceph
make_bucket fhir-bulk
"$FERRY" synth --patients 5 --seed 2 --format fhir --out syn -q
s3_plan up.yaml syn/fhir s3://fhir-bulk/run1 "$S3_ENDPOINT"
export WRONG_SECRET=not-the-secret-1234
sed -i 's/secret_access_key: env:S3_SECRET/secret_access_key: env:WRONG_SECRET/' up.yaml

run_ferry 3 run up.yaml -vv
expect_line "$ERR" "ferry: error: S3 s3://fhir-bulk/run1: list failed: HTTP 403 SignatureDoesNotMatch; check access_key_id and secret_access_key (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) and the bucket's permissions"
! grep -q "$WRONG_SECRET" "$OUT" "$ERR" || fail "the secret was printed"
[ -z "$(s3_keys fhir-bulk '')" ] || fail "something was written: $(s3_keys fhir-bulk '')"

rm -rf .ferry  # the failed run left its state behind

# An unknown access key is refused the same way (RGW: 403 InvalidAccessKeyId).
export S3_KEY=NOSUCHKEY
run_ferry 3 run up.yaml
expect_line "$ERR" "ferry: error: S3 s3://fhir-bulk/run1: list failed: HTTP 403 InvalidAccessKeyId; check access_key_id and secret_access_key (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) and the bucket's permissions"

rm -rf .ferry

# The standard AWS variables are used when the plan names no credentials.
export S3_KEY=TESTKEY
sed -i '/access_key_id\|secret_access_key/d' up.yaml
AWS_ACCESS_KEY_ID=TESTKEY AWS_SECRET_ACCESS_KEY=wrong run_ferry 3 run up.yaml
expect_line "$ERR" "ferry: error: S3 s3://fhir-bulk/run1: list failed: HTTP 403 SignatureDoesNotMatch; check access_key_id and secret_access_key (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) and the bucket's permissions"
rm -rf .ferry
AWS_ACCESS_KEY_ID=TESTKEY AWS_SECRET_ACCESS_KEY=TESTSECRET run_ferry 0 run up.yaml
[ -n "$(s3_keys fhir-bulk run1/Patient.ndjson)" ] || fail "the right AWS_* credentials wrote nothing"
