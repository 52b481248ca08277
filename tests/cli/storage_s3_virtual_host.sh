#!/usr/bin/env bash
# S3 virtual-host addressing (`addressing: virtual`, bucket.host:port/key) against the Ceph
# RADOS Gateway with `rgw dns name = localhost` (libcurl resolves *.localhost to loopback,
# so nothing leaves 127.0.0.1): a round trip, and verify exits 0.
source "$(dirname "$0")/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/storage_lib.bash"
start_ceph
make_bucket vhost-bucket
"$FERRY" synth --patients 10 --seed 6 --format fhir --out syn -q
endpoint=${S3_ENDPOINT/127.0.0.1/localhost}
s3_plan up.yaml syn/fhir s3://vhost-bucket/run1 "$endpoint" "  addressing: virtual"
run_ferry 0 run up.yaml -vv
grep -q "vhost-bucket.localhost:" "$ERR" || { cat "$ERR"; fail "the requests did not use virtual-host addressing"; }
run_ferry 0 verify up.yaml
expect_line <(s3_keys vhost-bucket run1/) run1/Patient.ndjson
